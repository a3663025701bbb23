import type { HandoffCategory } from '../../../shared/ticket';
import type { Evidence } from './context';
import type { BlockedPromise } from './reply-writer';
import { analyse, HANDOFF_CONCEPTS, type ConceptId } from '../language';
import { readValues, type Value } from '../language/values';
import type { ShopRecord } from '../shops/store';

/**
 * Grounding: every amount with its currency, percentage, date, duration and code-like token
 * (discount code, order number, SKU) in an engine's sentence must equal a typed value read from
 * this turn's evidence: tool results (walked as data, never searched as JSON text, so an id or
 * another product's price does not ground), retrieved policy passages, catalog text quoted, and
 * shop settings (hours, expected reply). A sentence that names a product must use that
 * product's prices. An order number that was not read for this customer this turn is blocked.
 * Otherwise the sentence is blocked, and handed off when it concerns money or fulfilment.
 */

export interface GroundingSources {
  /** Values of shop text read this turn (passages, policy and settings text). */
  texts: string[];
  /** Products read this turn, with their title and everything typed about them. */
  products: { title: string; values: Value[] }[];
  /** Order numbers read for this customer this turn. */
  orders: string[];
  /** Values from structured data (order dates, ticket references...). */
  values: Value[];
  /**
   * The shopper's own message: repeating their figure back ("nothing under 500 euros") is not
   * inventing one. It grounds amounts, dates and durations only, never a code or an order number.
   */
  shopper?: string;
}

/** Keys whose values identify records rather than state facts: they never ground anything. */
const ID_KEYS = new Set(['id', 'handle', 'url', 'image', 'images', 'idOrHandle', 'ticketId', 'documentId', 'passageId', 'variantId', 'sku', 'orderNumber']);

const money = (amount: unknown, currency: unknown): Value | null =>
  typeof amount === 'number' && Number.isFinite(amount) ? { kind: 'money', amounts: [amount], currency: typeof currency === 'string' ? currency.toUpperCase() : null, text: String(amount) } : null;

/** Values of one tool result, walked as data. */
function walk(node: unknown, sources: GroundingSources, product: { title: string; values: Value[] } | null, depth = 0) {
  if (depth > 8 || node === null || node === undefined) return;
  if (typeof node === 'string') {
    (product?.values ?? sources.values).push(...readValues(node));
    return;
  }
  if (Array.isArray(node)) return node.slice(0, 200).forEach((x) => walk(x, sources, product, depth + 1));
  if (typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  // "Not found" states nothing: the number asked for (the model's own argument) grounds nothing.
  if (o.found === false) return;
  // A product: a title with a price. Its own values stay with it.
  let own = product;
  if (!product && typeof o.title === 'string' && typeof o.price === 'number') {
    own = { title: o.title, values: [] };
    sources.products.push(own);
  }
  const currency = o.currency;
  for (const [k, v] of Object.entries(o)) {
    if (ID_KEYS.has(k)) continue;
    if (k === 'number' && typeof v === 'string') {
      sources.orders.push(v);
      continue;
    }
    if (/price$/i.test(k) || k === 'amount' || k === 'total') {
      const m = money(v, currency ?? inheritedCurrency(own));
      if (m) (own?.values ?? sources.values).push(m);
      continue;
    }
    walk(v, sources, own, depth + 1);
  }
}

const inheritedCurrency = (p: { values: Value[] } | null) => {
  const m = p?.values.find((v) => v.kind === 'money' && v.currency);
  return m && m.kind === 'money' ? m.currency : undefined;
};

/** What this turn may state: read from the evidence the tools recorded and the shop's settings. */
export function groundingSources(
  evidence: Evidence,
  shop: Pick<ShopRecord, 'name' | 'settings'>,
  extra: string[] = [],
  shopper = '',
  references?: readonly string[],
): GroundingSources {
  const sources: GroundingSources = { texts: [...extra], products: [], orders: [], values: [], shopper };
  // The turn's references as read for this customer ("hg 20931" typed without "order"), else as typed.
  const typed = references ?? (shopper ? analyse(shopper).orderNumbers : []);
  for (const { output } of evidence.toolOutputs ?? []) {
    walk(output, sources, null);
    // "I couldn't find an order NW-1 on your account": the number the shopper typed this turn may be
    // said back after a lookup found nothing (it reveals nothing); one the model chose may not.
    const o = output as { found?: unknown; orderNumber?: unknown };
    if (o && o.found === false && typeof o.orderNumber === 'string' && typed.some((n) => sameCode(n, o.orderNumber as string))) sources.orders.push(o.orderNumber);
  }
  for (const p of evidence.passages) sources.texts.push(p.text, p.title);
  for (const f of evidence.quotedFacts ?? []) sources.texts.push(f);
  for (const o of evidence.orders) {
    sources.orders.push(o.number);
    walk({ ...o, number: undefined }, sources, null);
  }
  const s = shop.settings.support;
  sources.texts.push(s.expectedReply, s.hours ?? '', shop.name);
  return sources;
}

const sameCode = (a: string, b: string) => a.replace(/[^A-Z0-9]/gi, '').toUpperCase() === b.replace(/[^A-Z0-9]/gi, '').toUpperCase();

function equal(v: Value, e: Value): boolean {
  if (v.kind !== e.kind) return false;
  switch (v.kind) {
    case 'money': {
      const o = e as typeof v;
      if (v.currency && o.currency && v.currency !== o.currency) return false;
      return v.amounts.some((x) => o.amounts.some((y) => Math.abs(x - y) < 0.005));
    }
    case 'percent':
      return Math.abs(v.value - (e as typeof v).value) < 1e-9;
    case 'date': {
      const o = e as typeof v;
      return v.month === o.month && v.day === o.day && (v.year === null || o.year === null || v.year === o.year);
    }
    case 'duration': {
      const o = e as typeof v;
      return v.n === o.n && v.unit === o.unit;
    }
    case 'code':
      return sameCode(v.code, (e as typeof v).code);
  }
}

const MONEY_CONCEPTS: ConceptId[] = [...HANDOFF_CONCEPTS.money, 'PAYMENT', 'FEE', 'CHARGED', 'MONEY'];
const FULFILMENT_CONCEPTS: ConceptId[] = [...HANDOFF_CONCEPTS.fulfilment, 'ORDER', 'PARCEL', 'SEND', 'ARRIVE'];
const CATEGORY: [ConceptId, HandoffCategory][] = [
  ['REFUND', 'refund'],
  ['CHARGEBACK', 'payment_problem'],
  ['PAYMENT', 'payment_problem'],
  ['DISCOUNT', 'discount'],
  ['CANCEL', 'cancellation'],
  ['RETURN', 'return'],
  ['EXCHANGE', 'exchange'],
  ['DAMAGED', 'damaged_or_wrong_item'],
  ['DELAY', 'delivery_problem'],
];

const words = (s: string) => analyse(s).tokens.map((t) => t.norm).filter((w) => w.length > 1);

/** Products a sentence names: every word of the title (at least two) is in the sentence. */
function named(sentence: string, products: GroundingSources['products']) {
  const have = new Set(words(sentence));
  return products.filter((p) => {
    const title = words(p.title);
    return title.length > 0 && title.filter((w) => have.has(w)).length >= Math.min(title.length, Math.max(2, Math.ceil(title.length * 0.6)));
  });
}

export function createGroundingCheck(sources: () => GroundingSources) {
  let cache: { at: number; texts: Value[] } | null = null;
  return function checkGrounding(sentence: string): BlockedPromise | null {
    const found = readValues(sentence);
    if (found.length === 0) return null;
    const src = sources();
    // Shop text is read once per change of the evidence.
    const size = src.texts.length + src.values.length;
    if (!cache || cache.at !== size) cache = { at: size, texts: src.texts.flatMap((t) => readValues(t)) };
    const general = [...cache.texts, ...src.values, ...readValues(src.shopper ?? '').filter((v) => v.kind === 'money' || v.kind === 'date' || v.kind === 'duration')];
    const products = named(sentence, src.products);
    const productValues = (products.length ? products : src.products).flatMap((p) => p.values);
    const orderRefs = analyse(sentence).orderNumbers;
    for (const v of found) {
      if (v.kind === 'code' && src.orders.some((o) => sameCode(o, v.code))) continue;
      // Written as an order ("order NW-10240"): only an order read for this customer this turn grounds it.
      if (v.kind === 'code' && orderRefs.some((r) => sameCode(r, v.code))) return blocked(sentence, 'grounding.order_number', v);
      // A sentence that names products may only use their prices (or the shop's general figures).
      if ([...general, ...productValues].some((e) => equal(v, e))) continue;
      if (v.kind === 'money' && products.length && src.products.some((p) => p.values.some((e) => equal(v, e)))) {
        return blocked(sentence, 'grounding.other_product_price', v);
      }
      return blocked(sentence, v.kind === 'code' && looksLikeOrder(v.code, src.orders) ? 'grounding.order_number' : `grounding.${v.kind}`, v);
    }
    return null;
  };
}

/** Shaped like this shop's order numbers (same prefix or all digits of a similar length). */
function looksLikeOrder(code: string, orders: string[]) {
  return /^\d+$/.test(code) || orders.some((o) => o.replace(/\d+/g, '') === code.replace(/\d+/g, ''));
}

function blocked(sentence: string, rule: string, v: Value): BlockedPromise {
  const a = analyse(sentence);
  const money = v.kind === 'percent' || (v.kind === 'code' && rule === 'grounding.code') || MONEY_CONCEPTS.some((c) => a.has(c));
  const fulfilment = FULFILMENT_CONCEPTS.some((c) => a.has(c)) || rule === 'grounding.order_number';
  let category: HandoffCategory | null = null;
  if (money || fulfilment) category = CATEGORY.find(([c]) => a.has(c))?.[1] ?? (money && v.kind !== 'money' ? 'discount' : 'other');
  return { sentence: sentence.trim(), category, rule };
}
