import { Hono } from 'hono';
import { z } from 'zod';
import { TicketListQuery } from '../../../shared/ticket';
import { TicketChangeRequest } from '../../../shared/agent';
import { requireAgent } from '../agent/auth';
import { listAgents } from '../agent/profiles';
import { changeTicket, etagOf, listNotes, ticketMeta, versionFromIfMatch } from '../agent/workspace';
import { listAudit } from '../audit/log';
import { getConversation, listMessages, toUiMessage } from '../conversations/store';
import type { AppEnv } from '../env';
import { getTicket, listTickets } from '../handoff/tickets';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';

/**
 * The agent API: tickets, their conversations and audit trail, and webhook delivery health.
 * Agent or admin key, or (added in v1.1) a person's session with its CSRF token.
 */
export const ticketRoutes = new Hono<AppEnv>();

const agentOnly = requireAgent();
const IdParam = z.object({ shop: z.string(), id: z.string().min(1).max(100) });

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string | null;
  ticketId: string | null;
  endpointId: string;
  attempt: number;
  outcome: 'delivered' | 'failed' | 'disabled' | 'dead';
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
  nextRetryAt: string | null;
  createdAt: string;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  type: string | null;
  ticket_id: string | null;
  endpoint_id: string;
  attempt: number;
  outcome: DeliveryView['outcome'];
  status_code: number | null;
  latency_ms: number | null;
  error: string | null;
  next_retry_at: string | null;
  created_at: string;
}

const deliveryView = (r: DeliveryRow): DeliveryView => ({
  id: r.id,
  eventId: r.event_id,
  eventType: r.type,
  ticketId: r.ticket_id,
  endpointId: r.endpoint_id,
  attempt: r.attempt,
  outcome: r.outcome,
  statusCode: r.status_code,
  latencyMs: r.latency_ms,
  error: r.error,
  nextRetryAt: r.next_retry_at,
  createdAt: r.created_at,
});

const DELIVERY_SELECT = `SELECT d.id, d.event_id, e.type, e.ticket_id, d.endpoint_id, d.attempt, d.outcome, d.status_code, d.latency_ms, d.error, d.next_retry_at, d.created_at
  FROM webhook_deliveries d LEFT JOIN outbox_events e ON e.id = d.event_id AND e.shop_id = d.shop_id`;

ticketRoutes.get('/tickets', agentOnly, validate('query', TicketListQuery), async (c) => {
  const tickets = await listTickets(c.env.DB, c.get('shop').id, c.req.valid('query'));
  return c.json({ tickets });
});

ticketRoutes.get('/tickets/:id', agentOnly, validate('param', IdParam), async (c) => {
  const shopId = c.get('shop').id;
  const ticket = await getTicket(c.env.DB, shopId, c.req.valid('param').id);
  if (!ticket) throw new ApiError('not_found', 'Unknown ticket');
  const [messages, audit, deliveries, meta, notes, conv, agents] = await Promise.all([
    listMessages(c.env.DB, ticket.conversationId),
    listAudit(c.env.DB, shopId, ticket.conversationId),
    c.env.DB.prepare(`${DELIVERY_SELECT} WHERE d.shop_id = ? AND e.ticket_id = ? ORDER BY d.created_at, d.rowid`).bind(shopId, ticket.id).all<DeliveryRow>(),
    ticketMeta(c.env.DB, shopId, ticket.id),
    listNotes(c.env.DB, shopId, ticket.id),
    getConversation(c.env.DB, ticket.conversationId),
    listAgents(c.env.DB, shopId),
  ]);
  const csat = await c.env.DB.prepare('SELECT rating, comment, created_at FROM csat_ratings WHERE shop_id = ? AND ticket_id = ?')
    .bind(shopId, ticket.id)
    .first<{ rating: number; comment: string | null; created_at: string }>();
  // Added in v1.1: the version (also the ETag) a change must send back in If-Match, notes, ownership, CSAT.
  if (meta) c.header('etag', etagOf(meta.version));
  return c.json({
    ticket,
    transcript: messages.map(toUiMessage),
    audit,
    deliveries: deliveries.results.map(deliveryView),
    version: meta?.version ?? 1,
    draftReply: meta?.draftReply ?? ticket.suggestedReply,
    firstResponseAt: meta?.firstResponseAt ?? null,
    resolvedAt: meta?.resolvedAt ?? null,
    notes,
    conversation: conv && conv.shop_id === shopId ? { state: conv.state, ownerKeyId: conv.owner_key_id ?? null, ownedAt: conv.owned_at ?? null, locale: conv.locale } : null,
    agents: agents.map((a) => ({ keyId: a.keyId, displayName: a.displayName, kind: a.kind })),
    csat: csat ? { rating: csat.rating, comment: csat.comment, submittedAt: csat.created_at } : null,
  });
});

/** Status and assignee (v1.0 body), plus note and draft (v1.1). `If-Match` is optional here (v1.0 clients); when sent, a stale one is a 412. */
ticketRoutes.patch('/tickets/:id', agentOnly, validate('param', IdParam), validate('json', TicketChangeRequest), async (c) => {
  const expected = versionFromIfMatch(c.req.header('if-match'));
  const out = await changeTicket(c.env, c.get('shop'), c.get('agent'), c.req.valid('param').id, expected, c.req.valid('json'), new URL(c.req.url).origin);
  c.header('etag', etagOf(out.version));
  return c.json({ ticket: out.ticket });
});

ticketRoutes.get('/conversations/:id/audit', agentOnly, validate('param', IdParam), async (c) => {
  const shopId = c.get('shop').id;
  const { id } = c.req.valid('param');
  const conv = await getConversation(c.env.DB, id);
  if (!conv || conv.shop_id !== shopId) throw new ApiError('not_found', 'Unknown conversation');
  return c.json({ conversationId: id, audit: await listAudit(c.env.DB, shopId, id) });
});

const DeliveriesQuery = z.object({
  status: z.enum(['delivered', 'failed', 'disabled', 'dead']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Recent delivery attempts, newest first, so a merchant can see a failing endpoint. */
ticketRoutes.get('/deliveries', agentOnly, validate('query', DeliveriesQuery), async (c) => {
  const { status, limit } = c.req.valid('query');
  const shopId = c.get('shop').id;
  const stmt = status
    ? c.env.DB.prepare(`${DELIVERY_SELECT} WHERE d.shop_id = ? AND d.outcome = ? ORDER BY d.created_at DESC, d.rowid DESC LIMIT ?`).bind(shopId, status, limit)
    : c.env.DB.prepare(`${DELIVERY_SELECT} WHERE d.shop_id = ? ORDER BY d.created_at DESC, d.rowid DESC LIMIT ?`).bind(shopId, limit);
  const { results } = await stmt.all<DeliveryRow>();
  return c.json({ deliveries: results.map(deliveryView) });
});
