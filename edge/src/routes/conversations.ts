import { Hono } from 'hono';
import { z } from 'zod';
import type { ConversationResponse } from '../../../shared/chat';
import { requireConversation } from '../conversations/access';
import { listMessages, toUiMessage } from '../conversations/store';
import type { AppEnv } from '../env';
import { validate } from '../lib/validate';
import { customerIdentity } from '../middleware/customer-identity';
import { shopCors } from '../middleware/shop-cors';
import { CONVERSATION_SECRET_HEADER } from '../../../shared/guest';
import { readableGrantIds } from '../guest/grants';
import { redactGrantMessages } from '../guest/history';
import { pickLocale } from './chat';
import { hasPendingDraft } from '../assisted/drafts';

export const conversationRoutes = new Hono<AppEnv>();

conversationRoutes.use('/conversations/*', shopCors());

/** The stored history as UI messages, so the widget can restore a conversation after a reload. */
conversationRoutes.get('/conversations/:id', customerIdentity(), validate('param', z.object({ id: z.uuid(), shop: z.string() })), async (c) => {
  const { id } = c.req.valid('param');
  // A secret-protected conversation needs its secret (x-aisle-conversation-secret); see conversations/access.ts.
  const conv = await requireConversation(c, id, 'read');
  const shop = c.get('shop');
  // Replies written under a guest order grant: only with that grant's secret, while it lasts.
  const readable = await readableGrantIds(c.env.DB, shop.id, id, c.req.header(CONVERSATION_SECRET_HEADER));
  const messages = redactGrantMessages(await listMessages(c.env.DB, id), readable, pickLocale(conv.locale ?? undefined, shop.settings.widget.locale));
  c.header('cache-control', 'no-store');
  // A reply waiting for approval (assisted mode): the widget keeps its live channel open after a reload.
  const held = conv.state === 'assistant' && (await hasPendingDraft(c.env.DB, shop.id, id));
  return c.json({ id, messages: messages.map(toUiMessage), state: held ? 'held' : conv.state, readOnly: conv.access === 'legacy' } satisfies ConversationResponse);
});
