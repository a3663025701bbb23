import type { OrderRecord } from '../../../shared/order';
import type { OrderStage } from '../../../shared/chat';
import type { HandoffCategory } from '../../../shared/ticket';
import type { Turn } from '../turn';
import type { Analysis } from '../language';
import { namedItems } from '../orders/items';
import { orderSourceFor } from '../orders/source';

/**
 * Which of the customer's orders a request to act is about. In order of precedence:
 * 1. the orders the shopper named (every one of them, no cap);
 * 2. the orders holding an item the shopper named, those at a stage the request fits first
 *    ("return the mouse" is about the delivered order with the mouse, not the one on its way);
 * 3. every open order, when the shopper asks about all of them;
 * 4. the one order the previous reply showed, when the message names none and no number was
 *    typed ("it should have come on the 19th" right after the order card): the order the
 *    conversation is about;
 * 5. the only order at a stage the request fits, when there is exactly one and the shopper typed
 *    no number ("it was due on the 19th": the one on its way; "the refund never came": the one
 *    delivered, returned or cancelled); not for a cancellation or a change (`ASK_WHEN_UNNAMED`);
 * 6. the only open order, when there is exactly one;
 * 7. the only order, when the customer has just one.
 * Otherwise the scope is empty and the shopper is asked which order, in one question.
 * A named order that does not hold the named item is reported, so the shopper is asked, unless the
 * order holding the item fits the request and the named one does not, and the number came with a
 * question of where it is ("where is HG-20931? and I want to return the raised bed": the number
 * was for the question, the bed's order for the return).
 *
 * The orders come from the order source bound to the verified customer (or the guest's one
 * granted order): nothing here can read another customer's order.
 */
export interface OrderScope {
  orders: OrderRecord[];
  how: 'named' | 'item' | 'all_open' | 'shown_before' | 'only_fitting' | 'only_open' | 'only_order' | 'none';
  /** Item names of the scoped orders that the shopper named. */
  items: string[];
  /** The one question to ask when the scope is not settled. */
  question: null | { kind: 'which_order'; candidates: string[] } | { kind: 'item_not_in_order'; order: string; item: string };
}

/** Stages at which an order is still open: it can still be changed, cancelled or be on its way. */
export const OPEN_STAGES: readonly OrderStage[] = ['received', 'processing', 'shipped', 'out_for_delivery'];
const isOpen = (o: OrderRecord) => OPEN_STAGES.includes(o.stage);
/** Enough to see every open order of a real customer; the source caps it anyway. */
const LIST_LIMIT = 50;

/**
 * The stages an order can be at for a request of the category to be about it: what can still be
 * cancelled or changed has not shipped, a late parcel is on its way, what is returned, exchanged or
 * broken was delivered, money comes back for what was delivered, returned or cancelled, a payment
 * problem is on an order not yet sent. Categories not listed fit any stage.
 */
const FITTING_STAGES: Partial<Record<HandoffCategory, readonly OrderStage[]>> = {
  cancellation: ['received', 'processing'],
  order_change: ['received', 'processing'],
  address_change: ['received', 'processing', 'shipped'],
  payment_problem: ['received', 'processing'],
  delivery_problem: ['shipped', 'out_for_delivery'],
  return: ['delivered'],
  exchange: ['delivered'],
  damaged_or_wrong_item: ['delivered'],
  refund: ['delivered', 'returned', 'cancelled'],
};
/**
 * Requests to do something that only some stages allow: the shopper may mean an order past that
 * stage (and is told where it stands), so with several open orders and none named we ask.
 */
const ASK_WHEN_UNNAMED: readonly HandoffCategory[] = ['cancellation', 'order_change', 'address_change'];
const fits = (category: HandoffCategory | undefined) => (o: OrderRecord) => !category || !FITTING_STAGES[category] || FITTING_STAGES[category]!.includes(o.stage);

const EMPTY: OrderScope = { orders: [], how: 'none', items: [], question: null };

export async function scopeOrders(turn: Turn, analysis: Analysis, category?: HandoffCategory): Promise<OrderScope> {
  const level = turn.identity.level;
  if (level !== 'verified' && level !== 'order_verified_guest') return EMPTY;
  const source = orderSourceFor(turn);
  const words = analysis;
  const fitting = fits(category);

  const all = await source.listOrders(LIST_LIMIT);
  const named: OrderRecord[] = [];
  for (const number of analysis.orderNumbers) {
    const order = await source.getOrder(number);
    if (order && !named.some((o) => o.number === order.number)) named.push(order);
  }

  if (named.length > 0) {
    const items = named.flatMap((o) => namedItems(o, words));
    // The shopper named an order and an item that is not in it, but is in another of their orders.
    if (items.length === 0) {
      const elsewhere = all.find((o) => !named.some((n) => n.number === o.number) && namedItems(o, words).length > 0);
      if (elsewhere) {
        const items = namedItems(elsewhere, words);
        // Only when the number came with a question of where it is: "return the spork from order 3102" is about 3102.
        if (analysis.has('STATUS') && !named.some(fitting) && fitting(elsewhere)) return { orders: [elsewhere], how: 'item', items, question: null };
        return { orders: named, how: 'named', items: [], question: { kind: 'item_not_in_order', order: named[0].number, item: items[0] } };
      }
    }
    return { orders: named, how: 'named', items, question: null };
  }

  const holding = all.filter((o) => namedItems(o, words).length > 0);
  if (holding.length > 0) {
    // Those the request fits first, then the open ones: "return the charger" most likely means the charger not yet returned.
    const fit = holding.filter(fitting);
    const open = holding.filter(isOpen);
    const orders = fit.length > 0 ? fit : open.length > 0 ? open : holding;
    return { orders, how: 'item', items: [...new Set(orders.flatMap((o) => namedItems(o, words)))], question: null };
  }

  const open = all.filter(isOpen);
  if (asksAboutAll(analysis) && open.length > 0) return { orders: open, how: 'all_open', items: [], question: null };
  // The order the previous reply was about comes before "the only open one": "it arrived broken"
  // under the card of a delivered order is about that order. Not when the shopper typed a number
  // that is not theirs: that reads as a missing order, not as another one.
  const before = analysis.orderNumbers.length === 0 ? shownBefore(turn) : [];
  const inFocus = before.length === 1 ? all.find((o) => o.number === before[0]) : undefined;
  if (inFocus) return { orders: [inFocus], how: 'shown_before', items: [], question: null };
  const decisive = category && FITTING_STAGES[category] && !ASK_WHEN_UNNAMED.includes(category) && analysis.orderNumbers.length === 0;
  const fit = decisive ? all.filter(fitting) : [];
  if (fit.length === 1) return { orders: fit, how: 'only_fitting', items: [], question: null };
  if (open.length === 1) return { orders: open, how: 'only_open', items: [], question: null };
  // A customer with one order only (a guest's granted order, a first purchase): that one.
  if (all.length === 1) return { orders: all, how: 'only_order', items: [], question: null };
  const candidates = (open.length > 0 ? open : all).map((o) => o.number);
  return { orders: [], how: 'none', items: [], question: candidates.length > 0 ? { kind: 'which_order', candidates } : null };
}

/** "all my orders", "todos mis pedidos", "toutes mes commandes": the ALL concept next to ORDER. */
function asksAboutAll(analysis: Analysis): boolean {
  return analysis.at('ALL').some((i) => analysis.within(i + 1, 'ORDER', 3));
}

/**
 * The order numbers of the order cards the previous assistant reply showed (stored history, this
 * conversation only). Only used against the customer's own orders read above.
 */
function shownBefore(turn: Pick<Turn, 'history'>): string[] {
  const last = [...turn.history].reverse().find((m) => m.role === 'assistant');
  if (!last) return [];
  return [...new Set(last.parts.flatMap((p) => (p.type === 'data-order' ? [(p.data as { number: string }).number] : [])))];
}
