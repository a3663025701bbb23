import { Hono } from 'hono';
import { CONVERSATION_SECRET_HEADER, ChatRequest, LOCALES, MAX_BODY_BYTES, type Locale } from '../../../shared/chat';
import { runTurn } from '../chat/pipeline';
import { conversationSecretFrom, newConversationSecret, wantsConversationSecret } from '../conversations/access';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { bodyLimit } from '../middleware/body-limit';
import { customerIdentity } from '../middleware/customer-identity';
import { rateLimit } from '../middleware/rate-limit';
import { shopCors } from '../middleware/shop-cors';
import { guestSafeTurnText } from '../guest/turn';
import { loadTurnState } from '../chat/turn-state';
import { settleOwnership } from '../agent/ownership';

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
  // v1.1 clients ask for a conversation secret on the first turn and present it afterwards.
  const fresh = wantsConversationSecret(c) ? await newConversationSecret() : null;
  const presented = conversationSecretFrom(c);
  const secret = fresh ? { create: fresh.hash } : presented ? { presented } : undefined;
  // One round trip: the budget charge, the conversation, a guest's order grant (a guest holding
  // one for this conversation and its secret sees that one order) and the history.
  const state = await loadTurnState(c.env.DB, { shop, identity, conversationId: body.conversationId, locale: body.locale, secret, secretHeader: c.req.header(CONVERSATION_SECRET_HEADER) });
  const conv = state.conversation;
  // Another customer's conversation, a wrong secret and a read-only one look exactly like one that does not exist.
  if (!conv) throw new ApiError('not_found', 'Unknown conversation');
  const turnIdentity = state.identity;
  // An email typed next to an order question, or in answer to the order form, is removed before it is stored, audited or read by a model.
  const safe = await guestSafeTurnText(c.env.DB, conv.id, body.message.text, turnIdentity, state.history);
  // An agent silent past support.ownershipTimeout gives the conversation back first (issue 16); that writes a message, so the history is read again.
  const settledState = await settleOwnership(c.env, shop, conv);
  const res = await runTurn({
    env: c.env,
    shop,
    identity: turnIdentity,
    conversationId: conv.id,
    text: safe.text,
    guestEmailRemoved: safe.emailRemoved,
    context: body.context,
    state: settledState,
    history: settledState === conv.state ? state.history : undefined,
    locale: pickLocale(body.locale ?? conv.locale ?? undefined, shop.settings.widget.locale),
    signal: c.req.raw.signal,
    publicOrigin: c.req.header('origin') ?? new URL(c.req.url).origin,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
    // The form's grant is bound to the conversation secret: only secret conversations are offered it.
    guestOrderHelp: shop.settings.guestOrders.enabled && conv.access === 'secret',
  }, c.get('turnDeps'));
  // The secret is answered once, on the turn that created it; only its hash is stored.
  if (fresh) res.headers.set(CONVERSATION_SECRET_HEADER, fresh.secret);
  return res;
  },
);
