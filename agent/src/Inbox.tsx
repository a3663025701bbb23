import { HANDOFF_CATEGORIES } from '../../shared/ticket';
import type { AgentView, InboxRow } from './types';

export interface Filters {
  status: string;
  category: string;
  assignee: string;
  reference: string;
  minWaitingHours: string;
}

export const DEFAULT_FILTERS: Filters = { status: 'unresolved', category: '', assignee: '', reference: '', minWaitingHours: '' };

export function filtersQuery(f: Filters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q.toString();
}

const waiting = (minutes: number) => (minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`);
const label = (s: string) => s.split('_').join(' ');

/** The inbox list and its filters. Every value is rendered as text. */
export function Inbox(props: {
  rows: InboxRow[];
  agents: AgentView[];
  filters: Filters;
  onFilters: (f: Filters) => void;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { filters: f, onFilters } = props;
  const set = (k: keyof Filters) => (e: Event) => onFilters({ ...f, [k]: (e.target as HTMLInputElement | HTMLSelectElement).value });
  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <h2 id="inbox-title">Inbox</h2>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter tickets">
        <label>
          Status
          <select value={f.status} onChange={set('status')}>
            <option value="unresolved">Open or pending</option>
            <option value="open">Open</option>
            <option value="pending">Pending</option>
            <option value="resolved">Resolved</option>
            <option value="">All</option>
          </select>
        </label>
        <label>
          Category
          <select value={f.category} onChange={set('category')}>
            <option value="">All</option>
            {HANDOFF_CATEGORIES.map((c) => (
              <option value={c}>{label(c)}</option>
            ))}
          </select>
        </label>
        <label>
          Assignee
          <select value={f.assignee} onChange={set('assignee')}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Nobody</option>
            {props.agents.map((a) => (
              <option value={a.keyId}>{a.displayName}</option>
            ))}
          </select>
        </label>
        <label>
          Reference
          <input value={f.reference} onInput={set('reference')} placeholder="ABCD-1234" size={10} />
        </label>
        <label>
          Waiting at least (business hours)
          <input type="number" min="0" step="1" value={f.minWaitingHours} onInput={set('minWaitingHours')} size={4} />
        </label>
      </form>
      {props.rows.length === 0 ? (
        <p class="kit-muted">No tickets match.</p>
      ) : (
        <ul class="ticket-list" aria-label="Tickets">
          {props.rows.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                class={`ticket-row${props.selected === r.id ? ' selected' : ''}`}
                aria-current={props.selected === r.id ? 'true' : undefined}
                data-ticket={r.id}
                onClick={() => props.onSelect(r.id)}
              >
                <span class="ref">{r.reference}</span>
                <span class={`status status-${r.status}`}>{r.status}</span>
                <span class="cat">{label(r.category)}</span>
                <span class="action">{r.requestedAction}</span>
                <span class="meta">
                  {r.assigneeName ? `Assigned to ${r.assigneeName}` : 'Unassigned'} · waiting {waiting(r.waitingBusinessMinutes)}
                  {r.conversationState === 'agent' ? ' · owned by a person' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
