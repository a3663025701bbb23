import { Component, type VNode } from 'preact';

type Cards = typeof import('../cards');

let cards: Cards | undefined;
let loading: Promise<Cards> | undefined;
let target: { shadow: ShadowRoot; nonce?: string } | undefined;

/** Where lazily loaded chunks inject their CSS; set once by createPanel. */
export function setLazyTarget(shadow: ShadowRoot, nonce?: string) {
  target = { shadow, nonce };
}

/** Starts fetching the cards chunk (a reply is about to show one). */
export function loadCards(): Promise<Cards> {
  loading ??= import('../cards').then(
    (m) => {
      if (target) m.init(target.shadow, target.nonce);
      return (cards = m);
    },
    (err) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/**
 * Renders a card from the lazy cards chunk: a same-sized placeholder while it loads (a few
 * KB, usually already fetched while the reply streamed), then the card.
 */
export class CardSlot extends Component<{ render: (m: Cards) => VNode }> {
  override componentDidMount() {
    if (!cards) loadCards().then(() => this.forceUpdate(), () => {});
  }
  override render() {
    return cards ? this.props.render(cards) : <div class="aisle-card-wait" aria-hidden="true" />;
  }
}
