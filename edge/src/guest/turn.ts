import type { Identity } from '../../../shared/identity';
import { detectIntents } from '../policy-gate';
import { activeGrant } from './grants';
import { containsEmail, redactEmails } from './redact';

/** The turn's identity: a signed-in customer stays one; a guest with a live grant becomes an order-verified guest. */
export async function guestTurnIdentity(db: D1Database, shopId: string, conversationId: string, identity: Identity, secret: string | undefined): Promise<Identity> {
  if (identity.level !== 'guest') return identity;
  return (await activeGrant(db, shopId, conversationId, secret)) ?? identity;
}

/**
 * A guest who types an email next to an order question ("order 1042, jane@example.com") gets the
 * address removed from the message before anything stores it, audits it or sends it to a model;
 * the reply offers the order form instead.
 */
export function guestSafeText(text: string, identity: Identity): string {
  if (identity.level === 'verified' || !containsEmail(text)) return text;
  const intents = detectIntents(text);
  return intents.orderStatus || intents.orderNumbers.length > 0 || identity.level === 'order_verified_guest' ? redactEmails(text) : text;
}

/**
 * The same, for the guest's answer to the form offer: "jane@example.com" typed into the chat
 * right after the assistant offered the order form has no order words, but it is the order's
 * email all the same. Only looked up when the message contains an address. Returns the text to
 * store and whether an address was removed this way.
 */
export async function guestSafeTurnText(
  db: D1Database,
  conversationId: string,
  text: string,
  identity: Identity,
  /** The conversation's stored messages, when the caller has read them: no read of its own. */
  history?: { role: string; parts: { type: string }[] }[],
): Promise<{ text: string; emailRemoved: boolean }> {
  const safe = guestSafeText(text, identity);
  if (safe !== text || identity.level !== 'guest' || !containsEmail(text)) return { text: safe, emailRemoved: safe !== text };
  const offered = history
    ? (history.findLast((m) => m.role === 'assistant')?.parts.some((p) => p.type === 'data-verify-order') ?? false)
    : ((
        await db
          .prepare("SELECT parts FROM messages WHERE conversation_id = ? AND role = 'assistant' ORDER BY created_at DESC LIMIT 1")
          .bind(conversationId)
          .first<{ parts: string }>()
      )?.parts.includes('"data-verify-order"') ?? false);
  return offered ? { text: redactEmails(text), emailRemoved: true } : { text, emailRemoved: false };
}
