import type { AisleMessage, AislePart, ConversationState, MessageAuthor } from '../../../shared/chat';
import type { Identity } from '../../../shared/identity';
import { newId, nowIso } from '../lib/ids';
import { mayUseConversation } from './access';

export interface ConversationRow {
  id: string;
  shop_id: string;
  customer_id: string | null;
  locale: string | null;
  created_at: string;
  updated_at: string;
  /** Added by migration 0006. */
  state: ConversationState;
  access: 'legacy' | 'open' | 'secret';
  secret_hash: string | null;
  /** Added by migration 0007 (agent workspace): who owns it while state = 'agent', and since when. */
  owner_key_id?: string | null;
  owned_at?: string | null;
  last_agent_message_at?: string | null;
  last_seen_live_at?: string | null;
  last_reply_email_at?: string | null;
}

/**
 * The access rule for a conversation: it belongs to one shop, and once a verified
 * customer has spoken in it, only a token for that customer can see or continue it.
 * To anyone else it does not exist (callers answer 404).
 */
export function canAccess(conv: ConversationRow, shopId: string, identity: Identity): boolean {
  if (conv.shop_id !== shopId) return false;
  if (conv.customer_id === null) return true;
  return identity.level === 'verified' && identity.id === conv.customer_id;
}

export async function getConversation(db: D1Database, id: string): Promise<ConversationRow | null> {
  return db.prepare('SELECT * FROM conversations WHERE id = ?').bind(id).first<ConversationRow>();
}

/**
 * Returns the conversation for this turn, creating it on first use and binding it to the
 * verified customer when one speaks. Returns null when the caller may not use it.
 *
 * `secret` (added in v1.1, see ./access.ts): `{ create: hash }` creates a secret-protected
 * conversation (a `new` request; an id that already exists is refused), `{ presented }` continues
 * one, and none creates or continues an `open` (v1.0) conversation.
 */
export async function openConversation(db: D1Database, input: OpenConversationInput): Promise<ConversationRow | null> {
  const statements = openConversationStatements(db, input);
  const results = await db.batch<ConversationRow>(statements);
  return settleOpenedConversation(db, input, results.at(-1)!.results[0] ?? null);
}

export interface OpenConversationInput {
  id: string;
  shopId: string;
  identity: Identity;
  locale?: string;
  secret?: { create: string } | { presented: string };
  /** SQL (and its parameters) that must hold for a new conversation to be created, e.g. the shop's budget. */
  createOnlyIf?: { sql: string; params: (string | number | null)[] };
}

/**
 * The statements `openConversation` sends (for a caller that puts them in a larger batch): the
 * insert of a new conversation, when this request may create one, then the read of the row. The
 * read is last; hand its row to `settleOpenedConversation`.
 */
export function openConversationStatements(db: D1Database, input: OpenConversationInput): D1PreparedStatement[] {
  const now = nowIso();
  const customerId = input.identity.level === 'verified' ? input.identity.id : null;
  const create = input.secret && 'create' in input.secret ? input.secret.create : null;
  const presented = input.secret && 'presented' in input.secret ? input.secret.presented : null;
  const read = db.prepare('SELECT * FROM conversations WHERE id = ?').bind(input.id);
  // A presented secret never creates: it names a conversation that must exist.
  if (presented) return [read];
  // INSERT OR IGNORE: two first messages racing on one id still create a single row.
  const when = input.createOnlyIf;
  const insert = db
    .prepare(`INSERT OR IGNORE INTO conversations (id, shop_id, customer_id, locale, created_at, updated_at, access, secret_hash) SELECT ?, ?, ?, ?, ?, ?, ?, ?${when ? ` WHERE ${when.sql}` : ''}`)
    .bind(input.id, input.shopId, customerId, input.locale ?? null, now, now, create ? 'secret' : 'open', create, ...(when?.params ?? []));
  return [insert, read];
}

/**
 * The rest of `openConversation`, given the row its statements read: null when the caller may
 * not use it; a guest conversation continued after sign-in becomes the customer's.
 */
export async function settleOpenedConversation(db: D1Database, input: OpenConversationInput, conv: ConversationRow | null): Promise<ConversationRow | null> {
  const customerId = input.identity.level === 'verified' ? input.identity.id : null;
  const create = input.secret && 'create' in input.secret ? input.secret.create : null;
  const presented = input.secret && 'presented' in input.secret ? input.secret.presented : null;
  if (!conv) return null;
  // Asking for a new secret for an id that exists (someone else's, or an earlier one) is refused.
  if (create && conv.secret_hash !== create) return null;
  if (!create && !(await mayUseConversation(conv, { shopId: input.shopId, identity: input.identity, secret: presented, use: 'continue' }))) return null;
  if (!canAccess(conv, input.shopId, input.identity)) return null;
  if (conv.customer_id === null && customerId) {
    // A guest conversation continued after sign-in becomes the customer's.
    const res = await db
      .prepare('UPDATE conversations SET customer_id = ? WHERE id = ? AND customer_id IS NULL')
      .bind(customerId, conv.id)
      .run();
    if (!res.meta.changes) {
      const again = await getConversation(db, input.id);
      return again && canAccess(again, input.shopId, input.identity) ? again : null;
    }
    conv.customer_id = customerId;
  }
  return conv;
}

/** Who answers the shopper now (added in v1.1). Later issues move it: handoff, an agent joining. */
export async function setConversationState(db: D1Database, shopId: string, id: string, state: ConversationState): Promise<void> {
  await db.prepare('UPDATE conversations SET state = ? WHERE shop_id = ? AND id = ?').bind(state, shopId, id).run();
}

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  parts: AislePart[];
  createdAt: string;
  /** Set on assistant-role messages a person wrote (added in v1.1). */
  author?: MessageAuthor;
  /** Written under a guest order grant: readable only with that grant's secret while it lasts. */
  guestGrantId?: string;
}

export function insertMessage(
  db: D1Database,
  conv: { id: string; shopId: string; guestGrantId?: string | null },
  role: 'user' | 'assistant',
  parts: AislePart[],
  id = newId('msg'),
  author?: MessageAuthor,
) {
  const now = nowIso();
  return [
    db
      .prepare('INSERT INTO messages (id, conversation_id, shop_id, role, parts, created_at, author, guest_grant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .bind(id, conv.id, conv.shopId, role, JSON.stringify(parts), now, author && author.kind === 'person' ? JSON.stringify(author) : null, conv.guestGrantId ?? null),
    db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').bind(now, conv.id),
  ];
}

export async function listMessages(db: D1Database, conversationId: string, limit = 200): Promise<StoredMessage[]> {
  return messagesFrom((await listMessagesStatement(db, conversationId, limit).all<MessageRow>()).results);
}

export interface MessageRow {
  id: string;
  role: 'user' | 'assistant';
  parts: string;
  created_at: string;
  author: string | null;
  guest_grant_id: string | null;
}

/** `listMessages` as a statement, for a batch; `messagesFrom` reads its rows. */
export const listMessagesStatement = (db: D1Database, conversationId: string, limit = 200) =>
  db.prepare('SELECT id, role, parts, created_at, author, guest_grant_id FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid LIMIT ?').bind(conversationId, limit);

export const messagesFrom = (rows: MessageRow[]): StoredMessage[] =>
  rows.map((r) => ({
    id: r.id,
    role: r.role,
    parts: JSON.parse(r.parts),
    createdAt: r.created_at,
    ...(r.author ? { author: JSON.parse(r.author) } : {}),
    ...(r.guest_grant_id ? { guestGrantId: r.guest_grant_id } : {}),
  }));

export const toUiMessage = (m: StoredMessage): AisleMessage => ({
  id: m.id,
  role: m.role,
  parts: m.parts,
  createdAt: m.createdAt,
  ...(m.author ? { author: m.author } : {}),
});

export const messageText = (m: { parts: AislePart[] }) =>
  m.parts
    .filter((p): p is { type: 'text'; text: string } => p.type === 'text')
    .map((p) => p.text)
    .join('');
