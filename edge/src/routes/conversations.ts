import { Hono } from 'hono';
import { z } from 'zod';
import type { ConversationResponse } from '../../../shared/chat';
import { requireConversation } from '../conversations/access';
import { listMessages, toUiMessage } from '../conversations/store';
import type { AppEnv } from '../env';
import { validate } from '../lib/validate';
import { customerIdentity } from '../middleware/customer-identity';
import { shopCors } from '../middleware/shop-cors';

export const conversationRoutes = new Hono<AppEnv>();

conversationRoutes.use('/conversations/*', shopCors());

/** The stored history as UI messages, so the widget can restore a conversation after a reload. */
conversationRoutes.get('/conversations/:id', customerIdentity(), validate('param', z.object({ id: z.uuid(), shop: z.string() })), async (c) => {
  const { id } = c.req.valid('param');
  // A secret-protected conversation needs its secret (x-aisle-conversation-secret); see conversations/access.ts.
  const conv = await requireConversation(c, id, 'read');
  const messages = await listMessages(c.env.DB, id);
  return c.json({ id, messages: messages.map(toUiMessage), state: conv.state, readOnly: conv.access === 'legacy' } satisfies ConversationResponse);
});
