import { useEffect, useState } from 'preact/hooks';
import { HANDOFF_CATEGORIES } from '../../../shared/handoff-categories';
import { fmtDate, problemText, useConsole, useLoad } from '../context';
import type { TestQuestion, TestRun } from '../types';

type ExpectKind = 'products' | 'policyQuoteContains' | 'handoff' | 'noHandoff';

function describeExpect(e: TestQuestion['expect']): string {
  if ('products' in e) return `shows ${e.products.join(', ')}`;
  if ('policyQuoteContains' in e) return `quotes "${e.policyQuoteContains}"`;
  if ('handoff' in e) return `hands off (${e.handoff.replace(/_/g, ' ')})`;
  return 'answers without a handoff';
}

function RunResults({ run }: { run: TestRun }) {
  return (
    <table class="con-table" data-testid="run-results">
      <caption>
        Run of {fmtDate(run.createdAt)}: {run.passed} passed, {run.failed} failed · engine {run.engine} · {run.tokens} tokens
      </caption>
      <thead>
        <tr>
          <th scope="col">Result</th>
          <th scope="col">Question</th>
          <th scope="col">Expected</th>
          <th scope="col">What happened</th>
        </tr>
      </thead>
      <tbody>
        {run.results.map((r) => (
          <tr key={r.caseId} class={r.pass ? 'is-pass' : 'is-fail'}>
            <td>
              <strong class={r.pass ? 'con-pass' : 'con-fail'}>{r.pass ? 'PASS' : 'FAIL'}</strong>
            </td>
            <td>
              {r.question}
              {r.as !== 'guest' && <div class="kit-muted">as customer {r.as}</div>}
            </td>
            <td>{describeExpect(r.expect)}</td>
            <td>
              {r.reasons.length > 0 && (
                <ul class="con-reasons">
                  {r.reasons.map((x, i) => (
                    <li key={i}>{x}</li>
                  ))}
                </ul>
              )}
              <details>
                <summary>Reply</summary>
                <p class="con-quote">{r.reply}</p>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TestsPage() {
  const ctx = useConsole();
  const questions = useLoad<{ questions: TestQuestion[] }>('/test-questions');
  const runs = useLoad<{ runs: TestRun[] }>('/test-runs?limit=20');
  const shop = useLoad<{ shop: { settings: { budgets: { tokensPerDay?: number } } } }>('');
  const [question, setQuestion] = useState('');
  const [as, setAs] = useState('guest');
  const [kind, setKind] = useState<ExpectKind>('noHandoff');
  const [value, setValue] = useState('');
  const [category, setCategory] = useState<string>('refund');
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const [latest, setLatest] = useState<TestRun | null>(null);

  // A knowledge gap sent from the Metrics page.
  useEffect(() => {
    if (ctx.draftQuestion) {
      setQuestion(ctx.draftQuestion);
      ctx.setDraftQuestion(null);
      document.getElementById('tq-question')?.focus();
    }
  }, []);

  async function add(e: Event) {
    e.preventDefault();
    setFormError(null);
    const expect =
      kind === 'products'
        ? { products: value.split(',').map((s) => s.trim()).filter(Boolean) }
        : kind === 'policyQuoteContains'
          ? { policyQuoteContains: value.trim() }
          : kind === 'handoff'
            ? { handoff: category }
            : { noHandoff: true };
    try {
      await ctx.client.post('/test-questions', { question, as: as.trim() || 'guest', expect });
      setQuestion('');
      setValue('');
      questions.reload();
    } catch (err) {
      const issues = (err as { problem?: { issues?: { path?: unknown[]; message?: string }[] } }).problem?.issues ?? [];
      setFormError([problemText(err, ctx), ...issues.map((i) => `${(i.path ?? []).join('.')}: ${i.message ?? ''}`)].join(' · '));
    }
  }
  async function remove(id: string) {
    try {
      await ctx.client.del(`/test-questions/${encodeURIComponent(id)}`);
      questions.reload();
    } catch (err) {
      setFormError(problemText(err, ctx));
    }
  }
  async function run() {
    setConfirming(false);
    setRunning(true);
    setRunError(null);
    try {
      const { run } = await ctx.client.post<{ run: TestRun }>('/test-questions/run');
      setLatest(run);
      runs.reload();
    } catch (err) {
      setRunError(problemText(err, ctx));
    } finally {
      setRunning(false);
    }
  }

  const list = questions.data?.questions ?? [];
  const budget = shop.data?.shop.settings.budgets.tokensPerDay;
  return (
    <section aria-labelledby="tests-title">
      <h2 id="tests-title" tabIndex={-1}>
        Test questions
      </h2>
      <p class="kit-muted">
        Your own questions with what a right answer does. A run asks each one through the real assistant in dry-run: no ticket, email, webhook or metric comes of
        it.
      </p>

      <form class="con-form con-tq-form" onSubmit={add}>
        <fieldset>
          <legend>New test question</legend>
          <div class="con-field">
            <label for="tq-question">Question</label>
            <textarea id="tq-question" rows={2} required value={question} onInput={(e) => setQuestion((e.target as HTMLTextAreaElement).value)} />
          </div>
          <div class="con-field">
            <label for="tq-as">Asked as</label>
            <input id="tq-as" value={as} onInput={(e) => setAs((e.target as HTMLInputElement).value)} aria-describedby="tq-as-hint" />
            <small id="tq-as-hint" class="kit-muted">
              "guest", or a customer id of this shop (the Worker signs in as them, and records it in the audit).
            </small>
          </div>
          <div class="con-field">
            <label for="tq-kind">A right answer</label>
            <select id="tq-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as ExpectKind)}>
              <option value="noHandoff">answers without a handoff</option>
              <option value="products">shows these products</option>
              <option value="policyQuoteContains">quotes the policy with this text</option>
              <option value="handoff">hands off to a person</option>
            </select>
          </div>
          {(kind === 'products' || kind === 'policyQuoteContains') && (
            <div class="con-field">
              <label for="tq-value">{kind === 'products' ? 'Product ids (comma separated)' : 'Text the quote contains'}</label>
              <input id="tq-value" required value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
            </div>
          )}
          {kind === 'handoff' && (
            <div class="con-field">
              <label for="tq-category">Category</label>
              <select id="tq-category" value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
                {HANDOFF_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit">Add test question</button>
          {formError && (
            <p class="kit-error" role="alert">
              {formError}
            </p>
          )}
        </fieldset>
      </form>

      <h3>Questions ({list.length})</h3>
      {questions.error && <p class="kit-error" role="alert">{questions.error}</p>}
      {list.length === 0 ? (
        <p class="kit-muted">No test question yet.</p>
      ) : (
        <ul class="con-list" data-testid="questions">
          {list.map((q) => (
            <li key={q.id}>
              <span>{q.question}</span> <span class="kit-muted">— {describeExpect(q.expect)}{q.as !== 'guest' ? `, as ${q.as}` : ''}</span>{' '}
              <button class="kit-secondary con-small" onClick={() => remove(q.id)} aria-label={`Delete test question: ${q.question}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}

      {list.length > 0 && !confirming && (
        <button onClick={() => setConfirming(true)} disabled={running}>
          {running ? 'Running…' : `Run ${list.length} test question${list.length === 1 ? '' : 's'}`}
        </button>
      )}
      {confirming && (
        <div class="con-confirm" role="group" aria-labelledby="tq-confirm-text">
          <p id="tq-confirm-text">
            Each question runs through the configured engine. With a model, its tokens count against the shop's daily token budget
            {budget ? ` (${budget.toLocaleString('en')} tokens a day)` : ' (no daily cap is set)'}, the same budget shoppers' chats use.
          </p>
          <button onClick={run}>Run now</button>{' '}
          <button class="kit-secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      <div aria-live="polite">
        {runError && <p class="kit-error" role="alert">{runError}</p>}
        {latest && <RunResults run={latest} />}
      </div>

      <h3>History</h3>
      {runs.data && runs.data.runs.length === 0 && <p class="kit-muted">No run yet.</p>}
      {runs.data && runs.data.runs.length > 0 && (
        <table class="con-table" data-testid="history">
          <caption class="kit-visually-hidden">Earlier runs</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Engine</th>
              <th scope="col">Passed</th>
              <th scope="col">Failed</th>
              <th scope="col">Tokens</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.runs.map((r) => (
              <tr key={r.id}>
                <td>{fmtDate(r.createdAt)}</td>
                <td>{r.engine}</td>
                <td>{r.passed}</td>
                <td>{r.failed}</td>
                <td>{r.tokens}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
