import type { Locale, OrderCard, OrderStage } from '../../../shared/chat';
import type { Fulfilment, OrderRecord } from '../../../shared/order';

/**
 * Shows the last 4 characters behind a fixed run of 6 dots ("••••••3456"), so the card
 * tells neither the full number nor its length. Four characters or fewer: dots only.
 */
export function maskTrackingNumber(tracking: string): string {
  const t = tracking.replace(/\s+/g, '');
  return t.length > 4 ? '••••••' + t.slice(-4) : '••••••';
}

const STAGE_WORDS: Record<Locale, Record<OrderStage, string>> = {
  en: {
    received: 'Order received',
    processing: 'Being prepared',
    shipped: 'Shipped',
    out_for_delivery: 'Out for delivery',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
    returned: 'Returned',
  },
  es: {
    received: 'Pedido recibido',
    processing: 'En preparación',
    shipped: 'Enviado',
    out_for_delivery: 'En reparto',
    delivered: 'Entregado',
    cancelled: 'Cancelado',
    returned: 'Devuelto',
  },
  fr: {
    received: 'Commande reçue',
    processing: 'En préparation',
    shipped: 'Expédiée',
    out_for_delivery: 'En cours de livraison',
    delivered: 'Livrée',
    cancelled: 'Annulée',
    returned: 'Retournée',
  },
  de: {
    received: 'Bestellung eingegangen',
    processing: 'Wird vorbereitet',
    shipped: 'Versandt',
    out_for_delivery: 'In Zustellung',
    delivered: 'Zugestellt',
    cancelled: 'Storniert',
    returned: 'Zurückgesendet',
  },
};

export const stageWords = (stage: OrderStage, locale: Locale = 'en') => STAGE_WORDS[locale][stage];

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

const INTL: Record<Locale, string> = { en: 'en-GB', es: 'es-ES', fr: 'fr-FR', de: 'de-DE' };

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
  if (!format) DAY_FORMATS.set(key, (format = new Intl.DateTimeFormat(INTL[locale], { day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }), timeZone: 'UTC' })));
  return format;
}

const ending = (masked: string) => masked.replace(/•/g, '');

type Phrases = {
  [K in OrderStage]: (o: { n: string; carrier?: string; tracking?: string; eta?: string }) => string;
};

const via = {
  en: (c?: string, t?: string) => (c ? ` with ${c}` : '') + (t ? ` (tracking ending ${t})` : ''),
  es: (c?: string, t?: string) => (c ? ` con ${c}` : '') + (t ? ` (seguimiento terminado en ${t})` : ''),
  fr: (c?: string, t?: string) => (c ? ` avec ${c}` : '') + (t ? ` (suivi se terminant par ${t})` : ''),
  de: (c?: string, t?: string) => (c ? ` mit ${c}` : '') + (t ? ` (Sendungsnummer endet auf ${t})` : ''),
};

const PHRASES: Record<Locale, Phrases> = {
  en: {
    received: ({ n }) => `We have received your order ${n} and will start preparing it soon.`,
    processing: ({ n, eta }) => `Your order ${n} is being prepared for shipping.` + (eta ? ` It should arrive by ${eta}.` : ''),
    shipped: ({ n, carrier, tracking, eta }) => `Your order ${n} has shipped${via.en(carrier, tracking)}` + (eta ? ` and should arrive by ${eta}.` : '.'),
    out_for_delivery: ({ n, carrier, tracking }) => `Your order ${n} is out for delivery today${via.en(carrier, tracking)}.`,
    delivered: ({ n }) => `Your order ${n} has been delivered.`,
    cancelled: ({ n }) => `Your order ${n} was cancelled.`,
    returned: ({ n }) => `Your order ${n} has been returned to us.`,
  },
  es: {
    received: ({ n }) => `Hemos recibido tu pedido ${n} y pronto empezaremos a prepararlo.`,
    processing: ({ n, eta }) => `Tu pedido ${n} se está preparando para el envío.` + (eta ? ` Debería llegar el ${eta}.` : ''),
    shipped: ({ n, carrier, tracking, eta }) => `Tu pedido ${n} ha sido enviado${via.es(carrier, tracking)}` + (eta ? ` y debería llegar el ${eta}.` : '.'),
    out_for_delivery: ({ n, carrier, tracking }) => `Tu pedido ${n} está en reparto hoy${via.es(carrier, tracking)}.`,
    delivered: ({ n }) => `Tu pedido ${n} ha sido entregado.`,
    cancelled: ({ n }) => `Tu pedido ${n} fue cancelado.`,
    returned: ({ n }) => `Tu pedido ${n} nos ha sido devuelto.`,
  },
  fr: {
    received: ({ n }) => `Nous avons bien reçu votre commande ${n} et allons bientôt la préparer.`,
    processing: ({ n, eta }) => `Votre commande ${n} est en cours de préparation.` + (eta ? ` Elle devrait arriver d'ici le ${eta}.` : ''),
    shipped: ({ n, carrier, tracking, eta }) => `Votre commande ${n} a été expédiée${via.fr(carrier, tracking)}` + (eta ? ` et devrait arriver d'ici le ${eta}.` : '.'),
    out_for_delivery: ({ n, carrier, tracking }) => `Votre commande ${n} est en cours de livraison aujourd'hui${via.fr(carrier, tracking)}.`,
    delivered: ({ n }) => `Votre commande ${n} a été livrée.`,
    cancelled: ({ n }) => `Votre commande ${n} a été annulée.`,
    returned: ({ n }) => `Votre commande ${n} nous a été retournée.`,
  },
  de: {
    received: ({ n }) => `Wir haben Ihre Bestellung ${n} erhalten und bereiten sie bald vor.`,
    processing: ({ n, eta }) => `Ihre Bestellung ${n} wird für den Versand vorbereitet.` + (eta ? ` Sie sollte bis zum ${eta} ankommen.` : ''),
    shipped: ({ n, carrier, tracking, eta }) => `Ihre Bestellung ${n} wurde${via.de(carrier, tracking)} versandt` + (eta ? ` und sollte bis zum ${eta} ankommen.` : '.'),
    out_for_delivery: ({ n, carrier, tracking }) => `Ihre Bestellung ${n} wird heute${via.de(carrier, tracking)} zugestellt.`,
    delivered: ({ n }) => `Ihre Bestellung ${n} wurde zugestellt.`,
    cancelled: ({ n }) => `Ihre Bestellung ${n} wurde storniert.`,
    returned: ({ n }) => `Ihre Bestellung ${n} ist an uns zurückgegangen.`,
  },
};

/**
 * One sentence about an order card in the shopper's language, for the offline engine:
 * "Your order NW-10042 has shipped with DHL (tracking ending 3456) and should arrive by 27 November."
 * It reads the card only, so it can say no more than the card shows.
 */
export function describeOrder(card: OrderCard, locale: Locale = 'en', now = new Date()): string {
  const phrases = PHRASES[locale] ?? PHRASES.en;
  return phrases[card.stage]({
    n: card.number,
    carrier: card.carrier,
    tracking: card.trackingMasked ? ending(card.trackingMasked) || undefined : undefined,
    eta: card.estimatedDelivery ? dayText(card.estimatedDelivery, locale, now) : undefined,
  });
}
