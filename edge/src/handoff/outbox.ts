import { TicketWebhookPayload, type Ticket } from '../../../shared/ticket';
import { newId, nowIso } from '../lib/ids';

/** What travels on the TICKET_EVENTS queue: only the id; the outbox row holds the payload. */
export interface TicketEventMessage {
  eventId: string;
}

export type TicketEventType = 'ticket.created' | 'ticket.updated';

export interface OutboxRow {
  id: string;
  shop_id: string;
  type: TicketEventType;
  ticket_id: string;
  payload: string;
  status: 'pending' | 'delivered' | 'dead' | 'skipped';
  queued_at: string | null;
  send_attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export const newEventId = () => newId('evt', 24);

/**
 * The outbox insert for an event about `ticket`. With `onlyIfTicketExists` the row is written
 * only when that ticket row exists at that point of the batch, so a deduplicated (ignored)
 * ticket insert leaves no stray event.
 */
export function outboxInsert(db: D1Database, eventId: string, type: TicketEventType, ticket: Ticket, now = nowIso(), opts: { whenUpdatedAt?: string } = {}): D1PreparedStatement {
  const payload = JSON.stringify(TicketWebhookPayload.parse({ type, timestamp: now, data: ticket }));
  // `whenUpdatedAt`: only when the ticket row carries that update (a conditional UPDATE earlier in the batch took effect).
  const when = opts.whenUpdatedAt === undefined ? '' : ' AND updated_at = ?';
  return db
    .prepare(
      `INSERT INTO outbox_events (id, shop_id, type, ticket_id, payload, status, created_at, updated_at)
       SELECT ?, ?, ?, ?, ?, 'pending', ?, ? WHERE EXISTS (SELECT 1 FROM tickets WHERE shop_id = ? AND id = ?${when})`,
    )
    .bind(eventId, ticket.shop, type, ticket.id, payload, now, now, ticket.shop, ticket.id, ...(opts.whenUpdatedAt === undefined ? [] : [opts.whenUpdatedAt]));
}

/**
 * Hands an event to the queue. A failed send is recorded and left for `sweepOutbox`; it never
 * throws, because the ticket already exists and the shopper must still hear about it.
 */
export async function enqueueEvent(env: Env, eventId: string): Promise<boolean> {
  try {
    await env.TICKET_EVENTS.send({ eventId } satisfies TicketEventMessage);
    await env.DB.prepare('UPDATE outbox_events SET queued_at = ?, send_attempts = send_attempts + 1, last_error = NULL, updated_at = ? WHERE id = ?')
      .bind(nowIso(), nowIso(), eventId)
      .run();
    return true;
  } catch (err) {
    console.warn('ticket event send failed; the sweep will retry', eventId, (err as Error).message);
    await env.DB.prepare('UPDATE outbox_events SET send_attempts = send_attempts + 1, last_error = ?, updated_at = ? WHERE id = ?')
      .bind(`queue send: ${String((err as Error).message ?? err).slice(0, 200)}`, nowIso(), eventId)
      .run()
      .catch(() => undefined);
    return false;
  }
}

export interface SweepOptions {
  /** Rows younger than this are left to the normal path (default 60 s). */
  minAgeSeconds?: number;
  /** A queued row still pending after this long is assumed lost and re-sent (default 24 h). */
  lostAfterSeconds?: number;
  limit?: number;
  now?: number;
}

/**
 * Cron job: re-enqueues events that never reached the queue (send failed or the Worker died
 * between the write and the send), and events queued so long ago that the message must be
 * lost. Re-sending is safe: delivery skips endpoints that already accepted the event and
 * receivers dedupe on webhook-id.
 */
export async function sweepOutbox(env: Env, options: SweepOptions = {}): Promise<{ requeued: number; failed: number }> {
  const now = options.now ?? Date.now();
  const olderThan = new Date(now - (options.minAgeSeconds ?? 60) * 1000).toISOString();
  const lostBefore = new Date(now - (options.lostAfterSeconds ?? 86_400) * 1000).toISOString();
  const { results } = await env.DB.prepare(
    `SELECT id FROM outbox_events
     WHERE status = 'pending' AND created_at < ? AND (queued_at IS NULL OR queued_at < ?)
     ORDER BY created_at LIMIT ?`,
  )
    .bind(olderThan, lostBefore, options.limit ?? 100)
    .all<{ id: string }>();
  let requeued = 0;
  let failed = 0;
  for (const row of results) {
    if (await enqueueEvent(env, row.id)) requeued++;
    else failed++;
  }
  return { requeued, failed };
}

export const getOutboxEvent = (db: D1Database, eventId: string) => db.prepare('SELECT * FROM outbox_events WHERE id = ?').bind(eventId).first<OutboxRow>();
