import { Hono } from 'hono';
import { z } from 'zod';
import { AgentMessageRequest, InboxQuery, NoteRequest, TicketChangeRequest, type InboxRow, type LiveTicketResponse } from '../../../shared/agent';
import { businessMinutesBetween } from '../../../shared/business-hours';
import { CsatSubmission } from '../../../shared/chat';
import { normalizeReference } from '../../../shared/ticket';
import { requireAgent } from '../agent/auth';
import { listAgents } from '../agent/profiles';
import { addNote, changeTicket, etagOf, handBack, listNotes, postAgentMessage, submitCsat, takeOver, versionFromIfMatch } from '../agent/workspace';
import { requireConversation } from '../conversations/access';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { issueLiveTicket } from '../live';
import { customerIdentity } from '../middleware/customer-identity';
import { rateLimit } from '../middleware/rate-limit';
import { shopCors } from '../middleware/shop-cors';

/**
 * The agent workspace API (issue 16). Every route takes an agent (or admin) key as a bearer, or a
 * person's session with its CSRF token: the workspace uses the session, a helpdesk bridge the key.
 * The shopper side (CSAT, the live subscribe ticket) needs the conversation secret.
 */
export const agentRoutes = new Hono<AppEnv>();

const IdParam = z.object({ shop: z.string(), id: z.string().min(1).max(100) });
const agent = requireAgent();
const storefrontOf = (shop: { allowedOrigins: string[] }, fallback: string) => shop.allowedOrigins[0] ?? fallback;

agentRoutes.get('/agents', agent, async (c) => c.json({ agents: await listAgents(c.env.DB, c.get('shop').id), me: c.get('agent').keyId }));

agentRoutes.post('/tickets/:id/messages', agent, validate('param', IdParam), validate('json', AgentMessageRequest), async (c) => {
  const shop = c.get('shop');
  const origin = new URL(c.req.url).origin;
  const out = await postAgentMessage(c.env, shop, c.get('agent'), c.req.valid('param').id, c.req.valid('json').text, storefrontOf(shop, origin));
  return c.json({ message: out.message, deliveredLive: out.deliveredLive > 0 }, 201);
});

agentRoutes.post('/tickets/:id/take-over', agent, validate('param', IdParam), async (c) =>
  c.json(await takeOver(c.env, c.get('shop'), c.get('agent'), c.req.valid('param').id)),
);

agentRoutes.post('/tickets/:id/hand-back', agent, validate('param', IdParam), async (c) =>
  c.json(await handBack(c.env, c.get('shop'), c.get('agent'), c.req.valid('param').id)),
);

agentRoutes.get('/tickets/:id/notes', agent, validate('param', IdParam), async (c) => c.json({ notes: await listNotes(c.env.DB, c.get('shop').id, c.req.valid('param').id) }));

agentRoutes.post('/tickets/:id/notes', agent, validate('param', IdParam), validate('json', NoteRequest), async (c) =>
  c.json({ note: await addNote(c.env, c.get('shop'), c.get('agent'), c.req.valid('param').id, c.req.valid('json').body) }, 201),
);

/** Status, assignee (forward with a note), draft: versioned. `If-Match` is required here. */
agentRoutes.put('/tickets/:id/workspace', agent, validate('param', IdParam), validate('json', TicketChangeRequest), async (c) => {
  const expected = versionFromIfMatch(c.req.header('if-match'));
  if (expected === null) throw new ApiError('invalid_request', 'Send If-Match with the ETag the ticket was read with');
  const out = await changeTicket(c.env, c.get('shop'), c.get('agent'), c.req.valid('param').id, expected, c.req.valid('json'), new URL(c.req.url).origin);
  c.header('etag', etagOf(out.version));
  return c.json({ ticket: out.ticket, version: out.version });
});

/** The inbox: tickets with what the list needs, filtered by status, category, assignee, reference and business-hours waiting time. */
agentRoutes.get('/inbox', agent, validate('query', InboxQuery), async (c) => {
  const q = c.req.valid('query');
  const shop = c.get('shop');
  const me = c.get('agent').keyId;
  const where = ['t.shop_id = ?'];
  const args: unknown[] = [shop.id];
  if (q.status === 'unresolved') where.push("t.status IN ('open', 'pending')");
  else if (q.status) where.push('t.status = ?'), args.push(q.status);
  if (q.category) where.push('t.category = ?'), args.push(q.category);
  if (q.assignee === 'none') where.push('t.assignee IS NULL');
  else if (q.assignee) where.push('t.assignee = ?'), args.push(q.assignee === 'me' ? me : q.assignee);
  if (q.reference) {
    const ref = normalizeReference(q.reference);
    if (!ref) return c.json({ tickets: [] });
    where.push('t.reference = ?'), args.push(ref);
  }
  const { results } = await c.env.DB.prepare(
    `SELECT t.id, t.reference, t.status, t.category, t.assignee, t.data, t.created_at, t.updated_at, t.first_response_at, t.version,
            c.state AS conversation_state, COALESCE(p.display_name, k.label) AS assignee_name
     FROM tickets t LEFT JOIN conversations c ON c.id = t.conversation_id AND c.shop_id = t.shop_id
       LEFT JOIN shop_keys k ON k.id = t.assignee AND k.shop_id = t.shop_id
       LEFT JOIN agent_profiles p ON p.key_id = t.assignee AND p.shop_id = t.shop_id
     WHERE ${where.join(' AND ')} ORDER BY t.created_at DESC, t.rowid DESC LIMIT ?`,
  )
    .bind(...args, q.limit)
    .all<{
      id: string; reference: string; status: InboxRow['status']; category: string; assignee: string | null; data: string; created_at: string; updated_at: string;
      first_response_at: string | null; version: number; conversation_state: InboxRow['conversationState'] | null; assignee_name: string | null;
    }>();
  const now = Date.now();
  const rows: InboxRow[] = results.map((r) => {
    const data = JSON.parse(r.data) as { priority?: string; requestedAction?: string; customer?: { level?: string }; conversationId: string };
    const until = r.first_response_at ? Date.parse(r.first_response_at) : r.status === 'resolved' ? Date.parse(r.updated_at) : now;
    return {
      id: r.id,
      reference: r.reference,
      status: r.status,
      category: r.category,
      priority: data.priority ?? 'normal',
      assignee: r.assignee,
      assigneeName: r.assignee_name,
      requestedAction: data.requestedAction ?? '',
      customerLevel: data.customer?.level ?? 'guest',
      conversationId: data.conversationId,
      conversationState: r.conversation_state ?? 'assistant',
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      firstResponseAt: r.first_response_at,
      waitingBusinessMinutes: businessMinutesBetween(Date.parse(r.created_at), until, shop.settings.support.hours, shop.settings.support.timeZone),
      version: r.version,
    };
  });
  const filtered = q.minWaitingHours === undefined ? rows : rows.filter((r) => r.waitingBusinessMinutes >= q.minWaitingHours! * 60);
  return c.json({ tickets: filtered });
});

/** In-app notices for the signed-in agent (assigned, forwarded with a note). */
agentRoutes.get('/notices', agent, async (c) => {
  const { results } = await c.env.DB.prepare(
    `SELECT n.id, n.ticket_id, n.kind, n.note, n.created_at, n.read_at, t.reference, COALESCE(p.display_name, 'Agent') AS from_name
     FROM agent_notices n LEFT JOIN tickets t ON t.id = n.ticket_id AND t.shop_id = n.shop_id
       LEFT JOIN agent_profiles p ON p.key_id = n.from_key_id AND p.shop_id = n.shop_id
     WHERE n.shop_id = ? AND n.key_id = ? ORDER BY n.created_at DESC LIMIT 50`,
  )
    .bind(c.get('shop').id, c.get('agent').keyId)
    .all<{ id: string; ticket_id: string; kind: string; note: string | null; created_at: string; read_at: string | null; reference: string | null; from_name: string }>();
  return c.json({
    notices: results.map((r) => ({ id: r.id, ticketId: r.ticket_id, reference: r.reference, kind: r.kind, note: r.note, from: r.from_name, createdAt: r.created_at, read: Boolean(r.read_at) })),
  });
});

agentRoutes.post('/notices/:id/read', agent, validate('param', IdParam), async (c) => {
  await c.env.DB.prepare('UPDATE agent_notices SET read_at = COALESCE(read_at, ?) WHERE shop_id = ? AND key_id = ? AND id = ?')
    .bind(new Date().toISOString(), c.get('shop').id, c.get('agent').keyId, c.req.valid('param').id)
    .run();
  return c.body(null, 204);
});

/** The workspace's inbox socket: a subscribe ticket bound to this session (key bearers get one too, for bridges). */
agentRoutes.post('/live/inbox', agent, async (c) => {
  const a = c.get('agent');
  const shop = c.get('shop');
  const issued = await issueLiveTicket(c.env.DB, {
    shopId: shop.id,
    scope: 'inbox',
    conversationId: null,
    identity: `${a.via}:${a.keyId}`,
    identityExpiresAt: a.expiresAt ?? new Date(Date.now() + 3_600_000).toISOString(),
  });
  return c.json({ ...issued, url: `/v1/shops/${encodeURIComponent(shop.id)}/live?ticket=${encodeURIComponent(issued.ticket)}` } satisfies LiveTicketResponse, 201);
});

// --- Shopper side: needs the conversation secret (and the customer's token for their conversations). ---

agentRoutes.use('/conversations/:id/live', shopCors());
agentRoutes.use('/conversations/:id/csat', shopCors());

/** Seconds left on the customer token (the middleware verified it); the socket closes then. */
function tokenExpiry(authorization: string | undefined): string | null {
  const token = authorization?.trim().split(' ').filter(Boolean)[1];
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.split('-').join('+').split('_').join('/'))) as { exp?: number };
    return typeof json.exp === 'number' ? new Date(json.exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}

const ConversationParam = z.object({ shop: z.string(), id: z.uuid() });

agentRoutes.post(
  '/conversations/:id/live',
  customerIdentity(),
  validate('param', ConversationParam),
  rateLimit({ binding: 'CLIENT_LIMITER', periodSeconds: 60, key: (c) => (c.req.header('cf-connecting-ip') ? `${c.get('shop').id}:live:${c.req.header('cf-connecting-ip')}` : null) }),
  async (c) => {
    const conv = await requireConversation(c, c.req.valid('param').id, 'secret');
    const identity = c.get('identity');
    const shop = c.get('shop');
    const issued = await issueLiveTicket(c.env.DB, {
      shopId: shop.id,
      scope: 'conversation',
      conversationId: conv.id,
      identity: identity.level === 'verified' ? `customer:${identity.id}` : 'guest',
      identityExpiresAt: identity.level === 'verified' ? tokenExpiry(c.req.header('authorization')) : null,
    });
    return c.json({ ...issued, url: `/v1/shops/${encodeURIComponent(shop.id)}/live?ticket=${encodeURIComponent(issued.ticket)}` } satisfies LiveTicketResponse, 201);
  },
);

agentRoutes.post(
  '/conversations/:id/csat',
  customerIdentity(),
  validate('param', ConversationParam),
  validate('json', CsatSubmission),
  rateLimit({ binding: 'CONVERSATION_LIMITER', periodSeconds: 10, key: (c) => `${c.get('shop').id}:csat:${c.req.param('id')}` }),
  async (c) => {
    const conv = await requireConversation(c, c.req.valid('param').id, 'secret');
    return c.json(await submitCsat(c.env, c.get('shop').id, conv, c.req.valid('json')), 201);
  },
);
