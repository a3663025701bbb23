import { Hono } from 'hono';
import { z } from 'zod';
import type { ConversationResponse } from '../../../shared/chat';
import { canAccess, getConversation, listMessages, toUiMessage } from '../conversations/store';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { customerIdentity } from '../middleware/customer-identity';
import { shopCors } from '../middleware/shop-cors';

export const conversationRoutes = new Hono<AppEnv>();

conversationRoutes.use('/conversations/*', shopCors());

/** The stored history as UI messages, so the widget can restore a conversation after a reload. */
conversationRoutes.get('/conversations/:id', customerIdentity(), validate('param', z.object({ id: z.uuid(), shop: z.string() })), async (c) => {
  const { id } = c.req.valid('param');
  const conv = await getConversation(c.env.DB, id);
  if (!conv || !canAccess(conv, c.get('shop').id, c.get('identity'))) throw new ApiError('not_found', 'Unknown conversation');
  const messages = await listMessages(c.env.DB, id);
  return c.json({ id, messages: messages.map(toUiMessage) } satisfies ConversationResponse);
});
