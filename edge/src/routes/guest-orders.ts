import { Hono } from 'hono';
import { z } from 'zod';
import { CONVERSATION_SECRET_HEADER, VerifyOrderRequest } from '../../../shared/guest';
import type { AppEnv } from '../env';
import { verifyGuestOrder } from '../guest/verify';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { bodyLimit } from '../middleware/body-limit';
import { pickLocale } from './chat';

/**
 * Guest order help: `POST /conversations/:id/verify-order` with an order number and its email.
 * CORS comes from the conversation routes' `/conversations/*` middleware.
 */
export const guestOrderRoutes = new Hono<AppEnv>();

const Param = z.object({ id: z.uuid(), shop: z.string() });

/** The conversation secret the grant is bound to; a request without one cannot hold a grant. */
export function presentedSecret(header: string | undefined): string {
  const secret = header?.trim();
  if (!secret || secret.length < 22 || secret.length > 200) throw new ApiError('unauthorized', `The ${CONVERSATION_SECRET_HEADER} header is missing or not valid`);
  return secret;
}

guestOrderRoutes.post(
  '/conversations/:id/verify-order',
  bodyLimit({ maxSize: 4096 }),
  validate('param', Param),
  validate('json', VerifyOrderRequest),
  async (c) => {
    const shop = c.get('shop');
    if (!shop.settings.guestOrders.enabled) throw new ApiError('forbidden', 'This shop does not offer guest order help');
    const body = c.req.valid('json');
    const answer = await verifyGuestOrder({
      env: c.env,
      shop,
      conversationId: c.req.valid('param').id,
      secret: presentedSecret(c.req.header(CONVERSATION_SECRET_HEADER)),
      clientIp: c.req.header('cf-connecting-ip') ?? null,
      orderNumber: body.orderNumber,
      email: body.email,
      locale: pickLocale(body.locale, shop.settings.widget.locale),
    });
    c.header('cache-control', 'no-store');
    return c.json(answer);
  },
);
