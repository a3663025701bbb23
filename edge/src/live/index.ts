/**
 * The live channel (issue 16): replies from people reach the widget, and new tickets reach the
 * workspace inbox, over a WebSocket, without polling.
 *
 * - D1 is the record. `LiveHub` objects (one per `conv:<shop>:<conversation>`, one per
 *   `inbox:<shop>`) only fan events out; a missed event is never lost, because clients re-read
 *   the history (or the inbox) after every (re)connect.
 * - Browsers cannot send Authorization on a WebSocket, and a customer token must never sit in a
 *   URL. So the client first POSTs, with its token or conversation secret (widget) or its session
 *   and CSRF token (workspace), for a single-use subscribe ticket: 32 random bytes, about 60 s,
 *   bound to shop, conversation (or inbox) and identity; only its SHA-256 is stored. The upgrade
 *   `GET /v1/shops/:shop/live?ticket=…` consumes it atomically and checks that the Origin is one
 *   of the shop's allowed origins (widget) or the Worker's own (workspace).
 * - A socket closes when its identity ends (token exp, session expiry), and inbox sockets when
 *   their key is revoked or their session is gone (the object re-checks every 30 s).
 */
import { randomSecret, sha256Hex } from '../lib/crypto';
import { nowIso } from '../lib/ids';

export const LIVE_TICKET_SECONDS = 60;

export type LiveScope = 'conversation' | 'inbox';

export interface LiveTicketRow {
  id_hash: string;
  shop_id: string;
  scope: LiveScope;
  conversation_id: string | null;
  identity: string;
  identity_expires_at: string | null;
  expires_at: string;
  used_at: string | null;
}

/** Events on the wire (JSON text frames). */
export type LiveEvent =
  | { type: 'ready'; at: string }
  | { type: 'message'; conversationId: string; message: unknown; at: string }
  | { type: 'state'; conversationId: string; state: string; at: string }
  | { type: 'ticket'; ticketId: string; conversationId: string; change: 'created' | 'updated' | 'note' | 'message' | 'activity'; at: string }
  /** Added in v1.2 (assisted mode, inbox only): a held draft arrived or was decided. */
  | { type: 'draft'; draftId: string; conversationId: string; change: 'held' | 'approved' | 'edited' | 'timed_out'; at: string };

export async function issueLiveTicket(
  db: D1Database,
  input: { shopId: string; scope: LiveScope; conversationId: string | null; identity: string; identityExpiresAt: string | null },
): Promise<{ ticket: string; expiresAt: string }> {
  const ticket = randomSecret(32);
  const expiresAt = new Date(Date.now() + LIVE_TICKET_SECONDS * 1000).toISOString();
  await db
    .prepare('INSERT INTO live_tickets (id_hash, shop_id, scope, conversation_id, identity, identity_expires_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(await sha256Hex(ticket), input.shopId, input.scope, input.conversationId, input.identity, input.identityExpiresAt, expiresAt, nowIso())
    .run();
  return { ticket, expiresAt };
}

/** Uses a ticket once: null when unknown, already used, expired or another shop's. */
export async function consumeLiveTicket(db: D1Database, shopId: string, ticket: string): Promise<LiveTicketRow | null> {
  const now = nowIso();
  const row = await db
    .prepare('UPDATE live_tickets SET used_at = ? WHERE id_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING *')
    .bind(now, await sha256Hex(ticket), now)
    .first<LiveTicketRow>();
  if (!row || row.shop_id !== shopId) return null;
  return row;
}

const conversationHub = (env: Env, shopId: string, conversationId: string) => env.LIVE.get(env.LIVE.idFromName(`conv:${shopId}:${conversationId}`));
const inboxHub = (env: Env, shopId: string) => env.LIVE.get(env.LIVE.idFromName(`inbox:${shopId}`));

export function hubFor(env: Env, row: Pick<LiveTicketRow, 'shop_id' | 'scope' | 'conversation_id'>) {
  return row.scope === 'inbox' ? inboxHub(env, row.shop_id) : conversationHub(env, row.shop_id, row.conversation_id!);
}

async function send(stub: DurableObjectStub, event: LiveEvent): Promise<number> {
  try {
    const res = await stub.fetch('https://live/publish', { method: 'POST', body: JSON.stringify(event) });
    return ((await res.json()) as { sent: number }).sent;
  } catch (err) {
    // Live delivery is best effort: D1 has the record and clients re-read it on reconnect.
    console.warn('live publish failed', (err as Error).message);
    return 0;
  }
}

/** Sends an event to the shopper's open widgets of this conversation; returns how many sockets got it. */
export const publishToConversation = (env: Env, shopId: string, conversationId: string, event: LiveEvent) => send(conversationHub(env, shopId, conversationId), event);

/** Sends an event to every open workspace inbox of the shop. */
export const publishToInbox = (env: Env, shopId: string, event: LiveEvent) => send(inboxHub(env, shopId), event);

/** A ticket changed: the inbox refreshes it (events carry ids only; the page reads the record). */
export const ticketChanged = (env: Env, shopId: string, ticketId: string, conversationId: string, change: Extract<LiveEvent, { type: 'ticket' }>['change']) =>
  publishToInbox(env, shopId, { type: 'ticket', ticketId, conversationId, change, at: nowIso() });
