import type { Locale } from '../../../shared/chat';
import type { Identity } from '../../../shared/identity';
import type { StoredMessage } from '../conversations/store';
import { guestWords } from './wording';

/**
 * Replies written under a guest order grant carry that order's facts. Once the grant has
 * expired, or for anyone without its conversation secret, they read as one neutral line.
 */
export function redactGrantMessages<M extends StoredMessage>(messages: M[], readable: ReadonlySet<string>, locale: Locale): M[] {
  return messages.map((m) =>
    m.guestGrantId && m.role === 'assistant' && !readable.has(m.guestGrantId) ? { ...m, parts: [{ type: 'text', text: guestWords(locale, 'expired') }] } : m,
  );
}

/** The grants a turn's identity may read: only the one it holds. */
export const grantsOf = (identity: Identity): Set<string> => new Set(identity.level === 'order_verified_guest' ? [identity.grantId] : []);
