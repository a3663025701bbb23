/**
 * Assisted mode (issue 19). An answer class the shop set to `assisted` is generated and guarded
 * as always, then held here instead of being sent: the shopper is told a person will check it
 * (the packs' `replyHeld`), an agent approves or edits it in the workspace, and the approved reply
 * is stored in the conversation and pushed to the widget over the live channel, exactly as a
 * person's reply is. Nobody approving within `settings.assistedTimeout` turns the draft into a
 * handoff ticket that carries it (see README "Assisted mode" for why it is not released).
 */
import type { DraftStatus, DraftView } from '../../../shared/agent';
import type { AisleMessage, AislePart, Locale, MessageAuthor } from '../../../shared/chat';
import { LOCALES } from '../../../shared/chat';
import type { Identity } from '../../../shared/identity';
import { ShopSettings, type AnswerClass } from '../../../shared/shop';
import type { AgentActor } from '../agent/auth';
import { displayNameFor } from '../agent/profiles';
import { auditStatement } from '../audit/log';
import { insertMessage, toUiMessage } from '../conversations/store';
import { canonicalMarkdown, newEvidence, t, type Turn } from '../turn';
import { createHandoffTicket, handoffPart, handoffWording } from '../handoff/tickets';
import { ApiError } from '../lib/errors';
import { newId, nowIso } from '../lib/ids';
import { publishToConversation, publishToInbox } from '../live';
import { shopLinkPolicy } from '../shops/link-origins';
import { getShop, type ShopRecord } from '../shops/store';

/** The answer classes this shop holds for approval; empty when it is fully autonomous. */
export function assistedClasses(shop: Pick<ShopRecord, 'settings'>): Set<AnswerClass> {
  const modes = shop.settings.assisted ?? {};
  return new Set((Object.keys(modes) as AnswerClass[]).filter((k) => modes[k] === 'assisted'));
}

/** The shopper's side of a held turn: our own wording, stored as the turn's reply. */
export function heldNotice(locale: Locale): AislePart[] {
  const text = t(locale, 'replyHeld');
  return [
    { type: 'text', text },
    { type: 'data-notice', data: { code: 'reply_held', text, state: 'held' } },
  ];
}

export interface HeldDraft {
  id: string;
  shopId: string;
  conversationId: string;
  turnId: string;
  answerClass: AnswerClass;
  locale: Locale;
  question: string;
  identity: Identity;
  parts: AislePart[];
  timeoutMinutes: number;
}

/** The row of a held draft; written in the turn's own batch, with its notice and audit record. */
export function draftInsert(db: D1Database, d: HeldDraft) {
  const now = new Date();
  const expires = new Date(now.getTime() + d.timeoutMinutes * 60_000).toISOString();
  return db
    .prepare(
      `INSERT INTO assisted_drafts (id, shop_id, conversation_id, turn_id, customer_id, answer_class, locale, question, identity, parts, status, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    )
    .bind(
      d.id,
      d.shopId,
      d.conversationId,
      d.turnId,
      d.identity.level === 'verified' ? d.identity.id : null,
      d.answerClass,
      d.locale,
      d.question,
      JSON.stringify(storedIdentity(d.identity)),
      JSON.stringify(d.parts),
      now.toISOString(),
      expires,
    );
}

/** What a ticket needs of the identity later: level, customer id and name, a guest grant. No token. */
function storedIdentity(identity: Identity): Identity {
  if (identity.level === 'verified') return { level: 'verified', id: identity.id, ...(identity.name ? { name: identity.name } : {}), ...(identity.email ? { email: identity.email } : {}) } as Identity;
  return identity;
}

/** Tells the workspace inboxes a draft changed (they re-read the list). */
export const draftChanged = (env: Env, shopId: string, draftId: string, conversationId: string, change: 'held' | 'approved' | 'edited' | 'timed_out') =>
  publishToInbox(env, shopId, { type: 'draft', draftId, conversationId, change, at: nowIso() });

interface DraftRow {
  id: string;
  shop_id: string;
  conversation_id: string;
  turn_id: string;
  customer_id: string | null;
  answer_class: AnswerClass;
  locale: string;
  question: string;
  identity: string;
  parts: string;
  status: DraftStatus;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  sent_text: string | null;
  message_id: string | null;
  ticket_id: string | null;
}

const textOf = (parts: AislePart[]) => parts.map((p) => (p.type === 'text' ? p.text : '')).join('');

function toView(r: DraftRow): DraftView {
  const parts = JSON.parse(r.parts) as AislePart[];
  return {
    id: r.id,
    conversationId: r.conversation_id,
    turnId: r.turn_id,
    answerClass: r.answer_class,
    locale: r.locale,
    question: r.question,
    text: textOf(parts),
    attachments: parts.filter((p) => p.type !== 'text' && p.type !== 'data-notice').map((p) => p.type),
    status: r.status,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by_name,
    sentText: r.sent_text,
    ticketId: r.ticket_id,
  };
}

/** The shop's drafts of one status, oldest first for pending ones (they wait longest), else newest first. */
export async function listDrafts(db: D1Database, shopId: string, status: DraftStatus, limit: number): Promise<DraftView[]> {
  const order = status === 'pending' ? 'created_at ASC' : 'COALESCE(decided_at, created_at) DESC';
  const { results } = await db
    .prepare(`SELECT * FROM assisted_drafts WHERE shop_id = ? AND status = ? ORDER BY ${order}, rowid LIMIT ?`)
    .bind(shopId, status, limit)
    .all<DraftRow>();
  return results.map(toView);
}

/** True while a reply of this conversation waits for a person. */
export async function hasPendingDraft(db: D1Database, shopId: string, conversationId: string): Promise<boolean> {
  const row = await db.prepare("SELECT 1 AS ok FROM assisted_drafts WHERE shop_id = ? AND conversation_id = ? AND status = 'pending' LIMIT 1").bind(shopId, conversationId).first();
  return row !== null;
}

const guestGrantOf = (identity: Identity) => (identity.level === 'order_verified_guest' ? identity.grantId : null);

/**
 * An agent approves a held draft as written (`text` undefined, or the same text), or edits it.
 * An edit passes the markdown filter (only the shop's links stay live), not the promise guard:
 * a person may say what the assistant may not. The draft is claimed first (pending -> decided),
 * so two agents, or an agent and the timeout, never send it twice; then the reply is stored with
 * its audit record, and pushed live. A second decision is a 409.
 */
export async function decideDraft(env: Env, shop: ShopRecord, actor: AgentActor, draftId: string, edit: string | undefined, storefrontOrigin: string) {
  const db = env.DB;
  const row = await db.prepare('SELECT * FROM assisted_drafts WHERE shop_id = ? AND id = ?').bind(shop.id, draftId).first<DraftRow>();
  if (!row) throw new ApiError('not_found', 'Unknown draft');
  if (row.status !== 'pending') throw new ApiError('conflict', `This draft was already ${row.status === 'timed_out' ? 'handed to a ticket' : row.status}`);
  // A notice the turn raised (e.g. "the assistant had trouble", on a model fallback) was about that
  // moment: the reply sent later goes without it.
  const draftParts = (JSON.parse(row.parts) as AislePart[]).filter((p) => p.type !== 'data-notice');
  const original = textOf(draftParts);
  const links = await shopLinkPolicy(db, shop, storefrontOrigin);
  const edited = edit !== undefined && canonicalMarkdown(edit, links).trim() !== canonicalMarkdown(original, links).trim();
  const name = await displayNameFor(db, shop.id, actor.keyId);
  // An edit is the person's words: shown with their name. An approval leaves the assistant's reply as it was.
  const author: MessageAuthor | undefined = edited ? { kind: 'person', name, role: actor.kind === 'admin' ? 'merchant' : 'agent' } : undefined;
  const sent = edited ? canonicalMarkdown(edit!, links) : original;
  // The edit replaces the text; the cards and citations the draft showed stay with it.
  const parts: AislePart[] = edited ? [{ type: 'text', text: sent }, ...draftParts.filter((p) => p.type !== 'text')] : draftParts;
  const status: DraftStatus = edited ? 'edited' : 'approved';
  const messageId = newId('msg');
  const now = nowIso();
  const claimed = await db
    .prepare(
      `UPDATE assisted_drafts SET status = ?, decided_at = ?, decided_by = ?, decided_by_name = ?, sent_text = ?, message_id = ?
       WHERE shop_id = ? AND id = ? AND status = 'pending' RETURNING id`,
    )
    .bind(status, now, actor.keyId, name, sent, messageId, shop.id, draftId)
    .first();
  if (!claimed) throw new ApiError('conflict', 'This draft was decided a moment ago');
  const identity = JSON.parse(row.identity) as Identity;
  try {
    await db.batch([
      ...insertMessage(db, { id: row.conversation_id, shopId: shop.id, guestGrantId: guestGrantOf(identity) }, 'assistant', parts, messageId, author),
      auditStatement(db, {
        shopId: shop.id,
        conversationId: row.conversation_id,
        turnId: row.turn_id,
        customerId: row.customer_id,
        kind: 'agent',
        data: {
          action: edited ? 'draft_edited' : 'draft_approved',
          draftId,
          messageId,
          answerClass: row.answer_class,
          author: { keyId: actor.keyId, name, via: actor.via },
          ...(edited ? { draft: original, sent } : { sent }),
        },
      }),
    ]);
  } catch (err) {
    // Nothing was sent: the draft waits again, so the shopper is never told twice or never.
    await db.prepare("UPDATE assisted_drafts SET status = 'pending', decided_at = NULL, decided_by = NULL, decided_by_name = NULL, sent_text = NULL, message_id = NULL WHERE id = ?").bind(draftId).run();
    throw err;
  }
  const message: AisleMessage = toUiMessage({ id: messageId, role: 'assistant', parts, createdAt: now, ...(author ? { author } : {}) });
  const live = await publishToConversation(env, shop.id, row.conversation_id, { type: 'message', conversationId: row.conversation_id, message, at: now });
  if (live > 0) await db.prepare('UPDATE conversations SET last_seen_live_at = ? WHERE shop_id = ? AND id = ?').bind(nowIso(), shop.id, row.conversation_id).run();
  await draftChanged(env, shop.id, draftId, row.conversation_id, status === 'edited' ? 'edited' : 'approved');
  return { draft: toView({ ...row, status, decided_at: now, decided_by: actor.keyId, decided_by_name: name, sent_text: sent, message_id: messageId }), message, deliveredLive: live > 0 };
}

/**
 * Cron (every minute): drafts nobody approved within `assistedTimeout` become a handoff ticket.
 * The shopper was told a person would check the reply, so an unchecked one is never released;
 * the ticket carries the draft as its editable reply, and the shopper gets the usual handoff
 * wording and card (stored before it is announced). Returns how many drafts timed out.
 */
export async function sweepDrafts(env: Env, now = new Date()): Promise<number> {
  const { results } = await env.DB.prepare("SELECT * FROM assisted_drafts WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at LIMIT 100")
    .bind(now.toISOString())
    .all<DraftRow>();
  let done = 0;
  for (const row of results) {
    try {
      if (await timeOut(env, row)) done++;
    } catch (err) {
      console.error('assisted draft timeout failed', row.id, (err as Error).message);
    }
  }
  return done;
}

async function timeOut(env: Env, row: DraftRow): Promise<boolean> {
  const db = env.DB;
  const shop = await getShop(db, row.shop_id);
  if (!shop) return false;
  const claimed = await db
    .prepare("UPDATE assisted_drafts SET status = 'timed_out', decided_at = ? WHERE id = ? AND status = 'pending' RETURNING id")
    .bind(nowIso(), row.id)
    .first();
  if (!claimed) return false;
  const locale: Locale = (LOCALES as readonly string[]).includes(row.locale) ? (row.locale as Locale) : 'en';
  const draftParts = JSON.parse(row.parts) as AislePart[];
  const identity = JSON.parse(row.identity) as Identity;
  const told = handoffWording('other', locale);
  // The ticket is made as a turn would make it: from the shopper's own question and identity.
  const turn: Turn = {
    env,
    db,
    shop: { ...shop, settings: ShopSettings.parse(shop.settings) },
    identity,
    conversationId: row.conversation_id,
    turnId: row.turn_id,
    text: row.question,
    locale,
    history: [],
    signal: new AbortController().signal,
    evidence: newEvidence(),
    emit: () => {},
    publicOrigin: shop.allowedOrigins[0] ?? 'https://invalid.invalid',
  };
  let ticket;
  let created;
  try {
    ({ ticket, created } = await createHandoffTicket(turn, {
      categories: ['other'],
      requestedAction: `Reply to the shopper: an assisted-mode ${row.answer_class} answer was not approved within ${shop.settings.assistedTimeout} minutes (the draft is on the ticket)`,
      source: 'failure',
      toldShopper: told,
      language: locale,
      reuse: 'conversation',
    }));
  } catch (err) {
    await db.prepare("UPDATE assisted_drafts SET status = 'pending', decided_at = NULL WHERE id = ?").bind(row.id).run();
    throw err;
  }
  const draftText = textOf(draftParts);
  const lines = created ? told : t(locale, 'alreadyHandedOff', { ticket: ticket.id, expected: shop.settings.support.expectedReply });
  const parts: AislePart[] = [{ type: 'text', text: lines }, { type: 'data-handoff', data: handoffPart(ticket, shop, locale) }];
  const messageId = newId('msg');
  const at = nowIso();
  await db.batch([
    db.prepare('UPDATE assisted_drafts SET ticket_id = ?, message_id = ? WHERE id = ?').bind(ticket.id, messageId, row.id),
    // The agent finds the draft ready to send (or edit) on the ticket; an agent's own draft stays.
    db.prepare('UPDATE tickets SET draft_reply = COALESCE(draft_reply, ?) WHERE shop_id = ? AND id = ?').bind(draftText, shop.id, ticket.id),
    ...insertMessage(db, { id: row.conversation_id, shopId: shop.id, guestGrantId: guestGrantOf(identity) }, 'assistant', parts, messageId),
    auditStatement(db, {
      shopId: shop.id,
      conversationId: row.conversation_id,
      turnId: row.turn_id,
      customerId: row.customer_id,
      kind: 'agent',
      data: { action: 'draft_timed_out', draftId: row.id, answerClass: row.answer_class, ticketId: ticket.id, ticketCreated: created, sent: lines, timeoutMinutes: shop.settings.assistedTimeout },
    }),
  ]);
  const message = toUiMessage({ id: messageId, role: 'assistant', parts, createdAt: at });
  await publishToConversation(env, shop.id, row.conversation_id, { type: 'message', conversationId: row.conversation_id, message, at });
  await publishToConversation(env, shop.id, row.conversation_id, { type: 'state', conversationId: row.conversation_id, state: 'handed_off', at });
  await draftChanged(env, shop.id, row.id, row.conversation_id, 'timed_out');
  return true;
}
