/**
 * Lazy chunk: the guest order form (order number + email, then an optional mailed code) with its
 * CSS and words. Fetched the first time a reply offers it (`data-verify-order`, `requested`), so
 * it costs nothing at first open. Loaded through components/Lazy.tsx like the cards chunk.
 */
import { injectStyle } from './lib/style';
import css from './guest.css?inline';

export { GuestForm } from './components/GuestForm';

export function init(shadow: ShadowRoot, nonce?: string) {
  injectStyle(shadow, css, 'guest', nonce);
}
