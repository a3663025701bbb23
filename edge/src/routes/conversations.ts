import { Hono } from 'hono';
import { z } from 'zod';
import type { ConversationResponse } from '../../../shared/chat';
import { canAccess, getConversation, listMessages, toUiMessage } from '../conversations/store';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { customerIdentity } from '../middleware/customer-identity';
import { shopCors } from '../middleware/shop-cors';
import { CONVERSATION_SECRET_HEADER } from '../../../shared/guest';
import { readableGrantIds } from '../guest/grants';
import { redactGrantMessages } from '../guest/history';
import { pickLocale } from './chat';

export const conversationRoutes = new Hono<AppEnv>();

conversationRoutes.use('/conversations/*', shopCors());

/** The stored history as UI messages, so the widget can restore a conversation after a reload. */
conversationRoutes.get('/conversations/:id', customerIdentity(), validate('param', z.object({ id: z.uuid(), shop: z.string() })), async (c) => {
  const { id } = c.req.valid('param');
  const conv = await getConversation(c.env.DB, id);
  if (!conv || !canAccess(conv, c.get('shop').id, c.get('identity'))) throw new ApiError('not_found', 'Unknown conversation');
  const shop = c.get('shop');
  // Replies written under a guest order grant: only with that grant's secret, while it lasts.
  const readable = await readableGrantIds(c.env.DB, shop.id, id, c.req.header(CONVERSATION_SECRET_HEADER));
  const messages = redactGrantMessages(await listMessages(c.env.DB, id), readable, pickLocale(conv.locale ?? undefined, shop.settings.widget.locale));
  c.header('cache-control', 'no-store');
  return c.json({ id, messages: messages.map(toUiMessage) } satisfies ConversationResponse);
});
