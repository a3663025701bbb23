import { Hono } from 'hono';
import { z } from 'zod';
import { VerifyOrderCodeRequest, VerifyOrderRequest } from '../../../shared/guest';
import { verifyGuestCode } from '../guest/codes';
import { conversationSecretFrom, requireConversation } from '../conversations/access';
import type { AppEnv } from '../env';
import { verifyGuestOrder } from '../guest/verify';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { bodyLimit } from '../middleware/body-limit';
import { pickLocale } from './chat';
import { auditStatement } from '../audit/log';
import { backfillEmailHmacs, deleteDataByEmail } from '../guest/erasure';
import { requireKey } from '../middleware/require-key';
import { customerIdentity } from '../middleware/customer-identity';
import { orderEmailKey } from '../orders/email-hash';

/**
 * Guest order help: `POST /conversations/:id/verify-order` with an order number and its email.
 * CORS comes from the conversation routes' `/conversations/*` middleware.
 */
export const guestOrderRoutes = new Hono<AppEnv>();

const Param = z.object({ id: z.uuid(), shop: z.string() });

guestOrderRoutes.post(
  '/conversations/:id/verify-order',
  bodyLimit({ maxSize: 4096 }),
  customerIdentity(),
  validate('param', Param),
  validate('json', VerifyOrderRequest),
  async (c) => {
    const shop = c.get('shop');
    if (!shop.settings.guestOrders.enabled) throw new ApiError('forbidden', 'This shop does not offer guest order help');
    const body = c.req.valid('json');
    // Only a conversation the server gave a secret to, presented with that secret: the grant is
    // bound to it. Anything else (no secret, another one, an `open` or another shop's
    // conversation) is the same 404 as an unknown conversation.
    const conv = await requireConversation(c, c.req.valid('param').id, 'secret');
    const answer = await verifyGuestOrder({
      env: c.env,
      shop,
      conversation: conv,
      secret: conversationSecretFrom(c)!,
      requestId: body.requestId,
      clientIp: c.req.header('cf-connecting-ip') ?? null,
      orderNumber: body.orderNumber,
      email: body.email,
      locale: pickLocale(body.locale, shop.settings.widget.locale),
      waitUntil: (p) => c.executionCtx.waitUntil(p),
    });
    c.header('cache-control', 'no-store');
    return c.json(answer);
  },
);

/** The second factor: the 6-digit code mailed to the order's email (shops with `guestOrders.oneTimeCode`). */
guestOrderRoutes.post(
  '/conversations/:id/verify-order/code',
  bodyLimit({ maxSize: 1024 }),
  customerIdentity(),
  validate('param', Param),
  validate('json', VerifyOrderCodeRequest),
  async (c) => {
    const shop = c.get('shop');
    if (!shop.settings.guestOrders.enabled || !shop.settings.guestOrders.oneTimeCode) throw new ApiError('forbidden', 'This shop does not use one-time codes for guest orders');
    const body = c.req.valid('json');
    const conv = await requireConversation(c, c.req.valid('param').id, 'secret');
    const answer = await verifyGuestCode({
      env: c.env,
      shop,
      conversation: conv,
      secret: conversationSecretFrom(c)!,
      requestId: body.requestId,
      clientIp: c.req.header('cf-connecting-ip') ?? null,
      code: body.code,
      locale: pickLocale(body.locale, shop.settings.widget.locale),
    });
    c.header('cache-control', 'no-store');
    return c.json(answer);
  },
);

// --- Admin (admin key) ---

/** One-off: hash the emails of orders stored before guest order help (order email, else the customer's). */
guestOrderRoutes.post('/orders/email-hashes/backfill', requireKey({ kind: 'admin' }), async (c) => {
  const shop = c.get('shop');
  const key = await orderEmailKey(c.env.DB, c.env.AISLE_SECRET_KEY, shop.id);
  let updated = 0;
  let remaining = 0;
  // Bounded per call; a shop with more rows calls again until `remaining` is 0.
  for (let round = 0; round < 20; round++) {
    const r = await backfillEmailHmacs(c.env.DB, shop.id, key);
    updated += r.updated;
    remaining = r.remaining;
    if (r.updated === 0 || remaining === 0) break;
  }
  return c.json({ updated, remaining });
});

/**
 * Erasure by email (a data-subject request from a guest): `POST` so the address travels in the
 * body, never in a URL or an access log.
 */
guestOrderRoutes.post(
  '/customers/delete-by-email',
  requireKey({ kind: 'admin' }),
  validate('json', z.strictObject({ email: z.string().trim().min(3).max(320) })),
  async (c) => {
    const shop = c.get('shop');
    const key = await orderEmailKey(c.env.DB, c.env.AISLE_SECRET_KEY, shop.id);
    const deleted = await deleteDataByEmail(c.env.DB, shop.id, c.req.valid('json').email, key);
    // Recorded with its counts, but not whose it was.
    await auditStatement(c.env.DB, { shopId: shop.id, kind: 'admin', data: { action: 'customer.deleted_by_email', deleted } }).run();
    return c.json({ deleted });
  },
);
