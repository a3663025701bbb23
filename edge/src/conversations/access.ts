import type { Context } from 'hono';
import { CONVERSATION_SECRET_HEADER, NEW_CONVERSATION_SECRET } from '../../../shared/chat';
import type { Identity } from '../../../shared/identity';
import type { AppEnv } from '../env';
import { randomSecret, sha256Hex, timingSafeEqual } from '../lib/crypto';
import { ApiError } from '../lib/errors';
import { canAccess, getConversation, type ConversationRow } from './store';

/**
 * The conversation secret (added in v1.1).
 *
 * A conversation id is chosen by the client and travels in URLs, logs and local storage, so it
 * is not enough to read a guest's conversation. A v1.1 client sends `x-aisle-conversation-secret: new`
 * with its first turn; the server creates the conversation with `access = 'secret'`, answers the
 * secret once in the same response header, and stores only its SHA-256. Every later request about
 * that conversation sends the secret back in the header (`conversationSecretFrom`).
 *
 * Access modes (conversations.access, migration 0006):
 * - `secret`: every use needs the secret; without it the conversation looks unknown (404).
 * - `open`: started by a v1.0 client without asking for a secret: readable and continued by id,
 *   exactly as in v1.0 (deprecated; v1.1-only features refuse it).
 * - `legacy`: existed before migration 0006: readable by id until retention removes it, never
 *   continued (a turn into it is a 404, and clients start a new conversation).
 *
 * What each use needs (`ConversationUse`):
 * - `read`: history. secret -> the secret; open and legacy -> the id.
 * - `continue`: a shopper's turn. secret -> the secret; open -> the id; legacy -> refused.
 * - `secret`: v1.1 features (CSAT, guest order grants, the live channel, reading agent replies
 *   live): only a `secret` conversation, with its secret.
 * The customer rule of `canAccess` (a verified customer's conversation needs their token) holds on top.
 */
export type ConversationUse = 'read' | 'continue' | 'secret';

/** The secret the request presents, or null. `new` is not a secret (it asks for one). */
export function conversationSecretFrom(c: Context<AppEnv>): string | null {
  const value = c.req.header(CONVERSATION_SECRET_HEADER)?.trim();
  return value && value !== NEW_CONVERSATION_SECRET ? value : null;
}

/** True when the request asks for a new secret-protected conversation. */
export const wantsConversationSecret = (c: Context<AppEnv>) => c.req.header(CONVERSATION_SECRET_HEADER)?.trim() === NEW_CONVERSATION_SECRET;

/** A fresh secret and the hash to store. */
export async function newConversationSecret(): Promise<{ secret: string; hash: string }> {
  const secret = randomSecret(32);
  return { secret, hash: await sha256Hex(secret) };
}

/** Whether `presented` opens `conv` for `use` (shop and customer rules included). */
export async function mayUseConversation(
  conv: ConversationRow,
  input: { shopId: string; identity: Identity; secret: string | null; use: ConversationUse },
): Promise<boolean> {
  if (!canAccess(conv, input.shopId, input.identity)) return false;
  if (conv.access === 'secret') {
    if (!input.secret || !conv.secret_hash) return false;
    return timingSafeEqual(await sha256Hex(input.secret), conv.secret_hash);
  }
  if (input.use === 'secret') return false;
  if (input.use === 'continue') return conv.access === 'open';
  return true;
}

/**
 * Loads the conversation for a shopper request, or throws 404 `not_found` when it does not exist
 * or this request may not use it (the two look the same). For routes other issues add:
 * `const conv = await requireConversation(c, id, 'secret')`.
 */
export async function requireConversation(c: Context<AppEnv>, id: string, use: ConversationUse): Promise<ConversationRow> {
  const conv = await getConversation(c.env.DB, id);
  const ok = conv && (await mayUseConversation(conv, { shopId: c.get('shop').id, identity: c.get('identity'), secret: conversationSecretFrom(c), use }));
  if (!conv || !ok) throw new ApiError('not_found', 'Unknown conversation');
  return conv;
}
