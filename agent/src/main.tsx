import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import '../../app-kit/src/base.css';
import './agent.css';
import { ChooseShop, SignIn } from '../../app-kit/src/SignIn';
import { createClient, shopFromPath, type ApiClient, type SessionView } from '../../app-kit/src/session';
import type { DraftView } from '../../shared/agent';
import { Drafts } from './Drafts';
import { DEFAULT_FILTERS, Inbox, filtersQuery, type Filters } from './Inbox';
import { connectInbox, type InboxEvent } from './live';
import { TicketView } from './TicketView';
import type { AgentView, InboxRow, Notice } from './types';

/** /agent/<shop>/tickets/<id> opens that ticket (the link in assignment emails). */
const ticketFromPath = () => {
  const parts = location.pathname.split('/');
  return parts[3] === 'tickets' && parts[4] ? decodeURIComponent(parts[4]) : null;
};

function Workspace({ client, session, onSignOut }: { client: ApiClient; session: SessionView; onSignOut: () => void }) {
  const [rows, setRows] = useState<InboxRow[]>([]);
  const [agents, setAgents] = useState<AgentView[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [drafts, setDrafts] = useState<DraftView[]>([]);
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const [selected, setSelected] = useState<string | null>(ticketFromPath());
  const [live, setLive] = useState<'live' | 'connecting' | 'offline'>('connecting');
  const [reloadKey, setReloadKey] = useState(0);
  const [announce, setAnnounce] = useState('');
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const refreshInbox = () =>
    client.get<{ tickets: InboxRow[] }>(`/inbox?${filtersQuery(filtersRef.current)}`).then((r) => setRows(r.tickets), () => undefined);
  const refreshNotices = () => client.get<{ notices: Notice[] }>('/notices').then((r) => setNotices(r.notices), () => undefined);
  const refreshDrafts = () => client.get<{ drafts: DraftView[] }>('/drafts').then((r) => setDrafts(r.drafts), () => undefined);

  useEffect(() => {
    client.get<{ agents: AgentView[] }>('/agents').then((r) => setAgents(r.agents), () => undefined);
    return connectInbox(client, {
      onStatus: setLive,
      onEvent: (e: InboxEvent) => {
        // After (re)connecting, and on every change: re-read the record (events carry ids only).
        refreshInbox();
        refreshNotices();
        if (e.type === 'ready' || e.type === 'draft') refreshDrafts();
        if (e.type === 'ticket' && e.change === 'created') setAnnounce('A new ticket arrived.');
        if (e.type === 'draft' && e.change === 'held') setAnnounce('A reply is waiting for approval.');
        if (e.type === 'ready' || (e.ticketId && e.ticketId === selectedRef.current)) setReloadKey((k) => k + 1);
      },
    });
  }, [client]);

  useEffect(() => {
    refreshInbox();
  }, [filters]);

  function select(id: string) {
    setSelected(id);
    history.pushState(null, '', `/agent/${encodeURIComponent(client.shop)}/tickets/${encodeURIComponent(id)}`);
  }

  const unread = notices.filter((n) => !n.read);
  return (
    <div class="workspace">
      <header class="top">
        <h1>Agent workspace · {client.shop}</h1>
        <span class={`live live-${live}`} role="status">
          {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline, reconnecting'}
        </span>
        <button type="button" class="kit-secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <p class="kit-visually-hidden" aria-live="polite">
        {announce}
      </p>
      {unread.length > 0 && (
        <section class="notices" aria-labelledby="notices-title">
          <h2 id="notices-title">Notices</h2>
          <ul>
            {unread.map((n) => (
              <li key={n.id}>
                {n.from} {n.kind === 'forwarded' ? 'forwarded' : 'assigned'} ticket {n.reference ?? n.ticketId} to you{n.note ? `: “${n.note}”` : '.'}{' '}
                <button
                  type="button"
                  class="kit-secondary"
                  onClick={() => {
                    select(n.ticketId);
                    client.post(`/notices/${encodeURIComponent(n.id)}/read`).then(refreshNotices, () => undefined);
                  }}
                >
                  Open
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Drafts
        client={client}
        drafts={drafts}
        onDecided={(message) => {
          setAnnounce(message);
          refreshDrafts();
        }}
      />
      <div class="panes">
        <Inbox rows={rows} agents={agents} filters={filters} onFilters={setFilters} selected={selected} onSelect={select} />
        <main class="detail">
          {selected ? (
            <TicketView key={selected} client={client} id={selected} me={session.keyId} csrf={session.csrfToken} reloadKey={reloadKey} />
          ) : (
            <p class="kit-muted">Choose a ticket from the inbox.</p>
          )}
        </main>
      </div>
    </div>
  );
}

function App({ shop }: { shop: string }) {
  const [client] = useState(() => createClient(shop));
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  useEffect(() => {
    client.current().then(setSession, () => setSession(null));
  }, [client]);
  if (session === undefined) return <p class="kit-muted">Loading…</p>;
  if (!session) return <SignIn client={client} keyLabel="agent key" title="Agent workspace" onSignedIn={setSession} />;
  return <Workspace client={client} session={session} onSignOut={() => client.signOut().then(() => setSession(null))} />;
}

const shop = shopFromPath();
render(shop ? <App shop={shop} /> : <ChooseShop app="agent" title="Agent workspace" />, document.getElementById('app')!);
