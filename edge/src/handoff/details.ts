import type { Locale, OrderStage } from '../../../shared/chat';
import type { OrderRecord } from '../../../shared/order';
import type { CollectedDetail, HandoffCategory } from '../../../shared/ticket';
import { fill, PACKS, wordingOf, type Analysis, type ConceptId, type Lang, type TopicId } from '../language';
import type { OrderScope } from './scope';

/**
 * What a person needs per category to decide without asking the shopper again, and what the
 * shopper is told about where their order stands. All of it is data: a new category or stage
 * is a row here and a sentence in each language pack, not a branch in the pipeline.
 */

export type DetailKey = 'item' | 'wanted';

/**
 * The details each category needs. `ask` details are asked for (one question at most) when the
 * message does not give them; the others are recorded when given. An address is never asked for
 * in the chat: minimal disclosure, the team takes it from the order.
 */
export const CATEGORY_DETAILS: Record<HandoffCategory, { key: DetailKey; ask: boolean }[]> = {
  exchange: [{ key: 'item', ask: true }, { key: 'wanted', ask: true }],
  order_change: [{ key: 'item', ask: true }, { key: 'wanted', ask: false }],
  return: [{ key: 'item', ask: true }],
  damaged_or_wrong_item: [{ key: 'item', ask: true }],
  refund: [{ key: 'item', ask: false }],
  cancellation: [],
  address_change: [],
  discount: [],
  payment_problem: [],
  delivery_problem: [],
  complaint: [],
  human_request: [],
  other: [],
};

export const DETAIL_LABELS: Record<DetailKey, string> = { item: 'Item concerned', wanted: 'Wanted instead' };

/** The policy topics whose passages a person needs to decide a category, most specific first. */
export const CATEGORY_POLICY_TOPICS: Record<HandoffCategory, readonly TopicId[]> = {
  refund: ['refunds', 'returns'],
  return: ['returns', 'refunds'],
  exchange: ['exchanges', 'returns', 'sizing'],
  cancellation: ['cancellation'],
  order_change: ['cancellation', 'exchanges'],
  address_change: ['shipping'],
  discount: ['discounts'],
  payment_problem: ['payment', 'refunds'],
  delivery_problem: ['shipping'],
  damaged_or_wrong_item: ['returns', 'warranty'],
  complaint: [],
  human_request: [],
  other: [],
};

/**
 * Concepts whose words find a category's page when no topic names it ("Damaged items",
 * "Missing parcels"); searched in the reply language by the concept's first word in the pack (the
 * search wants most words of a query to be in a passage, so one word per query).
 */
export const CATEGORY_POLICY_CONCEPTS: Partial<Record<HandoffCategory, readonly ConceptId[]>> = {
  damaged_or_wrong_item: ['DAMAGED', 'MISSING'],
  delivery_problem: ['DELAY', 'MISSING'],
  payment_problem: ['CHARGED'],
};

/** The first plain words of a concept in a pack (prefix and infix patterns dropped). */
export function conceptQuery(concept: ConceptId, lang: string, words = 1): string {
  const pack = PACKS[lang as Lang] ?? PACKS.en;
  return pack.concepts[concept]
    .split(' ')
    .filter((w) => w && !w.includes('*'))
    .slice(0, words)
    .join(' ');
}

type Group = 'change' | 'cancel' | 'after_delivery';
type StageGroup = 'before_shipping' | 'shipped' | 'delivered' | 'closed';
type Reality = keyof ReturnType<typeof wordingOf>['handoff']['reality'];

const CATEGORY_GROUP: Partial<Record<HandoffCategory, Group>> = {
  exchange: 'change',
  order_change: 'change',
  address_change: 'change',
  cancellation: 'cancel',
  return: 'after_delivery',
  refund: 'after_delivery',
  damaged_or_wrong_item: 'after_delivery',
};

const STAGE_GROUP: Record<OrderStage, StageGroup> = {
  received: 'before_shipping',
  processing: 'before_shipping',
  shipped: 'shipped',
  out_for_delivery: 'shipped',
  delivered: 'delivered',
  cancelled: 'closed',
  returned: 'closed',
};

/**
 * A category that means another at the order's stage: a size or colour swap asked for before the
 * order has shipped is a change to the order, not an exchange (test/corpus/README.md, conventions).
 */
const CATEGORY_AT_STAGE: Partial<Record<HandoffCategory, Partial<Record<StageGroup, HandoffCategory>>>> = {
  exchange: { before_shipping: 'order_change' },
};

/** The category a request has for the one order it is about (the category itself when the scope is not one order). */
export function categoryAtStage(category: HandoffCategory, scope: OrderScope): HandoffCategory {
  if (scope.orders.length !== 1) return category;
  return CATEGORY_AT_STAGE[category]?.[STAGE_GROUP[scope.orders[0].stage]] ?? category;
}

/** Which sentence states the fulfilment reality, by category group and stage group; none where the stage changes nothing. */
const REALITY: Record<Group, Record<StageGroup, Reality | null>> = {
  change: { before_shipping: 'changeBeforeShipping', shipped: 'changeShipped', delivered: 'changeDelivered', closed: 'closed' },
  cancel: { before_shipping: 'cancelBeforeShipping', shipped: 'cancelShipped', delivered: 'cancelDelivered', closed: 'closed' },
  after_delivery: { before_shipping: 'returnNotArrived', shipped: 'returnNotArrived', delivered: null, closed: 'closed' },
};

/** A size as written on labels (S, M, XL, 3XL, 2XS): syntax of sizes, the same in every language. */
const SIZE_LETTERS = /^(?:[2-5]?X{0,3}[SML]|[2-5]?X[SL])$/;

/**
 * What the shopper wants instead: sizes and variant words (colours, "large") of the message
 * that are not what the item already is. A size letter counts when written in capitals or
 * right after a size word; a number only right after a size word ("size 42", "talla 38").
 */
export function wantedValues(analysis: Analysis, current: string[]): string[] {
  const now = new Set(current.map((v) => v.toLowerCase()));
  const out: string[] = [];
  analysis.tokens.forEach((t, i) => {
    const afterSize = analysis.is(i - 1, 'SIZE') || analysis.is(i - 1, 'ITEMATTR');
    const letter = SIZE_LETTERS.test(t.raw.toUpperCase()) && (t.raw === t.raw.toUpperCase() || afterSize) && t.raw.length <= 3;
    const value = t.entity === 'size' || letter || (t.entity === 'number' && afterSize) || analysis.is(i, 'VARIANT') ? t.raw : null;
    if (value && !now.has(value.toLowerCase()) && !out.some((o) => o.toLowerCase() === value.toLowerCase())) out.push(value);
  });
  return out;
}

export interface TicketPlan {
  details: CollectedDetail[];
  /** The one question for the shopper, or null. */
  ask: string | null;
  /** Where the order concerned stands, in the shopper's language, or null. */
  reality: string | null;
}

const optionValues = (o: OrderRecord) => o.items.flatMap((i) => Object.values(i.options ?? {}));

/**
 * The details, the one question and the fulfilment sentence for a request, from its order scope.
 * Questions in precedence: which order, an item that is not in the named order, which item,
 * what is wanted instead.
 */
export function planTicket(category: HandoffCategory, scope: OrderScope, analysis: Analysis, locale: Locale): TicketPlan {
  const words = wordingOf(locale).handoff;
  const details: CollectedDetail[] = [];
  const add = (key: DetailKey, value: string) => details.push({ key, label: DETAIL_LABELS[key], value: value.slice(0, 300) });
  const needs = CATEGORY_DETAILS[category];
  const items = scope.items.length > 0 ? scope.items : scope.orders.length === 1 && scope.orders[0].items.length === 1 ? [scope.orders[0].items[0].name] : [];

  let ask: string | null = null;
  const question = scope.question;
  if (question?.kind === 'which_order' && (needs.length > 0 || CATEGORY_GROUP[category])) {
    ask = fill(words.ask.whichOrder, { orders: question.candidates.join(', ') });
  } else if (question?.kind === 'item_not_in_order') {
    ask = fill(words.ask.itemNotInOrder, { n: question.order, item: question.item });
  }

  for (const need of needs) {
    if (need.key === 'item') {
      if (items.length > 0) add('item', items.join(', '));
      else if (need.ask && !ask && scope.orders.length === 1) ask = fill(words.ask.whichItem, { n: scope.orders[0].number });
    } else {
      const wanted = wantedValues(analysis, scope.orders.flatMap(optionValues));
      if (wanted.length > 0) add('wanted', wanted.join(', '));
      else if (need.ask && !ask) ask = words.ask.wanted;
    }
  }

  const group = CATEGORY_GROUP[category];
  const order = scope.orders.length === 1 ? scope.orders[0] : null;
  const key = group && order ? REALITY[group][STAGE_GROUP[order.stage]] : null;
  const reality = key && order ? fill(words.reality[key], { n: order.number, stage: wordingOf(locale).orderStage[order.stage].toLowerCase() }) : null;
  return { details, ask, reality };
}
