import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { findCustomerName, listCustomerNames } from '../orders/store';
import { getShop } from '../shops/store';
import { issueCustomerToken } from './orders';

/** The shop the demo storefront shows (seeded by `npm start`). */
export const DEMO_SHOP_ID = 'demo';

/**
 * Demo-only sign-in for the local storefront: pick a customer, get a token signed with the
 * demo shop's identity secret exactly as a merchant's server would sign one. These routes do
 * not exist unless DEMO_MODE is "true" (only `npm start` sets it): elsewhere they are a 404
 * like any unknown path, because anyone could otherwise sign in as any demo customer.
 */
export const demoRoutes = new Hono<AppEnv>();

demoRoutes.use('*', async function demoOnly(c, next) {
  if (c.env.DEMO_MODE !== 'true') throw new ApiError('not_found', 'No such endpoint');
  await next();
});

async function demoShop(db: D1Database) {
  const shop = await getShop(db, DEMO_SHOP_ID);
  if (!shop) throw new ApiError('not_found', 'The demo shop is not set up; run npm start');
  return shop;
}

demoRoutes.get('/customers', async (c) => {
  const shop = await demoShop(c.env.DB);
  return c.json({ customers: await listCustomerNames(c.env.DB, shop.id) });
});

demoRoutes.post('/token', validate('json', z.strictObject({ customerId: z.string().trim().min(1).max(128) })), async (c) => {
  const shop = await demoShop(c.env.DB);
  const { customerId } = c.req.valid('json');
  const customer = await findCustomerName(c.env.DB, shop.id, customerId);
  if (!customer) throw new ApiError('not_found', 'Unknown demo customer');
  const name = customer.name ?? undefined;
  return c.json(await issueCustomerToken(c.env, shop, { customerId, ttlSeconds: Math.min(900, shop.settings.maxTokenLifetimeSeconds), name }));
});
