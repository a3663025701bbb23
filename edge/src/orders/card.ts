import type { Locale, OrderCard, OrderStage } from '../../../shared/chat';
import type { Fulfilment, OrderRecord } from '../../../shared/order';
import { fill, wordingOf } from '../language';

/**
 * Shows the last 4 characters behind a fixed run of 6 dots ("••••••3456"), so the card
 * tells neither the full number nor its length. Four characters or fewer: dots only.
 */
export function maskTrackingNumber(tracking: string): string {
  const t = tracking.replace(/\s+/g, '');
  return t.length > 4 ? '••••••' + t.slice(-4) : '••••••';
}

/** The stage label of an order card, from the language pack's reply wording. */
export const stageWords = (stage: OrderStage, locale: Locale = 'en') => wordingOf(locale).orderStage[stage];

/** Orders still on their way, the ones "where is my order?" is about. */
export const isActiveStage = (stage: OrderStage) => stage === 'received' || stage === 'processing' || stage === 'shipped' || stage === 'out_for_delivery';

const FULFILMENT_RANK: Record<Fulfilment['status'], number> = {
  pending: 0,
  failed: 1,
  returned: 1,
  shipped: 2,
  in_transit: 3,
  out_for_delivery: 4,
  delivered: 5,
};

/** The shipment worth talking about: the one with tracking that is furthest behind (the parcel still coming). */
function mainFulfilment(order: OrderRecord): Fulfilment | undefined {
  const tracked = order.fulfilments.filter((f) => f.trackingNumber || f.carrier);
  if (tracked.length === 0) return order.fulfilments.at(-1);
  const open = tracked.filter((f) => f.status !== 'delivered');
  const pool = open.length ? open : tracked;
  return [...pool].sort((a, b) => FULFILMENT_RANK[a.status] - FULFILMENT_RANK[b.status])[0];
}

const optionsText = (options: Record<string, string>) => {
  const entries = Object.entries(options).filter(([, v]) => v);
  return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join(', ') : undefined;
};

/** A carrier link the card may carry: https only, parseable, no credentials in it. */
function carrierLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a shopper may see of an order. Built field by field from an allow-list: address,
 * phone, email, payment and prices never reach the card, whatever the record holds.
 * `trackingLink` is for a verified customer (or an order-verified guest) only: the carrier
 * link reveals the full tracking number.
 */
export function toOrderCard(order: OrderRecord, locale: Locale = 'en', opts: { trackingLink?: boolean } = {}): OrderCard {
  const f = mainFulfilment(order);
  const link = opts.trackingLink ? carrierLink(f?.trackingUrl) : undefined;
  const shipped = order.stage !== 'received' && order.stage !== 'processing' && order.stage !== 'cancelled';
  return {
    number: order.number,
    status: stageWords(order.stage, locale),
    stage: order.stage,
    ...(shipped && f?.carrier ? { carrier: f.carrier } : {}),
    ...(shipped && f?.trackingNumber ? { trackingMasked: maskTrackingNumber(f.trackingNumber) } : {}),
    ...(shipped && link ? { trackingUrl: link } : {}),
    ...(f?.estimatedDelivery && order.stage !== 'delivered' && order.stage !== 'cancelled' && order.stage !== 'returned'
      ? { estimatedDelivery: f.estimatedDelivery }
      : {}),
    ...(order.placedAt ? { placedAt: order.placedAt } : {}),
    items: order.items.map((i) => {
      const options = optionsText(i.options ?? {});
      return { name: i.name, quantity: i.quantity ?? 1, ...(options ? { options } : {}) };
    }),
  };
}

/** "27 November" (the year only when it is not this year); unparseable dates are returned as given. */
function dayText(value: string, locale: Locale, now = new Date()): string {
  // The calendar day as written ("2026-11-27T18:00+01:00" is the 27th wherever the Worker runs).
  const day = value.match(/^(\d{4}-\d{2}-\d{2})/)?.[1];
  const d = new Date(day ? `${day}T12:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  const sameYear = d.getUTCFullYear() === now.getUTCFullYear();
  return dayFormat(locale, sameYear).format(d);
}

/** One formatter per locale and year style per isolate: building an Intl.DateTimeFormat costs far more than using one. */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: Locale, sameYear: boolean) {
  const key = `${locale} ${sameYear}`;
  let format = DAY_FORMATS.get(key);
  if (!format) DAY_FORMATS.set(key, (format = new Intl.DateTimeFormat(wordingOf(locale).intl, { day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }), timeZone: 'UTC' })));
  return format;
}

const ending = (masked: string) => masked.replace(/•/g, '');

/**
 * One sentence about an order card in the shopper's language, for the offline engine:
 * "Your order NW-10042 has shipped with DHL (tracking ending 3456) and should arrive by 27 November."
 * It reads the card only, so it can say no more than the card shows.
 */
export function describeOrder(card: OrderCard, locale: Locale = 'en', now = new Date()): string {
  const words = wordingOf(locale).orderStatus;
  const tracking = card.trackingMasked ? ending(card.trackingMasked) : '';
  const via = (card.carrier ? fill(words.carrier, { carrier: card.carrier }) : '') + (tracking ? fill(words.tracking, { tracking }) : '');
  const eta = card.estimatedDelivery ? dayText(card.estimatedDelivery, locale, now) : '';
  // Only "being prepared" and "shipped" say when it should arrive (the card shows the day for the others).
  const key = eta && card.stage === 'processing' ? 'processingEta' : eta && card.stage === 'shipped' ? 'shippedEta' : card.stage;
  return fill(words[key], { n: card.number, via, eta });
}
