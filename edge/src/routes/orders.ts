import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { signCustomerToken } from '../identity/sign';
import { ApiError } from '../lib/errors';
import { decryptSecret } from '../lib/crypto';
import { validate } from '../lib/validate';
import { requireKey } from '../middleware/require-key';
import { orderEmailKey } from '../orders/email-hash';
import { parseOrdersImport } from '../orders/import';
import { importOrders, ordersForAgent } from '../orders/store';
import { configuredPlatforms, setWebhookSecret } from '../orders/webhook-secrets';
import type { ShopRecord } from '../shops/store';
import { customerIdentity } from '../middleware/customer-identity';
import { shopCors } from '../middleware/shop-cors';
import { toOrderCard } from '../orders/card';
import { orderSourceFor } from '../orders/source';
import { LOCALES, type Locale } from '../../../shared/chat';

/** Admin: customers and orders import, platform webhook secrets, server-side customer tokens. */
export const orderRoutes = new Hono<AppEnv>();

const importHandler = (replace: boolean) =>
  async function importOrdersRoute(c: Context<AppEnv>) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError('invalid_request', 'The request body is not valid JSON');
    }
    const started = Date.now();
    const input = parseOrdersImport(body);
    const shopId = c.get('shop').id;
    await importOrders(c.env.DB, shopId, input, replace, await orderEmailKey(c.env.DB, c.env.AISLE_SECRET_KEY, shopId));
    return c.json({ accepted: input.orders.length, customers: input.customers.length, mode: replace ? 'replace' : 'upsert', tookMs: Date.now() - started });
  };

/** PUT replaces all of the shop's customers and orders; POST adds or updates the ones given. */
orderRoutes.put('/orders', requireKey({ kind: 'admin' }), importHandler(true));
orderRoutes.post('/orders', requireKey({ kind: 'admin' }), importHandler(false));

const PlatformSecret = z.string().min(8, 'at least 8 characters').max(256).nullable().optional();

orderRoutes.put(
  '/order-webhook-secrets',
  requireKey({ kind: 'admin' }),
  validate('json', z.strictObject({ shopify: PlatformSecret, woocommerce: PlatformSecret })),
  async (c) => {
    const body = c.req.valid('json');
    const shop = c.get('shop');
    for (const platform of ['shopify', 'woocommerce'] as const) {
      const value = body[platform];
      if (value !== undefined) await setWebhookSecret(c.env.DB, c.env.AISLE_SECRET_KEY, shop.id, platform, value);
    }
    return c.json({ configured: await configuredPlatforms(c.env.DB, shop.id) });
  },
);

/** Signs with the shop's newest identity key, exactly as a merchant's server would. */
export async function issueCustomerToken(env: Env, shop: ShopRecord, input: { customerId: string; ttlSeconds?: number; email?: string; name?: string }) {
  const key = shop.identityKeys[0];
  if (!key) throw new ApiError('conflict', 'The shop has no identity secret');
  const ttlSeconds = input.ttlSeconds ?? Math.min(900, shop.settings.maxTokenLifetimeSeconds);
  if (ttlSeconds > shop.settings.maxTokenLifetimeSeconds) {
    throw new ApiError('invalid_request', `ttlSeconds is over this shop's cap of ${shop.settings.maxTokenLifetimeSeconds}`, [
      { path: ['ttlSeconds'], message: `at most ${shop.settings.maxTokenLifetimeSeconds}`, code: 'too_big' },
    ]);
  }
  const now = Math.floor(Date.now() / 1000);
  const token = await signCustomerToken({
    shopId: shop.id,
    secret: await decryptSecret(env.AISLE_SECRET_KEY, key.secret),
    kid: key.kid,
    customerId: input.customerId,
    email: input.email,
    name: input.name,
    ttlSeconds,
    now,
  });
  return { token, expiresAt: new Date((now + ttlSeconds) * 1000).toISOString() };
}

orderRoutes.post(
  '/tokens',
  requireKey({ kind: 'admin' }),
  validate(
    'json',
    z.strictObject({
      customerId: z.string().trim().min(1).max(128),
      ttlSeconds: z.number().int().min(60).max(86_400).optional(),
      email: z.string().max(320).optional(),
      name: z.string().max(200).optional(),
    }),
  ),
  async (c) => c.json(await issueCustomerToken(c.env, c.get('shop'), c.req.valid('json')), 201),
);

/**
 * Agent view of one customer's orders, personal fields included (agents handle the ticket).
 * `tookMs` is the store lookup time measured inside the Worker, for the benchmark.
 */
orderRoutes.get(
  '/customers/:customer/orders',
  requireKey({ kind: 'agent' }),
  validate('query', z.object({ limit: z.coerce.number().int().min(1).max(200).optional() })),
  async (c) => {
    const started = performance.now();
    const orders = await ordersForAgent(c.env.DB, c.get('shop').id, c.req.param('customer'), c.req.valid('query').limit ?? 50);
    return c.json({ customerId: c.req.param('customer'), orders, tookMs: Math.round((performance.now() - started) * 100) / 100 });
  },
);

orderRoutes.use('/me/orders', shopCors());

/**
 * The signed-in shopper's own orders as cards (what the chat shows), for an "my orders" view.
 * The customer is the token's subject; there is no parameter to name anyone else. `number`
 * narrows to one order; another customer's number is an empty list, like a missing one.
 * `Server-Timing: orders;dur=<ms>` is the lookup time inside the Worker.
 */
orderRoutes.get(
  '/me/orders',
  customerIdentity(),
  validate('query', z.strictObject({ number: z.string().trim().min(1).max(64).optional(), limit: z.coerce.number().int().min(1).max(50).optional(), locale: z.string().max(35).optional() })),
  async (c) => {
    const identity = c.get('identity');
    if (identity.level !== 'verified') throw new ApiError('unauthorized', 'Sign in to see your orders');
    const query = c.req.valid('query');
    const shop = c.get('shop');
    const started = performance.now();
    const source = orderSourceFor({ env: c.env, shop, identity });
    const orders = query.number ? [await source.getOrder(query.number)].filter((o) => o !== null) : await source.listOrders(query.limit ?? 10);
    const took = performance.now() - started;
    const locale = [query.locale, shop.settings.widget.locale].map((l) => l?.slice(0, 2).toLowerCase()).find((l): l is Locale => (LOCALES as readonly (string | undefined)[]).includes(l)) ?? 'en';
    c.header('server-timing', `orders;dur=${took.toFixed(2)}`);
    c.header('cache-control', 'private, no-store');
    return c.json({ orders: orders.map((o) => toOrderCard(o, locale, { trackingLink: true })) });
  },
);
