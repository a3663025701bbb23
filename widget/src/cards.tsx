/**
 * Lazy chunk: the order and hand-off cards with their CSS. Most conversations never show
 * one, so they are fetched the first time a reply carries an order or a hand-off, keeping
 * the first open small. (The pattern for every later lazy chunk: an entry file here, loaded
 * through components/Lazy.tsx, its CSS injected on load.)
 */
import { injectStyle } from './lib/style';
import css from './cards.css?inline';

export { HandoffCard } from './components/HandoffCard';
export { OrderCard, OrderList } from './components/OrderCard';
export { Csat } from './components/Csat';
export { ProductActions } from './components/ProductActions';

export function init(shadow: ShadowRoot, nonce?: string) {
  injectStyle(shadow, css, 'cards', nonce);
}
