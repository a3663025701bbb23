import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { bodyLimit } from '../middleware/body-limit';
import { rateLimit } from '../middleware/rate-limit';
import { assertSameOrigin, requireSession } from '../middleware/require-session';
import { securePage } from '../middleware/secure-page';
import { ABSOLUTE_MS, deleteSession, sessionCookie, sessionCookieName, signIn, type PersonSession } from '../sessions';

/**
 * Sign-in, the current session and sign-out for agents and merchants (edge/src/sessions).
 * Cookie routes: no CORS middleware here, so no Access-Control-* header is ever sent.
 */
export const sessionRoutes = new Hono<AppEnv>();

sessionRoutes.use('/sessions', securePage());
sessionRoutes.use('/sessions/*', securePage());

const view = (s: PersonSession) => ({ kind: s.kind, keyId: s.keyId, csrfToken: s.csrfToken, createdAt: s.createdAt, expiresAt: s.expiresAt, idleExpiresAt: s.idleExpiresAt });

sessionRoutes.post(
  '/sessions',
  bodyLimit({ maxSize: 4096 }),
  // Login CSRF: a foreign page must not sign the browser in to someone else's session.
  async (c, next) => {
    assertSameOrigin(c.req.header('origin'), c.req.url);
    await next();
  },
  rateLimit({
    binding: 'SIGNIN_LIMITER',
    periodSeconds: 60,
    message: 'Too many sign-in attempts; please wait a minute',
    key: (c) => `signin:${c.get('shop').id}:${c.req.header('cf-connecting-ip') ?? 'local'}`,
  }),
  validate('json', z.strictObject({ key: z.string().min(10).max(300) })),
  async (c) => {
    const shop = c.get('shop');
    const started = await signIn(c.env, shop.id, c.req.valid('json').key);
    if (!started) throw new ApiError('unauthorized', 'Not a valid key for this shop');
    c.header('Set-Cookie', sessionCookie(shop.id, started.sessionId, Math.floor(ABSOLUTE_MS / 1000)));
    return c.json(view(started.session), 201);
  },
);

sessionRoutes.get('/sessions/current', requireSession({ kinds: ['agent', 'admin'] }), (c) => c.json(view(c.get('session'))));

sessionRoutes.delete('/sessions/current', requireSession({ kinds: ['agent', 'admin'] }), async (c) => {
  const shopId = c.get('shop').id;
  const cookie = getCookie(c, sessionCookieName(shopId));
  if (cookie) await deleteSession(c.env.DB, cookie);
  c.header('Set-Cookie', sessionCookie(shopId, '', 0));
  return c.body(null, 204);
});
