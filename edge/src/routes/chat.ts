import { Hono } from 'hono';
import { ChatRequest, LOCALES, MAX_BODY_BYTES, type Locale } from '../../../shared/chat';
import { runTurn } from '../chat/pipeline';
import { openConversation } from '../conversations/store';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { bodyLimit } from '../middleware/body-limit';
import { customerIdentity } from '../middleware/customer-identity';
import { rateLimit } from '../middleware/rate-limit';
import { shopCors } from '../middleware/shop-cors';
import { chargeMessage } from '../limits/budget';

export const chatRoutes = new Hono<AppEnv>();

chatRoutes.use('/chat', shopCors());

/** Picks the reply language: the request's, else the shop's, else English. */
export function pickLocale(requested: string | undefined, shopDefault: string | undefined): Locale {
  for (const candidate of [requested, shopDefault]) {
    const base = candidate?.toLowerCase().slice(0, 2);
    if (base && (LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}

chatRoutes.post(
  '/chat',
  bodyLimit({ maxSize: MAX_BODY_BYTES }),
  customerIdentity(),
  validate('json', ChatRequest),
  rateLimit({
    binding: 'CONVERSATION_LIMITER',
    periodSeconds: 10,
    key: (c) => `${c.get('shop').id}:${(c.req.valid as (t: 'json') => ChatRequest)('json').conversationId}`,
  }),
  rateLimit({
    binding: 'CLIENT_LIMITER',
    periodSeconds: 60,
    // Cloudflare always sets the client IP in production; local callers without it are not keyed.
    key: (c) => {
      const ip = c.req.header('cf-connecting-ip');
      return ip ? `${c.get('shop').id}:${ip}` : null;
    },
  }),
  async (c) => {
  const body = c.req.valid('json');
  const shop = c.get('shop');
  const identity = c.get('identity');
  await chargeMessage(c.env.DB, shop);
  const conv = await openConversation(c.env.DB, { id: body.conversationId, shopId: shop.id, identity, locale: body.locale });
  // Another customer's conversation looks exactly like one that does not exist.
  if (!conv) throw new ApiError('not_found', 'Unknown conversation');
  return runTurn({
    env: c.env,
    shop,
    identity,
    conversationId: conv.id,
    text: body.message.text,
    context: body.context,
    locale: pickLocale(body.locale ?? conv.locale ?? undefined, shop.settings.widget.locale),
    signal: c.req.raw.signal,
    publicOrigin: c.req.header('origin') ?? new URL(c.req.url).origin,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  },
);
