import { Component, type VNode } from 'preact';
import type { ChatModel } from '../state/chat';
import type { PanelContext } from '../types';

type Cards = typeof import('../cards');
type Guest = typeof import('../guest');

/** A lazily loaded chunk: fetched once, its CSS injected into the shadow root on load. */
interface Chunk<M> {
  mod?: M;
  load(): Promise<M>;
}

let host: { ctx: PanelContext; model: ChatModel } | undefined;

/**
 * Where lazily loaded chunks inject their CSS, and what the guest form posts with (the panel's
 * context) and adds replies to (its model); set once by createPanel.
 */
export function setLazyTarget(ctx: PanelContext, model: ChatModel) {
  host = { ctx, model };
}
export const lazyHost = () => host!;

function chunk<M extends { init(shadow: ShadowRoot, nonce?: string): void }>(load: () => Promise<M>): Chunk<M> {
  let loading: Promise<M> | undefined;
  const c: Chunk<M> = {
    load: () =>
      (loading ??= load().then(
        (m) => {
          if (host) m.init(host.ctx.shadow, host.ctx.nonce);
          return (c.mod = m);
        },
        (err) => {
          loading = undefined;
          throw err;
        },
      )),
  };
  return c;
}

const cards = chunk<Cards>(() => import('../cards'));
/** The guest order form (issue 20): fetched when a reply offers it. */
export const guestForm = chunk<Guest>(() => import('../guest'));

/** Starts fetching the cards chunk (a reply is about to show one). */
export const loadCards = cards.load;

/**
 * Renders from a lazy chunk (the cards chunk unless `chunk` says otherwise): a same-sized
 * placeholder while it loads (a few KB, usually already fetched while the reply streamed), then
 * the content.
 */
export class CardSlot<M = Cards> extends Component<{ render: (m: M) => VNode; chunk?: Chunk<M>; wait?: VNode }> {
  private get c() {
    return this.props.chunk ?? (cards as unknown as Chunk<M>);
  }
  override componentDidMount() {
    if (!this.c.mod) this.c.load().then(() => this.forceUpdate(), () => {});
  }
  override render() {
    const m = this.c.mod;
    return m ? this.props.render(m) : this.props.wait ?? <div class="aisle-card-wait" aria-hidden="true" />;
  }
}
