import { subscribesTo } from '../../../shared/ticket';
import { auditStatement } from '../audit/log';
import { newId, nowIso } from '../lib/ids';
import { backoffDelay } from './backoff';
import { listEndpoints, openSecrets, setEndpointDisabled, type EndpointRow } from './endpoints';
import { getOutboxEvent, type OutboxRow, type TicketEventMessage } from './outbox';
import { webhookHeaders } from './signing';

/** Queue names; they must match edge/wrangler.jsonc. */
export const TICKET_QUEUE = 'aisle-ticket-events';
export const TICKET_DEAD_LETTER_QUEUE = 'aisle-ticket-events-dlq';
/** Must match `max_retries` of the consumer in edge/wrangler.jsonc: attempts = retries + 1. */
export const MAX_RETRIES = 8;
export const DELIVERY_TIMEOUT_MS = 10_000;
export const BACKOFF = { baseSeconds: 30, maxSeconds: 3600 } as const;

interface AttemptResult {
  endpoint: EndpointRow;
  outcome: 'delivered' | 'failed' | 'disabled';
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  retryAfter: string | null;
}

/** One signed POST. A redirect is a failure and is never followed: the URL the merchant registered is the only target. */
async function attempt(env: Env, endpoint: EndpointRow, event: OutboxRow): Promise<AttemptResult> {
  const started = Date.now();
  const base = { endpoint, statusCode: null, retryAfter: null };
  try {
    const secrets = await openSecrets(env.AISLE_SECRET_KEY, endpoint);
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: await webhookHeaders(secrets, event.id, event.payload),
      body: event.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    // The body is not needed; drain it so the connection is released.
    await res.body?.cancel().catch(() => undefined);
    const latencyMs = Date.now() - started;
    if (res.status >= 200 && res.status < 300) return { ...base, outcome: 'delivered', statusCode: res.status, latencyMs, error: null };
    if (res.status === 410) return { ...base, outcome: 'disabled', statusCode: 410, latencyMs, error: 'receiver answered 410 Gone; endpoint disabled' };
    const redirect = res.status >= 300 && res.status < 400;
    return {
      ...base,
      outcome: 'failed',
      statusCode: res.status,
      latencyMs,
      error: redirect ? `redirect to ${res.headers.get('location') ?? '(no location)'} not followed` : `HTTP ${res.status}`,
      retryAfter: res.headers.get('retry-after'),
    };
  } catch (err) {
    const e = err as Error;
    const error = e.name === 'TimeoutError' ? `timed out after ${DELIVERY_TIMEOUT_MS} ms` : `network error: ${e.message}`.slice(0, 300);
    return { ...base, outcome: 'failed', latencyMs: Date.now() - started, error };
  }
}

const deliveryInsert = (db: D1Database, shopId: string, eventId: string, endpointId: string, row: { attempt: number; outcome: string; statusCode: number | null; latencyMs: number | null; error: string | null; nextRetryAt: string | null }) =>
  db
    .prepare(
      'INSERT INTO webhook_deliveries (id, shop_id, event_id, endpoint_id, attempt, outcome, status_code, latency_ms, error, next_retry_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(newId('dlv', 16), shopId, eventId, endpointId, row.attempt, row.outcome, row.statusCode, row.latencyMs, row.error, row.nextRetryAt, nowIso());

async function acceptedEndpointIds(db: D1Database, event: OutboxRow): Promise<Set<string>> {
  const { results } = await db
    .prepare("SELECT DISTINCT endpoint_id FROM webhook_deliveries WHERE shop_id = ? AND event_id = ? AND outcome = 'delivered'")
    .bind(event.shop_id, event.id)
    .all<{ endpoint_id: string }>();
  return new Set(results.map((r) => r.endpoint_id));
}

const subscribed = (endpoint: EndpointRow, type: string) => subscribesTo(JSON.parse(endpoint.events) as string[], type);

async function setEventStatus(db: D1Database, event: OutboxRow, status: OutboxRow['status'], error: string | null = null) {
  await db
    .prepare("UPDATE outbox_events SET status = ?, last_error = COALESCE(?, last_error), updated_at = ? WHERE id = ? AND shop_id = ? AND status = 'pending'")
    .bind(status, error, nowIso(), event.id, event.shop_id)
    .run();
}

/**
 * Delivers one event to every enabled endpoint of its shop that has not accepted it yet.
 * Returns the delay for a retry, or null when nothing is left to do.
 */
export async function deliverEvent(env: Env, eventId: string, attemptNo: number, random: () => number = Math.random): Promise<number | null> {
  const db = env.DB;
  const event = await getOutboxEvent(db, eventId);
  if (!event || event.status !== 'pending') return null;
  const accepted = await acceptedEndpointIds(db, event);
  const targets = (await listEndpoints(db, event.shop_id, { enabledOnly: true })).filter((e) => subscribed(e, event.type) && !accepted.has(e.id));
  if (targets.length === 0) {
    await setEventStatus(db, event, accepted.size > 0 ? 'delivered' : 'skipped');
    return null;
  }

  const results = await Promise.all(targets.map((endpoint) => attempt(env, endpoint, event)));
  const failed = results.filter((r) => r.outcome === 'failed');
  const last = attemptNo >= MAX_RETRIES + 1;
  const delay = failed.length
    ? Math.max(...failed.map((r) => backoffDelay(attemptNo, { ...BACKOFF, jitter: random, retryAfter: r.retryAfter })))
    : null;
  const nextRetryAt = delay !== null && !last ? new Date(Date.now() + delay * 1000).toISOString() : null;

  for (const r of results) if (r.outcome === 'disabled') await setEndpointDisabled(db, event.shop_id, r.endpoint.id, 'receiver answered 410 Gone');
  await db.batch(
    results.map((r) =>
      deliveryInsert(db, event.shop_id, event.id, r.endpoint.id, {
        attempt: attemptNo,
        outcome: r.outcome,
        statusCode: r.statusCode,
        latencyMs: r.latencyMs,
        error: r.error,
        nextRetryAt: r.outcome === 'failed' ? nextRetryAt : null,
      }),
    ),
  );
  if (delay !== null) return delay;
  const anyAccepted = accepted.size > 0 || results.some((r) => r.outcome === 'delivered');
  await setEventStatus(db, event, anyAccepted ? 'delivered' : 'skipped');
  return null;
}

/**
 * The dead-letter consumer's work: the queue gave up after its last retry. The event is
 * marked dead and every endpoint that never accepted it gets a 'dead' row, which is what
 * `GET /deliveries?status=dead` shows the merchant.
 */
export async function markEventDead(env: Env, eventId: string): Promise<void> {
  const db = env.DB;
  const event = await getOutboxEvent(db, eventId);
  if (!event || event.status !== 'pending') return;
  const accepted = await acceptedEndpointIds(db, event);
  const missing = (await listEndpoints(db, event.shop_id)).filter((e) => subscribed(e, event.type) && !accepted.has(e.id) && !e.disabled_at);
  const { results } = await db
    .prepare('SELECT endpoint_id, MAX(attempt) AS attempts FROM webhook_deliveries WHERE shop_id = ? AND event_id = ? GROUP BY endpoint_id')
    .bind(event.shop_id, event.id)
    .all<{ endpoint_id: string; attempts: number }>();
  const attempts = new Map(results.map((r) => [r.endpoint_id, r.attempts]));
  const conversationId = (JSON.parse(event.payload) as { data?: { conversationId?: string } }).data?.conversationId ?? null;
  await db.batch([
    db
      .prepare("UPDATE outbox_events SET status = 'dead', last_error = ?, updated_at = ? WHERE id = ? AND shop_id = ? AND status = 'pending'")
      .bind(`gave up after ${MAX_RETRIES + 1} attempts`, nowIso(), event.id, event.shop_id),
    ...missing.map((e) =>
      deliveryInsert(db, event.shop_id, event.id, e.id, {
        attempt: attempts.get(e.id) ?? 0,
        outcome: 'dead',
        statusCode: null,
        latencyMs: null,
        error: `gave up after ${attempts.get(e.id) ?? 0} attempts`,
        nextRetryAt: null,
      }),
    ),
    auditStatement(db, {
      shopId: event.shop_id,
      conversationId,
      kind: 'delivery',
      data: { eventId: event.id, type: event.type, ticketId: event.ticket_id, outcome: 'dead', endpoints: missing.map((e) => e.id) },
    }),
  ]);
}

/**
 * Queue consumer for both the ticket events queue and its dead-letter queue. A failed
 * delivery is retried by the queue with exponential backoff; after the last retry the queue
 * moves the message to the dead-letter queue, whose consumer marks the event dead.
 */
export async function handleTicketQueue(batch: MessageBatch<TicketEventMessage>, env: Env): Promise<void> {
  const dead = batch.queue === TICKET_DEAD_LETTER_QUEUE || batch.queue.endsWith('-dlq');
  await Promise.all(
    batch.messages.map(async (message) => {
      const eventId = message.body?.eventId;
      if (typeof eventId !== 'string') return message.ack();
      try {
        if (dead) {
          await markEventDead(env, eventId);
          return message.ack();
        }
        const delay = await deliverEvent(env, eventId, message.attempts);
        if (delay === null) message.ack();
        else message.retry({ delaySeconds: delay });
      } catch (err) {
        // Our own failure (D1 down, bad row): let the queue retry the whole event.
        console.error('ticket event delivery failed', eventId, err);
        message.retry({ delaySeconds: backoffDelay(message.attempts, { ...BACKOFF, jitter: Math.random }) });
      }
    }),
  );
}
