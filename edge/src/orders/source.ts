import { z } from 'zod';
import type { Identity } from '../../../shared/identity';
import { OrderFields, OrderRecord } from '../../../shared/order';
import { decryptSecret, hmacSha256, toBase64 } from '../lib/crypto';
import { ApiError } from '../lib/errors';
import { newId } from '../lib/ids';
import type { ShopRecord } from '../shops/store';
import { orderNumberDigits, orderNumberKey } from './number';
import { grantOrderSource, namesGrantedOrder } from '../guest/grants';
import { orderOfCustomer, ordersOfCustomer } from './store';

/**
 * Where a verified customer's orders come from. A source is bound to one customer when it is
 * created: there is no parameter anywhere that could name another one.
 */
export interface OrderSource {
  /** The customer's orders, newest first. */
  listOrders(limit?: number): Promise<OrderRecord[]>;
  /** One of the customer's orders by any spelling of its number; someone else's is null, like a missing one. */
  getOrder(number: string): Promise<OrderRecord | null>;
}

/** The live endpoint failed (timeout, error status, unreadable answer): not the same as "no such order". */
export class OrderSourceError extends Error {
  override readonly name = 'OrderSourceError';
}

export const DEFAULT_LIST_LIMIT = 10;
const MAX_LIST_LIMIT = 50;
const clampLimit = (limit?: number) => Math.min(Math.max(Math.trunc(limit ?? DEFAULT_LIST_LIMIT), 1), MAX_LIST_LIMIT);

export interface OrderSourceContext {
  env: Env;
  db?: D1Database;
  shop: ShopRecord;
  /** Only ever the identity the token middleware verified. */
  identity: Identity;
  /** This turn's source (`turnOrderSource`), when the caller has one: every read goes through it. */
  orderSource?: OrderSource;
}

/**
 * The order source for this turn's verified customer. A guest gets a `forbidden` error:
 * orders need a signed-in customer, and the tools turn that into "please sign in".
 */
export function orderSourceFor(ctx: OrderSourceContext): OrderSource {
  if (ctx.orderSource) return ctx.orderSource;
  if (ctx.identity.level === 'order_verified_guest') {
    // A guest's grant opens exactly one order, wherever the shop keeps it.
    const grant = ctx.identity;
    const endpoint = ctx.shop.settings.orderEndpoint;
    if (grant.source === 'endpoint' && endpoint && grant.endpointEmailHmac) {
      const live = guestEndpointLookup({ env: ctx.env, shop: ctx.shop, url: endpoint.url, timeoutMs: endpoint.timeoutMs });
      const read = () => live(grant.orderNumber, grant.endpointEmailHmac!);
      return {
        listOrders: async () => {
          const order = await read();
          return order ? [order] : [];
        },
        getOrder: async (number) => (namesGrantedOrder(grant, number) ? read() : null),
      };
    }
    return grantOrderSource(ctx.db ?? ctx.env.DB, ctx.shop.id, grant);
  }
  if (ctx.identity.level !== 'verified') throw new ApiError('forbidden', 'Sign in to see your orders');
  const customerId = ctx.identity.id;
  const endpoint = ctx.shop.settings.orderEndpoint;
  if (endpoint) return endpointOrderSource({ env: ctx.env, shop: ctx.shop, customerId, url: endpoint.url, timeoutMs: endpoint.timeoutMs });
  return d1OrderSource(ctx.db ?? ctx.env.DB, ctx.shop.id, customerId);
}

/**
 * The order source of one chat turn: the customer's orders are read once, and what the turn asks
 * again (its order references, the order tools, a ticket's scope) is answered from that read, so
 * a handoff turn does not read the same list twice (D1 statements per invocation are capped).
 * A longer list than the one read is read again; an order asked by number is taken from the list
 * when its number's key is there (the same order the source would return), else from the source.
 * It lives as long as the turn: nothing is kept across requests. A guest still gets `forbidden`
 * on the first read, as from `orderSourceFor`.
 */
export function turnOrderSource(ctx: OrderSourceContext): OrderSource {
  let source: OrderSource | null = null;
  const real = () => (source ??= orderSourceFor({ ...ctx, orderSource: undefined }));
  let listed: { limit: number; orders: Promise<OrderRecord[]> } | null = null;
  const byKey = new Map<string, Promise<OrderRecord | null>>();
  // A failed read is not kept: the next question asks the source again.
  const keep = <T>(p: Promise<T>, forget: () => void) => (p.catch(forget), p);
  return {
    async listOrders(limit) {
      const n = clampLimit(limit);
      if (!listed || listed.limit < n) {
        const entry: { limit: number; orders: Promise<OrderRecord[]> } = { limit: n, orders: real().listOrders(n) };
        listed = entry;
        keep(entry.orders, () => listed === entry && (listed = null));
      }
      return (await listed.orders).slice(0, n);
    },
    async getOrder(number) {
      const key = orderNumberKey(number);
      if (!key) return real().getOrder(number);
      const known = listed && (await listed.orders.catch(() => [])).find((o) => orderNumberKey(o.number) === key);
      if (known) return known;
      let found = byKey.get(key);
      if (!found) {
        found = real().getOrder(number);
        byKey.set(key, found);
        keep(found, () => byKey.delete(key));
      }
      return found;
    },
  };
}

/** Built-in store: every query is `WHERE shop_id = ? AND customer_id = ?`. */
export function d1OrderSource(db: D1Database, shopId: string, customerId: string): OrderSource {
  return {
    listOrders: (limit) => ordersOfCustomer(db, shopId, customerId, clampLimit(limit)),
    getOrder: (number) => orderOfCustomer(db, shopId, customerId, number),
  };
}

const EndpointAnswer = z.object({ orders: z.array(z.unknown()).max(500) });

/**
 * Headers in the Standard Webhooks style, so a merchant can verify with any Standard Webhooks
 * library: `webhook-signature: v1,<base64 HMAC-SHA256("<id>.<timestamp>.<body>")>`, keyed with
 * the shop's newest identity secret (UTF-8 bytes). The body names the customer, so the customer
 * is covered by the signature.
 */
export async function signedRequestHeaders(secret: string, body: string, now = Math.floor(Date.now() / 1000)): Promise<Record<string, string>> {
  const id = newId('req', 16);
  const timestamp = String(now);
  const sig = toBase64(await hmacSha256(secret, `${id}.${timestamp}.${body}`));
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${sig}`, accept: 'application/json', 'content-type': 'application/json' };
}

/** One signed POST to the merchant's endpoint; the parsed `orders` array (unchecked records). */
async function callOrderEndpoint(opts: { env: Env; shop: ShopRecord; url: string; timeoutMs: number }, payload: Record<string, unknown>, notFoundIsEmpty: boolean): Promise<unknown[]> {
  const key = opts.shop.identityKeys[0];
  if (!key) throw new OrderSourceError('The shop has no identity secret to sign order requests with');
  const secret = await decryptSecret(opts.env.AISLE_SECRET_KEY, key.secret);
  const body = JSON.stringify(payload);
  let res: Response;
  try {
    res = await fetch(opts.url, {
      method: 'POST',
      body,
      headers: await signedRequestHeaders(secret, body),
      signal: AbortSignal.timeout(opts.timeoutMs),
      redirect: 'manual',
    });
  } catch (err) {
    throw new OrderSourceError(`Order endpoint unreachable: ${(err as Error).name}`);
  }
  if (res.status === 404 && notFoundIsEmpty) return [];
  if (!res.ok) throw new OrderSourceError(`Order endpoint answered ${res.status}`);
  let answer: unknown;
  try {
    answer = await res.json();
  } catch {
    throw new OrderSourceError('Order endpoint answered with something other than JSON');
  }
  const envelope = EndpointAnswer.safeParse(answer);
  if (!envelope.success) throw new OrderSourceError('Order endpoint answer is not { orders: [...] }');
  return envelope.data.orders;
}

/**
 * The merchant's endpoint asked about a guest's order: `{ orderNumber, emailHmac }`, where
 * `emailHmac` is HMAC-SHA256(identity secret, normalised email) in lower-case hex. The merchant
 * answers the order only on a match (else `{ orders: [] }` or 404); an answer naming another
 * order number is dropped.
 */
export function guestEndpointLookup(opts: { env: Env; shop: ShopRecord; url: string; timeoutMs: number }) {
  return async (orderNumber: string, emailHmac: string): Promise<OrderRecord | null> => {
    const key = orderNumberKey(orderNumber);
    if (!key) return null;
    const orders = await callOrderEndpoint(opts, { orderNumber, emailHmac }, true);
    for (const raw of orders) {
      // The merchant matched the email HMAC: the answer need not carry the email or a customer.
      const parsed = OrderFields.safeParse(raw);
      if (parsed.success && orderNumberKey(parsed.data.number) === key) return parsed.data;
    }
    return null;
  };
}

/**
 * The merchant's own order endpoint: `POST <url>` with `{ customerId, orderNumber? }` (signed),
 * answering `{ orders: OrderRecord[] }`. Orders of any other customer in the answer are
 * dropped, so a buggy or careless endpoint still cannot show them.
 */
export function endpointOrderSource(opts: { env: Env; shop: ShopRecord; customerId: string; url: string; timeoutMs: number }): OrderSource {
  const fetchOrders = async (order?: string): Promise<OrderRecord[]> => {
    const orders = await callOrderEndpoint(opts, { customerId: opts.customerId, ...(order !== undefined ? { orderNumber: order } : {}) }, order !== undefined);
    const out: OrderRecord[] = [];
    for (const raw of orders) {
      const parsed = OrderRecord.safeParse(raw);
      // Not this customer's: dropped exactly like an order that does not exist.
      if (parsed.success && parsed.data.customerId === opts.customerId) out.push(parsed.data);
    }
    return out;
  };
  return {
    async listOrders(limit) {
      const orders = await fetchOrders();
      return orders
        .sort((a, b) => (b.placedAt ?? '').localeCompare(a.placedAt ?? ''))
        .slice(0, clampLimit(limit));
    },
    async getOrder(number) {
      const key = orderNumberKey(number);
      if (!key) return null;
      const orders = await fetchOrders(number);
      const exact = orders.find((o) => orderNumberKey(o.number) === key);
      if (exact) return exact;
      const digits = orderNumberDigits(number);
      const byDigits = digits.length >= 3 ? orders.filter((o) => orderNumberDigits(o.number) === digits) : [];
      return byDigits.length === 1 ? byDigits[0] : null;
    },
  };
}
