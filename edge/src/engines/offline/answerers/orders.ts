import type { OrderCard } from '../../../../../shared/chat';
import { EMAIL_PLACEHOLDER } from '../../../guest/redact';
import { guestWords } from '../../../guest/wording';
import { isStopWord, stem, tokenize as searchWords } from '../../../catalog/text';
import { CONCEPTS, hasPhrase, normalizeWord } from '../../../language';
import { newId } from '../../../lib/ids';
import { describeOrder, isActiveStage } from '../../../orders/card';
import { readOwnOrder, readOwnOrders } from '../../../orders/read';
import type { OrderTarget } from '../../../understanding';
import type { EngineContext } from '../../types';
import { t } from '../templates';
import { orderParts, query, sent } from './send';

/**
 * "Where is my order #20958?", "has my hose reel shipped?", "my last order": the customer's own
 * orders, read through the order source for the verified identity only. A guest gets the order
 * form (when the shop offers it) or a sign-in notice, never an order fact.
 */
export async function answerOrders(ctx: EngineContext, target: OrderTarget): Promise<'order'> {
  const { turn, out } = ctx;
  const L = turn.locale;
  if (turn.identity.level === 'guest') {
    turn.evidence.fallbackReason = 'permission_refused';
    if (turn.guestOrderHelp) offerGuestForm(ctx);
    else {
      out.line(t(L, 'signInForOrders'));
      out.data({ type: 'data-notice', data: { code: 'sign_in_required', text: t(L, 'signInForOrders') } });
    }
    return 'order';
  }
  if (target.by === 'number') {
    const cards: OrderCard[] = [];
    for (const orderNumber of target.numbers.slice(0, 3)) {
      const q = await query(ctx, 'getMyOrder', { orderNumber }, () => readOwnOrder(turn, L, orderNumber));
      if (q.output) cards.push(q.output);
      else {
        // The number the shopper typed may be said back: "I couldn't find an order NW-1".
        await sent(ctx, q, { found: false, orderNumber }, { orders: [], notFound: true });
        out.line(t(L, 'orderNotFound', { number: orderNumber }));
      }
    }
    if (cards.length > 0) await showOrders(ctx, { name: 'getMyOrder', input: { orderNumbers: target.numbers.slice(0, 3) }, output: cards, ms: 0 }, cards, false);
    return 'order';
  }
  // Enough to find the order with the thing asked about ("has my camera shipped?").
  const q = await query(ctx, 'getMyOrders', { limit: 10 }, () => readOwnOrders(turn, L, 10));
  const cards = pickOrders(q.output ?? [], target, turn.text);
  if (cards.length === 0) {
    out.line(t(L, 'noOrders'));
    return 'order';
  }
  if (cards.filter((c) => isActiveStage(c.stage)).length > 1) turn.evidence.fallbackReason = 'ambiguous_order';
  await showOrders(ctx, q, cards, true);
  return 'order';
}

async function showOrders(ctx: EngineContext, q: Parameters<typeof orderParts>[1], cards: OrderCard[], picked: boolean) {
  const { turn, out } = ctx;
  const parts = await orderParts(ctx, q, cards);
  if (picked && cards.length > 1) out.line(t(turn.locale, 'severalOrders', { count: cards.length }));
  for (const card of cards) out.line(describeOrder(card, turn.locale));
  for (const p of parts) out.data(p);
}

/**
 * A guest asking about an order: the order form (number + email), never an order fact. What is
 * typed into the form goes to verify-order, not into this conversation's history.
 */
function offerGuestForm({ turn, out }: EngineContext) {
  const L = turn.locale;
  if (turn.text.includes(EMAIL_PLACEHOLDER)) out.line(guestWords(L, 'emailRemoved'));
  const text = guestWords(L, 'offerForm');
  out.line(text);
  out.data({ type: 'data-verify-order', data: { requestId: newId('vr', 16), state: 'requested', text } });
}

/** Words for an order or a parcel in any pack: they name no item of it. */
const orderWord = (w: string) => CONCEPTS.exactly(normalizeWord(w)).some((c) => c === 'ORDER' || c === 'PARCEL');

/**
 * Which of the customer's orders (newest first) the plan's target is: those holding the item it
 * names, the newest for "my last order", else those with an item the question names, else the three newest.
 */
function pickOrders(orders: OrderCard[], target: OrderTarget, question: string): OrderCard[] {
  if (target.by === 'item') {
    const holding = orders.filter((o) => o.items.some((i) => target.items.includes(i.name)));
    if (holding.length > 0) return holding.slice(0, 3);
  }
  if (target.by === 'latest') return orders.slice(0, 1);
  const words = new Set(searchWords(question).filter((w) => w.length >= 3 && !isStopWord(w) && !orderWord(w)).map(stem));
  const naming = orders.filter((o) => o.items.some((item) => searchWords(item.name).some((w) => words.has(stem(w)))));
  if (naming.length > 0) return naming.slice(0, 3);
  return orders.slice(0, hasPhrase(searchWords(question).join(' '), 'LASTORDER') ? 1 : 3);
}
