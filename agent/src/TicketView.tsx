import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../../app-kit/src/session';
import type { AisleMessage, AislePart } from '../../shared/chat';
import type { TicketDetail } from './types';
import { versionedPut } from './versioned';

const label = (s: string) => s.split('_').join(' ');
const time = (iso: string) => new Date(iso).toLocaleString();

function partText(p: AislePart): string | null {
  if (p.type === 'text') return p.text;
  if (p.type === 'data-notice') return null;
  if (p.type === 'data-order') return `[order card ${p.data.number}: ${p.data.status}]`;
  if (p.type === 'data-products') return `[products: ${p.data.products.map((x) => x.title).join(', ')}]`;
  if (p.type === 'data-handoff') return `[handoff ${p.data.reference ?? p.data.ticketId}]`;
  if (p.type === 'data-csat') return `[CSAT asked${p.data.rating ? `: ${p.data.rating}` : ''}]`;
  return null;
}

function who(m: AisleMessage): string {
  if (m.role === 'user') return 'Shopper';
  if (m.author?.kind === 'person') return `${m.author.name} (${m.author.role})`;
  return 'Assistant';
}

/**
 * One ticket: the verified facts, order card, policy passages, transcript with each turn's audit
 * evidence, draft reply, notes, status, assign or forward, take over / hand back. Every write
 * sends the version it was read with (If-Match); a 412 reloads and says so.
 */
export function TicketView({ client, id, me, csrf, reloadKey }: { client: ApiClient; id: string; me: string; csrf: string; reloadKey: number }) {
  const [d, setD] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [draftDirty, setDraftDirty] = useState(false);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('open');
  const [assignee, setAssignee] = useState('');
  const [forwardNote, setForwardNote] = useState('');
  const [busy, setBusy] = useState(false);

  async function load(keepDraft = false) {
    try {
      const next = await client.get<TicketDetail>(`/tickets/${encodeURIComponent(id)}`);
      setD(next);
      setStatus(next.ticket.status);
      setAssignee(next.ticket.assignee ?? '');
      if (!keepDraft) {
        setDraft(next.draftReply);
        setDraftDirty(false);
      }
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.message : 'Could not load the ticket.');
    }
  }

  useEffect(() => {
    load();
  }, [id]);
  useEffect(() => {
    if (reloadKey > 0) load(draftDirty);
  }, [reloadKey]);

  async function act(what: string, fn: () => Promise<unknown>) {
    setBusy(true);
    setInfo(null);
    try {
      await fn();
      setInfo(what);
      await load(what === 'Note added');
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 412) {
        setError('Someone else changed this ticket since you opened it. It was reloaded; check and try again.');
        await load(true);
      } else setError(e instanceof ApiError ? e.problem.message : 'The request failed.');
    } finally {
      setBusy(false);
    }
  }

  const versioned = (body: unknown) => versionedPut(client.shop, csrf, `/tickets/${encodeURIComponent(id)}/workspace`, d!.version, body);

  if (error && !d) return <p class="kit-error" role="alert">{error}</p>;
  if (!d) return <p class="kit-muted">Loading ticket…</p>;
  const t = d.ticket;
  const turns = d.audit.filter((a) => a.kind === 'turn' || a.kind === 'guard' || a.kind === 'agent' || a.kind === 'handoff');
  const owner = d.agents.find((a) => a.keyId === d.conversation?.ownerKeyId)?.displayName;

  return (
    <article class="ticket" aria-labelledby="ticket-title">
      <header>
        <h2 id="ticket-title">
          Ticket {t.reference} · {label(t.category)}
        </h2>
        <p class="kit-muted">
          Version {d.version} · {t.status} · created {time(t.createdAt)} · conversation: {d.conversation?.state ?? 'gone'}
          {owner ? ` (owned by ${owner})` : ''}
        </p>
      </header>
      {error && (
        <p class="kit-error" role="alert">
          {error}
        </p>
      )}
      <p class="kit-muted" role="status" aria-live="polite">
        {info ?? ''}
      </p>

      <section aria-labelledby="facts-title" class="card">
        <h3 id="facts-title">Verified facts</h3>
        <dl>
          <dt>Customer</dt>
          <dd>
            {t.customer.level === 'verified' ? `Verified customer${t.customer.name ? `: ${t.customer.name}` : ''}` : t.customer.level === 'order_verified_guest' ? 'Guest verified by order' : 'Guest (not verified)'}
          </dd>
          <dt>Request</dt>
          <dd>{t.requestedAction}</dd>
          <dt>Priority</dt>
          <dd>{t.priority}</dd>
          {t.riskFlags.length > 0 && (
            <>
              <dt>Flags</dt>
              <dd>{t.riskFlags.map(label).join(', ')}</dd>
            </>
          )}
        </dl>
        {t.orders.map((o) => (
          <div class="order-card" key={o.number}>
            <strong>Order {o.number}</strong> — {o.status} (fulfilment: {label(o.stage)})
            <ul>
              {o.items.map((i) => (
                <li>
                  {i.quantity} × {i.name}
                  {i.options ? ` (${i.options})` : ''}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {t.details.length > 0 && (
          <ul>
            {t.details.map((x) => (
              <li>
                {x.label}: {x.value}
              </li>
            ))}
          </ul>
        )}
      </section>

      {t.policyPassages.length > 0 && (
        <section aria-labelledby="policy-title" class="card">
          <h3 id="policy-title">Policy passages</h3>
          {t.policyPassages.map((p) => (
            <blockquote key={p.passageId}>
              <strong>{p.title}</strong>
              <p>{p.text}</p>
            </blockquote>
          ))}
        </section>
      )}

      <section aria-labelledby="transcript-title" class="card">
        <h3 id="transcript-title">Transcript</h3>
        <ol class="transcript">
          {d.transcript.map((m) => (
            <li key={m.id} class={`msg msg-${m.role}${m.author?.kind === 'person' ? ' msg-person' : ''}`}>
              <span class="who">{who(m)}</span> <time>{time(m.createdAt)}</time>
              {m.parts.map((p) => {
                const text = partText(p);
                return text === null ? null : <p class="text">{text}</p>;
              })}
            </li>
          ))}
        </ol>
        <details>
          <summary>Audit evidence ({turns.length} records)</summary>
          <ol class="audit">
            {turns.map((a) => (
              <li key={a.id}>
                <strong>{a.kind}</strong> <time>{time(a.createdAt)}</time>
                {a.kind === 'turn' && (
                  <span>
                    {' '}
                    · identity {a.identity ?? '?'} · gate {a.gate?.handoff ? `handoff (${a.gate.categories.join(', ')})` : 'no handoff'} · data used:{' '}
                    {[...(a.toolCalls ?? []).map((c) => `${c.name}${c.error ? ' (failed)' : ''}`), ...(a.orders ?? []).map((o) => `order ${o}`), ...(a.policyPassages ?? []).map((p) => `passage ${p.passageId}`)].join(', ') || 'none'}
                    {(a.blockedPromises ?? []).length > 0 ? ` · guard blocked ${a.blockedPromises!.length}` : ''}
                    {a.delivery && a.delivery !== 'stream' ? ` · ${a.delivery}` : ''}
                  </span>
                )}
                {a.kind === 'agent' && <span> · {a.action}{a.author?.name ? ` by ${a.author.name}` : ''}</span>}
                {a.kind === 'guard' && <span> · blocked: {String((a as { blockedPromise?: string; dropped?: string }).blockedPromise ?? (a as { dropped?: string }).dropped ?? '')}</span>}
              </li>
            ))}
          </ol>
        </details>
      </section>

      <section aria-labelledby="reply-title" class="card">
        <h3 id="reply-title">Reply to the shopper</h3>
        <label for="draft">Draft reply (sent only when you press Send)</label>
        <textarea
          id="draft"
          rows={5}
          value={draft}
          onInput={(e) => {
            setDraft((e.target as HTMLTextAreaElement).value);
            setDraftDirty(true);
          }}
        />
        <div class="row">
          <button type="button" disabled={busy || !draft.trim()} onClick={() => act('Reply sent', () => client.post(`/tickets/${encodeURIComponent(id)}/messages`, { text: draft }))}>
            Send reply
          </button>
          <button type="button" class="kit-secondary" disabled={busy} onClick={() => act('Draft saved', () => versioned({ draftReply: draft }))}>
            Save draft
          </button>
          {d.conversation?.state === 'agent' ? (
            <button type="button" class="kit-secondary" disabled={busy} onClick={() => act('Handed back to the assistant', () => client.post(`/tickets/${encodeURIComponent(id)}/hand-back`))}>
              Hand back
            </button>
          ) : (
            <button type="button" class="kit-secondary" disabled={busy} onClick={() => act('You took over the conversation', () => client.post(`/tickets/${encodeURIComponent(id)}/take-over`))}>
              Take over
            </button>
          )}
        </div>
      </section>

      <section aria-labelledby="status-title" class="card">
        <h3 id="status-title">Status and assignment</h3>
        <div class="row">
          <label>
            Status
            <select id="ticket-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
              <option value="open">Open</option>
              <option value="pending">Pending</option>
              <option value="resolved">Resolved</option>
            </select>
          </label>
          <button type="button" disabled={busy || status === t.status} onClick={() => act('Status saved', () => versioned({ status }))}>
            Save status
          </button>
        </div>
        <div class="row">
          <label>
            Assign or forward to
            <select value={assignee} onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)}>
              <option value="">Nobody</option>
              {d.agents.map((a) => (
                <option value={a.keyId}>
                  {a.displayName}
                  {a.keyId === me ? ' (me)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note for them (optional)
            <input value={forwardNote} onInput={(e) => setForwardNote((e.target as HTMLInputElement).value)} />
          </label>
          <button
            type="button"
            disabled={busy || assignee === (t.assignee ?? '')}
            onClick={() =>
              act(forwardNote ? 'Forwarded with a note' : 'Assignment saved', async () => {
                await versioned({ assignee: assignee || null, ...(forwardNote.trim() ? { note: forwardNote.trim() } : {}) });
                setForwardNote('');
              })
            }
          >
            Save assignment
          </button>
        </div>
        {d.csat && (
          <p>
            Shopper rating: {d.csat.rating}/5{d.csat.comment ? ` — “${d.csat.comment}”` : ''}
          </p>
        )}
      </section>

      <section aria-labelledby="notes-title" class="card">
        <h3 id="notes-title">Internal notes</h3>
        {d.notes.length === 0 ? (
          <p class="kit-muted">No notes yet.</p>
        ) : (
          <ul class="notes">
            {d.notes.map((n) => (
              <li key={n.id}>
                <span class="who">{n.author}</span> <time>{time(n.createdAt)}</time>
                <p class="text">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim())
              act('Note added', async () => {
                await client.post(`/tickets/${encodeURIComponent(id)}/notes`, { body: note });
                setNote('');
              });
          }}
        >
          <label for="note">Add a note (never shown to the shopper)</label>
          <textarea id="note" rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          <button type="submit" disabled={busy || !note.trim()}>
            Add note
          </button>
        </form>
      </section>
    </article>
  );
}
