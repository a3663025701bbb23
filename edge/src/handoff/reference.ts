import { REFERENCE_ALPHABET } from '../../../shared/chat';

/**
 * A new ticket reference: 8 random characters of Crockford base32 (no I, L, O, U), shown as
 * `XXXX-XXXX`. 40 bits, so collisions within one shop are rare; the unique index
 * (shop_id, reference) catches them and the caller draws again. It is a label people quote
 * and search for, never a credential: knowing it opens nothing.
 */
export function newTicketReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  // 256 is a multiple of 32, so `% 32` is unbiased.
  const chars = [...bytes].map((b) => REFERENCE_ALPHABET[b % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
