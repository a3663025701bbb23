import { env } from 'cloudflare:test';
import type { OrderCard } from '../../../shared/chat';
import type { Identity } from '../../../shared/identity';
import type { OrderInput } from '../../../shared/order';
import { newEvidence, type DataPartOut, type Turn } from '../../../edge/src/turn/context';
import { getShop } from '../../../edge/src/shops/store';
import { api, type TestShop } from '../helpers';

/**
 * A small shop of our own: two customers, each with orders, and marker strings in every
 * personal field so a leak anywhere shows up as a plain substring.
 */
export const MARKERS = {
  emailA: 'marker.leak.email.a@example.test',
  phoneA: 'MARKER-LEAK-PHONE-A',
  addressA: 'MARKER-LEAK-STREET-A',
  cityA: 'MARKER-LEAK-CITY-A',
  cardA: '7319',
  emailB: 'marker.leak.email.b@example.test',
  phoneB: 'MARKER-LEAK-PHONE-B',
  addressB: 'MARKER-LEAK-STREET-B',
  cardB: '8264',
} as const;

export const customers = [
  { id: 'cus_a', name: 'Ada Example', email: MARKERS.emailA, phone: MARKERS.phoneA },
  { id: 'cus_b', name: 'Ben Example', email: MARKERS.emailB, phone: MARKERS.phoneB },
];

const privateA = { shippingAddress: { line1: MARKERS.addressA, city: MARKERS.cityA }, payment: { method: 'card', last4: MARKERS.cardA } };
const privateB = { shippingAddress: { line1: MARKERS.addressB }, payment: { method: 'card', last4: MARKERS.cardB } };

export const orders: OrderInput[] = [
  {
    number: 'NW-10042',
    customerId: 'cus_a',
    stage: 'shipped',
    status: 'fulfilled',
    placedAt: '2026-11-20T10:00:00Z',
    currency: 'EUR',
    total: 129,
    items: [{ name: 'Trail Jacket', quantity: 1, options: { Colour: 'Moss', Size: 'M' }, price: 129 }],
    fulfilments: [{ carrier: 'DHL', trackingNumber: 'JJD000390007123456', status: 'in_transit', estimatedDelivery: '2026-11-27' }],
    ...privateA,
  },
  {
    number: '#1042',
    customerId: 'cus_a',
    stage: 'delivered',
    placedAt: '2026-10-02T09:00:00Z',
    items: [{ name: 'Wool Socks', quantity: 2 }],
    fulfilments: [{ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', status: 'delivered' }],
    ...privateA,
  },
  {
    number: 'NW-20077',
    customerId: 'cus_b',
    stage: 'processing',
    placedAt: '2026-11-21T08:00:00Z',
    items: [{ name: 'Summit Tent', quantity: 1, options: { Size: '2P' } }],
    ...privateB,
  },
  {
    number: 'NW-20078',
    customerId: 'cus_b',
    stage: 'shipped',
    placedAt: '2026-11-22T08:00:00Z',
    items: [{ name: 'Camp Stove', quantity: 1 }],
    fulfilments: [{ carrier: 'GLS', trackingNumber: 'GLS55512345678', status: 'shipped' }],
    ...privateB,
  },
];

export const importAll = (shop: TestShop, body: unknown = { customers, orders }, method = 'PUT') =>
  api(`/v1/shops/${shop.shopId}/orders`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.adminKey}` },
    body: JSON.stringify(body),
  });

/** A turn as the chat pipeline builds it, with a verified identity (or a guest) we choose. */
export async function makeTurn(shopId: string, identity: Identity, locale: Turn['locale'] = 'en') {
  const shop = (await getShop(env.DB, shopId))!;
  const parts: DataPartOut[] = [];
  const turn: Turn = {
    env,
    db: env.DB,
    shop,
    identity,
    conversationId: crypto.randomUUID(),
    turnId: 'turn_test',
    text: '',
    locale,
    history: [],
    signal: new AbortController().signal,
    evidence: newEvidence(),
    emit: (p) => void parts.push(p),
    publicOrigin: 'https://shop.example',
  };
  const cards = () => parts.filter((p) => p.type === 'data-order').map((p) => p.data as OrderCard);
  return { turn, parts, cards };
}

export const verified = (id: string): Identity => ({ level: 'verified', id });

/** Fails with the marker's name when any personal string shows up in `value`. */
export function expectNoPersonalData(value: unknown) {
  const text = JSON.stringify(value);
  for (const [name, marker] of Object.entries(MARKERS)) {
    if (text.includes(marker)) throw new Error(`personal field ${name} (${marker}) leaked: ${text.slice(0, 400)}`);
  }
}
