import type { AisleMessage, AislePart, MessageAuthor } from '../../../shared/chat';
import { MessageWebhookPayload, CsatWebhookPayload, Ticket, type TicketStatus } from '../../../shared/ticket';
import { auditStatement } from '../audit/log';
import { canonicalMarkdown } from '../turn';
import { insertMessage, toUiMessage, type ConversationRow, type StoredMessage } from '../conversations/store';
import { enqueueEvent, newEventId, outboxInsert } from '../handoff/outbox';
import { getTicket } from '../handoff/tickets';
import { ApiError } from '../lib/errors';
import { newId, nowIso } from '../lib/ids';
import { queueMail } from '../mail';
import { publishToConversation, ticketChanged } from '../live';
import { shopLinkPolicy } from '../shops/link-origins';
import type { ShopRecord } from '../shops/store';
import type { AgentActor } from './auth';
import { displayNameFor, getAgentProfile } from './profiles';
import { workspaceText, type WorkspaceWording } from './wording';

/** The workspace's columns of a ticket row (migration 0007), next to the Ticket JSON. */
export interface TicketMeta {
  version: number;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  draftReply: string | null;
}

export async function ticketMeta(db: D1Database, shopId: string, id: string): Promise<TicketMeta | null> {
  const row = await db
    .prepare('SELECT version, first_response_at, resolved_at, draft_reply FROM tickets WHERE shop_id = ? AND id = ?')
    .bind(shopId, id)
    .first<{ version: number; first_response_at: string | null; resolved_at: string | null; draft_reply: string | null }>();
  return row ? { version: row.version, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at, draftReply: row.draft_reply } : null;
}

/** The ETag of a ticket version: weak, since it names the record's version, not its bytes. */
export const etagOf = (version: number) => `W/"${version}"`;

/** The version an If-Match header names, or null when there is none; a malformed one is a 400. */
export function versionFromIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const digits = header.trim().split('"').find((p) => p.length > 0 && [...p].every((ch) => ch >= '0' && ch <= '9'));
  if (!digits) throw new ApiError('invalid_request', 'If-Match must be the ETag the ticket was read with, e.g. W/"3"');
  return Number(digits);
}

export const staleWrite = (current: number) =>
  new ApiError('precondition_failed', 'Someone changed this ticket since you read it; reload it and try again', undefined, { etag: etagOf(current) });

interface Loaded {
  ticket: Ticket;
  meta: TicketMeta;
  conv: ConversationRow | null;
}

export async function loadTicket(db: D1Database, shopId: string, id: string): Promise<Loaded> {
  const [ticket, meta] = await Promise.all([getTicket(db, shopId, id), ticketMeta(db, shopId, id)]);
  if (!ticket || !meta) throw new ApiError('not_found', 'Unknown ticket');
  const conv = await db.prepare('SELECT * FROM conversations WHERE shop_id = ? AND id = ?').bind(shopId, ticket.conversationId).first<ConversationRow>();
  return { ticket, meta, conv };
}

/** The outbox row of an opt-in event (message.created, csat.submitted); delivered only to endpoints that subscribed. */
function eventInsert(db: D1Database, eventId: string, type: 'message.created' | 'csat.submitted', shopId: string, ticketId: string, payload: unknown, now: string) {
  return db
    .prepare("INSERT INTO outbox_events (id, shop_id, type, ticket_id, payload, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)")
    .bind(eventId, shopId, type, ticketId, JSON.stringify(payload), now, now);
}

/**
 * A message from a person to the shopper, in the conversation of `ticketId`. Stored in the history
 * (role assistant, author person), audited with its author, emitted as `message.created`, and
 * pushed live to the shopper's widget. The text passes the markdown filter (only the shop's links
 * stay live), not the promise guard: a person may promise what the assistant may not.
 * The first agent message makes the conversation the agent's (the assistant goes quiet).
 */
export async function postAgentMessage(env: Env, shop: ShopRecord, actor: AgentActor, ticketId: string, text: string, storefrontOrigin: string) {
  const db = env.DB;
  const { ticket, meta, conv } = await loadTicket(db, shop.id, ticketId);
  if (!conv) throw new ApiError('not_found', 'The conversation of this ticket no longer exists');
  const name = await displayNameFor(db, shop.id, actor.keyId);
  const author: MessageAuthor = { kind: 'person', name, role: actor.kind === 'admin' ? 'merchant' : 'agent' };
  const links = await shopLinkPolicy(db, shop, storefrontOrigin);
  const safe = canonicalMarkdown(text, links);
  const parts: AislePart[] = [{ type: 'text', text: safe }];
  const messageId = newId('msg');
  const now = nowIso();
  const eventId = newEventId();
  const payload = MessageWebhookPayload.parse({
    type: 'message.created',
    timestamp: now,
    data: {
      shop: shop.id,
      conversationId: conv.id,
      ticketId: ticket.id,
      reference: ticket.reference,
      message: { id: messageId, role: 'assistant', text: safe, author: { kind: 'person', name }, createdAt: now },
    },
  });
  await db.batch([
    ...insertMessage(db, { id: conv.id, shopId: shop.id }, 'assistant', parts, messageId, author),
    db
      .prepare(
        `UPDATE conversations SET state = 'agent', owner_key_id = ?, owned_at = COALESCE(CASE WHEN owner_key_id = ? THEN owned_at END, ?), last_agent_message_at = ?
         WHERE shop_id = ? AND id = ?`,
      )
      .bind(actor.keyId, actor.keyId, now, now, shop.id, conv.id),
    db.prepare('UPDATE tickets SET first_response_at = COALESCE(first_response_at, ?) WHERE shop_id = ? AND id = ?').bind(now, shop.id, ticket.id),
    auditStatement(db, {
      shopId: shop.id,
      conversationId: conv.id,
      customerId: ticket.customer.id,
      kind: 'agent',
      data: { action: 'message', ticketId: ticket.id, messageId, author: { keyId: actor.keyId, name, via: actor.via }, sent: safe, eventId },
    }),
    eventInsert(db, eventId, 'message.created', shop.id, ticket.id, payload, now),
  ]);
  const message: AisleMessage = toUiMessage({ id: messageId, role: 'assistant', parts, createdAt: now, author } satisfies StoredMessage);
  const live = await publishToConversation(env, shop.id, conv.id, { type: 'message', conversationId: conv.id, message, at: now });
  // Seen live: no "you have a reply" email for this one.
  if (live > 0) await db.prepare('UPDATE conversations SET last_seen_live_at = ? WHERE shop_id = ? AND id = ?').bind(nowIso(), shop.id, conv.id).run();
  if (conv.state !== 'agent') await publishToConversation(env, shop.id, conv.id, { type: 'state', conversationId: conv.id, state: 'agent', at: now });
  await ticketChanged(env, shop.id, ticket.id, conv.id, 'message');
  await enqueueEvent(env, eventId);
  return { message, deliveredLive: live, version: meta.version };
}

/** A notice from the shop's side (no author: our own wording), stored and pushed live. */
async function noticeToShopper(env: Env, shopId: string, conv: ConversationRow, key: WorkspaceWording, code: 'agent_joined' | 'agent_left', extra: AislePart[] = []) {
  const text = workspaceText(key, conv.locale);
  const parts: AislePart[] = [{ type: 'text', text }, { type: 'data-notice', data: { code, text } }, ...extra];
  const id = newId('msg');
  await env.DB.batch(insertMessage(env.DB, { id: conv.id, shopId }, 'assistant', parts, id));
  const now = nowIso();
  await publishToConversation(env, shopId, conv.id, { type: 'message', conversationId: conv.id, message: { id, role: 'assistant', parts, createdAt: now }, at: now });
}

/**
 * Hands the conversation back to the assistant (resolve, hand back, ownership timeout) and tells
 * the shopper. A conversation the assistant already answers is left alone.
 */
export async function returnToAssistant(env: Env, shopId: string, conv: ConversationRow, reason: 'resolved' | 'hand_back' | 'timeout', extra: AislePart[] = []) {
  const res = await env.DB.prepare(
    "UPDATE conversations SET state = 'assistant', owner_key_id = NULL, owned_at = NULL WHERE shop_id = ? AND id = ? AND state != 'assistant'",
  )
    .bind(shopId, conv.id)
    .run();
  if (!res.meta.changes && extra.length === 0) return false;
  await noticeToShopper(env, shopId, conv, reason === 'resolved' ? 'resolved' : 'backToAssistant', 'agent_left', extra);
  await publishToConversation(env, shopId, conv.id, { type: 'state', conversationId: conv.id, state: 'assistant', at: nowIso() });
  await auditStatement(env.DB, { shopId, conversationId: conv.id, kind: 'agent', data: { action: 'state', to: 'assistant', reason } }).run();
  return true;
}

/** "Take over": the assistant goes quiet and the shopper is told a person is on it. */
export async function takeOver(env: Env, shop: ShopRecord, actor: AgentActor, ticketId: string) {
  const { ticket, conv } = await loadTicket(env.DB, shop.id, ticketId);
  if (!conv) throw new ApiError('not_found', 'The conversation of this ticket no longer exists');
  const now = nowIso();
  await env.DB.batch([
    env.DB.prepare("UPDATE conversations SET state = 'agent', owner_key_id = ?, owned_at = ? WHERE shop_id = ? AND id = ?").bind(actor.keyId, now, shop.id, conv.id),
    auditStatement(env.DB, { shopId: shop.id, conversationId: conv.id, customerId: ticket.customer.id, kind: 'agent', data: { action: 'take_over', ticketId, keyId: actor.keyId } }),
  ]);
  if (conv.state !== 'agent') {
    await noticeToShopper(env, shop.id, conv, 'personOnIt', 'agent_joined');
    await publishToConversation(env, shop.id, conv.id, { type: 'state', conversationId: conv.id, state: 'agent', at: now });
  }
  await ticketChanged(env, shop.id, ticketId, conv.id, 'updated');
  return { state: 'agent' as const, owner: actor.keyId };
}

export async function handBack(env: Env, shop: ShopRecord, actor: AgentActor, ticketId: string) {
  const { conv } = await loadTicket(env.DB, shop.id, ticketId);
  if (!conv) throw new ApiError('not_found', 'The conversation of this ticket no longer exists');
  await returnToAssistant(env, shop.id, conv, 'hand_back');
  await auditStatement(env.DB, { shopId: shop.id, conversationId: conv.id, kind: 'agent', data: { action: 'hand_back', ticketId, keyId: actor.keyId } }).run();
  await ticketChanged(env, shop.id, ticketId, conv.id, 'updated');
  return { state: 'assistant' as const };
}

export interface TicketChange {
  status?: TicketStatus;
  assignee?: string | null;
  note?: string;
  draftReply?: string;
}

/**
 * Applies a workspace change under optimistic concurrency: `expected` is the version the agent
 * read (If-Match); a different current version is a 412 and nothing is written. Status, assignee
 * and the draft change the version; the JSON, the audit record and `ticket.updated` go in one batch.
 * Resolving gives the conversation back to the assistant and asks the shopper for CSAT.
 * Assigning or forwarding to another agent leaves them an in-app notice and an email with no
 * ticket content.
 */
export async function changeTicket(env: Env, shop: ShopRecord, actor: AgentActor, ticketId: string, expected: number | null, change: TicketChange, workspaceOrigin: string) {
  const db = env.DB;
  const { ticket, meta, conv } = await loadTicket(db, shop.id, ticketId);
  if (expected !== null && expected !== meta.version) throw staleWrite(meta.version);
  // The v1.0 API takes any assignee text (a helpdesk's own id, an email); notices and emails go
  // only to an assignee that is a live key of this shop (what the workspace sends).
  const assigneeIsKey = change.assignee
    ? Boolean(await db.prepare('SELECT id FROM shop_keys WHERE shop_id = ? AND id = ? AND revoked_at IS NULL').bind(shop.id, change.assignee).first())
    : false;
  const now = nowIso();
  const status = change.status ?? ticket.status;
  const assignee = change.assignee === undefined ? ticket.assignee : change.assignee;
  const next = Ticket.parse({ ...ticket, status, assignee, updatedAt: now });
  const eventId = newEventId();
  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        `UPDATE tickets SET status = ?, assignee = ?, data = ?, updated_at = ?, version = version + 1,
           draft_reply = COALESCE(?, draft_reply), resolved_at = CASE WHEN ? = 'resolved' THEN COALESCE(resolved_at, ?) ELSE NULL END
         WHERE shop_id = ? AND id = ? AND version = ?`,
      )
      .bind(status, assignee, JSON.stringify(next), now, change.draftReply ?? null, status, now, shop.id, ticketId, meta.version),
    auditStatement(db, {
      shopId: shop.id,
      conversationId: ticket.conversationId,
      customerId: ticket.customer.id,
      kind: 'admin',
      data: {
        action: 'ticket.updated',
        ticketId,
        actor: { keyId: actor.keyId, via: actor.via },
        from: { status: ticket.status, assignee: ticket.assignee, version: meta.version },
        to: { status, assignee, version: meta.version + 1, draftChanged: change.draftReply !== undefined },
        eventId,
      },
    }),
    outboxInsert(db, eventId, 'ticket.updated', next, now),
  ];
  const noteId = change.note ? newId('note') : null;
  if (noteId) {
    statements.push(
      db
        .prepare('INSERT INTO ticket_notes (id, shop_id, ticket_id, conversation_id, author_key_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .bind(noteId, shop.id, ticketId, ticket.conversationId, actor.keyId, change.note, now),
    );
  }
  const forwarded = assigneeIsKey && change.assignee && change.assignee !== ticket.assignee && change.assignee !== actor.keyId ? change.assignee : null;
  if (forwarded) {
    statements.push(
      db
        .prepare('INSERT INTO agent_notices (id, shop_id, key_id, ticket_id, conversation_id, kind, note, from_key_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .bind(newId('ntc'), shop.id, forwarded, ticketId, ticket.conversationId, change.note ? 'forwarded' : 'assigned', change.note ?? null, actor.keyId, now),
    );
  }
  let results: D1Result[];
  try {
    results = await db.batch(statements);
  } catch (err) {
    if (String((err as Error).message).toUpperCase().includes('UNIQUE')) throw new ApiError('conflict', 'Another open ticket already covers this conversation and category');
    throw err;
  }
  if (!results[0].meta.changes) {
    // Lost a race with another write between the read and the batch: nothing of this change may stay.
    await db.batch([
      db.prepare('DELETE FROM outbox_events WHERE id = ?').bind(eventId),
      ...(noteId ? [db.prepare('DELETE FROM ticket_notes WHERE id = ?').bind(noteId)] : []),
      db.prepare("DELETE FROM agent_notices WHERE shop_id = ? AND ticket_id = ? AND created_at = ? AND from_key_id = ?").bind(shop.id, ticketId, now, actor.keyId),
    ]);
    const fresh = await ticketMeta(db, shop.id, ticketId);
    throw staleWrite(fresh?.version ?? meta.version);
  }
  await enqueueEvent(env, eventId);
  if (forwarded) await mailAssignment(env, shop, forwarded, actor, ticket, workspaceOrigin);
  if (status === 'resolved' && ticket.status !== 'resolved' && conv) {
    const csat: AislePart = {
      type: 'data-csat',
      data: { requestId: ticket.id, ticketId: ticket.id, scale: 5, question: workspaceText('csatQuestion', conv.locale ?? ticket.language) },
    };
    await returnToAssistant(env, shop.id, conv, 'resolved', [csat]);
  }
  await ticketChanged(env, shop.id, ticketId, ticket.conversationId, noteId && !change.status && change.assignee === undefined ? 'note' : 'updated');
  return { ticket: next, version: meta.version + 1, noteId };
}

/** The forwarded agent's email: that there is a ticket for them and where, never what it says. */
async function mailAssignment(env: Env, shop: ShopRecord, keyId: string, actor: AgentActor, ticket: Ticket, workspaceOrigin: string) {
  const to = (await getAgentProfile(env.DB, shop.id, keyId))?.email;
  if (!to) return;
  const from = await displayNameFor(env.DB, shop.id, actor.keyId);
  const link = `${workspaceOrigin}/agent/${encodeURIComponent(shop.id)}/tickets/${encodeURIComponent(ticket.id)}`;
  try {
    await queueMail(env, shop.id, {
      to,
      subject: `[${shop.name}] Ticket ${ticket.reference} was assigned to you`,
      text: `${from} assigned ticket ${ticket.reference} to you in ${shop.name}'s workspace.\n\nOpen it (sign-in needed): ${link}\n\nThe ticket's content is only shown in the workspace.`,
    });
  } catch (err) {
    console.warn('assignment mail not queued', (err as Error).message);
  }
}

export async function addNote(env: Env, shop: ShopRecord, actor: AgentActor, ticketId: string, body: string) {
  const { ticket } = await loadTicket(env.DB, shop.id, ticketId);
  const id = newId('note');
  const now = nowIso();
  await env.DB.batch([
    env.DB.prepare('INSERT INTO ticket_notes (id, shop_id, ticket_id, conversation_id, author_key_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').bind(
      id,
      shop.id,
      ticketId,
      ticket.conversationId,
      actor.keyId,
      body,
      now,
    ),
    auditStatement(env.DB, { shopId: shop.id, conversationId: ticket.conversationId, kind: 'agent', data: { action: 'note', ticketId, noteId: id, keyId: actor.keyId } }),
  ]);
  await ticketChanged(env, shop.id, ticketId, ticket.conversationId, 'note');
  return { id, ticketId, authorKeyId: actor.keyId, body, createdAt: now };
}

export async function listNotes(db: D1Database, shopId: string, ticketId: string) {
  const { results } = await db
    .prepare(
      `SELECT n.id, n.author_key_id, COALESCE(p.display_name, CASE WHEN n.author_key_id IS NULL THEN 'Assistant' ELSE 'Agent' END) AS author, n.body, n.created_at
       FROM ticket_notes n LEFT JOIN agent_profiles p ON p.key_id = n.author_key_id AND p.shop_id = n.shop_id
       WHERE n.shop_id = ? AND n.ticket_id = ? ORDER BY n.created_at, n.rowid`,
    )
    .bind(shopId, ticketId)
    .all<{ id: string; author_key_id: string | null; author: string; body: string; created_at: string }>();
  return results.map((r) => ({ id: r.id, authorKeyId: r.author_key_id, author: r.author, body: r.body, createdAt: r.created_at }));
}

/**
 * A shopper's CSAT answer for a resolved ticket of this conversation: one per ticket (a second
 * is a 409), with the optional comment kept under retention and deletion; `csat.submitted` goes
 * to the endpoints that subscribed.
 */
export async function submitCsat(env: Env, shopId: string, conv: ConversationRow, input: { requestId: string; rating: number; comment?: string }) {
  const db = env.DB;
  const ticket = await getTicket(db, shopId, input.requestId);
  if (!ticket || ticket.conversationId !== conv.id || ticket.status !== 'resolved') throw new ApiError('not_found', 'No rating was asked for here');
  const now = nowIso();
  const comment = input.comment?.trim() || null;
  const eventId = newEventId();
  const payload = CsatWebhookPayload.parse({
    type: 'csat.submitted',
    timestamp: now,
    data: { shop: shopId, conversationId: conv.id, ticketId: ticket.id, reference: ticket.reference, rating: input.rating, comment, submittedAt: now },
  });
  try {
    await db.batch([
      db
        .prepare('INSERT INTO csat_ratings (id, shop_id, ticket_id, conversation_id, customer_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .bind(newId('csat'), shopId, ticket.id, conv.id, conv.customer_id, input.rating, comment, now),
      eventInsert(db, eventId, 'csat.submitted', shopId, ticket.id, payload, now),
      auditStatement(db, { shopId, conversationId: conv.id, customerId: conv.customer_id, kind: 'agent', data: { action: 'csat', ticketId: ticket.id, rating: input.rating } }),
    ]);
  } catch (err) {
    if (String((err as Error).message).toUpperCase().includes('UNIQUE')) throw new ApiError('conflict', 'This request was already rated');
    throw err;
  }
  await enqueueEvent(env, eventId);
  await ticketChanged(env, shopId, ticket.id, conv.id, 'updated');
  return { ticketId: ticket.id, rating: input.rating, submittedAt: now };
}
