import { useState } from 'preact/hooks';
import { BarChart, type Datum } from '../components/Chart';
import { fmtDate, problemText, useConsole, useLoad } from '../context';
import type { KnowledgeGap, MetricsReport } from '../types';

const SOURCE_LABELS: Record<string, string> = { gate: 'Policy gate', guard: 'Promise guard', model: 'Model', failure: 'Failure', shopper: 'Shopper asked', other: 'Other' };

/** The metrics with one prefix (e.g. `handoff_source:`) as chart data, largest first. */
function breakdown(totals: Record<string, number>, prefix: string, labels: Record<string, string> = {}): Datum[] {
  return Object.entries(totals)
    .filter(([k, v]) => k.startsWith(prefix) && v > 0)
    .map(([k, v]) => {
      const name = k.slice(prefix.length);
      return { label: labels[name] ?? name.replace(/_/g, ' '), value: v, metric: k };
    })
    .sort((a, b) => b.value - a.value);
}

/** Assisted mode: the share of reviewed AI replies a person changed before sending. */
export function modifiedShare(t: Record<string, number>): string {
  const reviewed = (t.assisted_approved ?? 0) + (t.assisted_edited ?? 0);
  return reviewed ? `${Math.round(((t.assisted_edited ?? 0) / reviewed) * 100)}% (${t.assisted_edited ?? 0} of ${reviewed})` : '-';
}

const minutes = (ms: number) => `${(ms / 60_000).toLocaleString('en', { maximumFractionDigits: 1 })} min`;

export function MetricsPage() {
  const ctx = useConsole();
  const [days, setDays] = useState(30);
  const metrics = useLoad<MetricsReport>(`/metrics?days=${days}`);
  const gaps = useLoad<{ gaps: KnowledgeGap[] }>(`/knowledge-gaps?days=${days}`);
  const [status, setStatus] = useState('');

  async function recompute() {
    setStatus('Recomputing the last 7 days…');
    try {
      const r = await ctx.client.post<{ rowsWritten: number; gapsWritten: number }>('/metrics/rollup');
      setStatus(`Recomputed: ${r.rowsWritten} rows written, ${r.gapsWritten} new knowledge gaps.`);
      metrics.reload();
      gaps.reload();
    } catch (err) {
      setStatus(problemText(err, ctx));
    }
  }

  const t = metrics.data?.totals ?? {};
  const turns = t.turns ?? 0;
  const pct = (n: number) => (turns ? ` (${Math.round((n / turns) * 100)}%)` : '');
  const summary: { label: string; metric: string; value: string }[] = [
    { label: 'Conversations', metric: 'conversations', value: String(t.conversations ?? 0) },
    { label: 'Turns', metric: 'turns', value: String(turns) },
    { label: 'Answered without a person', metric: 'answered_without_person', value: `${t.answered_without_person ?? 0}${pct(t.answered_without_person ?? 0)}` },
    { label: 'Handoffs', metric: 'handoffs', value: String(t.handoffs ?? 0) },
    { label: 'Blocked promises', metric: 'blocked_promises', value: String(t.blocked_promises ?? 0) },
    { label: 'Fallbacks', metric: 'fallbacks', value: String(t.fallbacks ?? 0) },
    { label: 'Mean reply time', metric: 'reply_ms_total', value: turns ? `${Math.round((t.reply_ms_total ?? 0) / turns)} ms` : '-' },
    { label: 'CSAT', metric: 'csat_count', value: t.csat_count ? `${((t.csat_sum ?? 0) / t.csat_count).toFixed(1)} of 5 (${t.csat_count} ratings)` : 'no ratings' },
    { label: 'First human response', metric: 'first_response_count', value: t.first_response_count ? `${minutes((t.first_response_ms_total ?? 0) / t.first_response_count)} mean (${t.first_response_count} tickets)` : '-' },
    { label: 'Time to resolve', metric: 'resolved_count', value: t.resolved_count ? `${minutes((t.resolve_ms_total ?? 0) / t.resolved_count)} mean (${t.resolved_count} tickets)` : '-' },
    { label: 'Tokens', metric: 'tokens', value: (t.tokens ?? 0).toLocaleString('en') },
    // Assisted mode: replies held for a person, and what people did with them.
    { label: 'Held for approval', metric: 'assisted_held', value: String(t.assisted_held ?? 0) },
    { label: 'Approved as written', metric: 'assisted_approved', value: String(t.assisted_approved ?? 0) },
    { label: 'Edited before sending', metric: 'assisted_edited', value: String(t.assisted_edited ?? 0) },
    { label: 'AI replies modified', metric: 'assisted_modified', value: modifiedShare(t) },
    { label: 'Not approved in time (became tickets)', metric: 'assisted_timed_out', value: String(t.assisted_timed_out ?? 0) },
  ];
  const perDay = (metric: string): Datum[] => (metrics.data?.days ?? []).map((d) => ({ label: d.day, value: d.metrics[metric] ?? 0, metric }));
  const csv = `/v1/shops/${encodeURIComponent(ctx.client.shop)}/metrics?days=${days}&format=csv`;

  function makeTest(gap: KnowledgeGap) {
    ctx.setDraftQuestion(gap.examples[0] ?? '');
    location.hash = '#tests';
  }

  return (
    <section aria-labelledby="metrics-title">
      <h2 id="metrics-title" tabIndex={-1}>
        Metrics
      </h2>
      <div class="con-inline con-toolbar">
        <label for="met-days">Period</label>
        <select id="met-days" value={String(days)} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
          <option value="1">Today</option>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="90">Last 90 days</option>
        </select>
        <a href={csv} download class="con-button-link">
          Export CSV
        </a>
        <button class="kit-secondary" onClick={recompute}>
          Recompute now
        </button>
        <span role="status" class="con-status">
          {status}
        </span>
      </div>
      <p class="kit-muted">
        {metrics.data ? `${metrics.data.from} to ${metrics.data.to}, days in ${metrics.data.timeZone}. ` : ''}
        Counted by the daily rollup (last 7 days recomputed each night); "Recompute now" counts today so far.
      </p>
      {metrics.error && <p class="kit-error" role="alert">{metrics.error}</p>}
      {metrics.data && (
        <>
          <table class="con-table con-summary" data-testid="summary">
            <caption>Totals</caption>
            <tbody>
              {summary.map((s) => (
                <tr key={s.metric}>
                  <th scope="row">{s.label}</th>
                  <td data-metric={s.metric}>{s.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="con-charts">
            <BarChart id="turns-per-day" title="Turns per day" layout="columns" data={perDay('turns')} />
            <BarChart id="answer-class" title="Answers by class" data={breakdown(t, 'answer_class:')} />
            <BarChart id="handoff-source" title="Handoffs by source" data={breakdown(t, 'handoff_source:', SOURCE_LABELS)} />
            <BarChart id="handoff-category" title="Handoffs by category" data={breakdown(t, 'handoff_category:')} />
            <BarChart id="fallback" title="Fallback reasons" data={breakdown(t, 'fallback:')} />
            <BarChart id="engine" title="Turns by engine" data={breakdown(t, 'engine:')} />
            <BarChart
              id="tokens"
              title="Tokens"
              unit="Tokens"
              data={[
                { label: 'input', value: t.tokens_input ?? 0, metric: 'tokens_input' },
                { label: 'output', value: t.tokens_output ?? 0, metric: 'tokens_output' },
              ].filter((d) => d.value > 0)}
            />
          </div>
        </>
      )}

      <h3>Knowledge gaps</h3>
      <p class="kit-muted">Questions the assistant could not answer (no product, no policy passage, a fallback), grouped by wording. Personal details are removed before they are stored.</p>
      {gaps.error && <p class="kit-error" role="alert">{gaps.error}</p>}
      {gaps.data && gaps.data.gaps.length === 0 && <p class="kit-muted">No gap in this period.</p>}
      {gaps.data && gaps.data.gaps.length > 0 && (
        <table class="con-table" data-testid="gaps">
          <caption class="kit-visually-hidden">Knowledge gaps</caption>
          <thead>
            <tr>
              <th scope="col">Asked</th>
              <th scope="col">Times</th>
              <th scope="col">Why</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span class="kit-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {gaps.data.gaps.map((g) => (
              <tr key={g.key}>
                <td>
                  {g.examples.map((e, i) => (
                    <div key={i} class={i ? 'kit-muted' : undefined}>
                      {e}
                    </div>
                  ))}
                </td>
                <td>{g.count}</td>
                <td>{g.reasons.map((r) => r.replace(/_/g, ' ')).join(', ')}</td>
                <td>{fmtDate(g.lastSeen)}</td>
                <td>
                  <button class="kit-secondary con-small" onClick={() => makeTest(g)} aria-label={`Make a test question of: ${g.examples[0] ?? ''}`}>
                    Make a test question
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
