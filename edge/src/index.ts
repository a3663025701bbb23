import { Hono } from 'hono';
import type { AppEnv } from './env';
import { errorBody, handleError } from './lib/errors';
import { requestId } from './middleware/request-id';
import { chooseEngine, type TurnDeps } from './chat/pipeline';
import { loadShop } from './middleware/shop';
import { chatRoutes } from './routes/chat';
import { conversationRoutes } from './routes/conversations';
import { operatorRoutes } from './routes/operator';
import { shopAdminRoutes } from './routes/shop-admin';
import { ticketRoutes } from './routes/tickets';
import { webhookEndpointRoutes } from './routes/webhook-endpoints';
import { handleTicketQueue } from './handoff/delivery';
import { sweepOutbox } from './handoff/outbox';
import type { TicketEventMessage } from './handoff/outbox';
import { orderRoutes } from './routes/orders';
import { orderWebhookRoutes } from './routes/order-webhooks';
import { demoRoutes } from './routes/demo';
import { catalogRoutes } from './routes/catalog';
import { policyRoutes } from './routes/policies';
import { sessionRoutes } from './routes/sessions';
import { RETENTION_CRON, runRetention } from './retention';
import { guestOrderRoutes } from './routes/guest-orders';
import { metricsRoutes } from './routes/metrics';
import { runRollup } from './metrics/rollup';
import { testQuestionRoutes } from './routes/test-questions';
import { handleMailQueue, sweepMail, type MailQueueMessage } from './mail';
import { MAIL_QUEUE } from './mail/outbox';
import { appRoutes } from './routes/apps';
import { agentRoutes } from './routes/agent';
import { draftRoutes } from './routes/drafts';
import { sweepDrafts } from './assisted/drafts';
import { liveRoutes } from './routes/live';
import { sweepOwnership } from './agent/ownership';
export { LiveHub } from './live/hub';
import { consoleRoutes } from './routes/console';
// --- route imports ---

/**
 * Every shop-scoped endpoint lives under /v1/shops/:shop, so every request (a CORS
 * preflight included) names its shop and `loadShop` can 404 unknown shops first.
 */
const shopApi = new Hono<AppEnv>();
shopApi.use('*', loadShop());
shopApi.route('/', chatRoutes);
shopApi.route('/', conversationRoutes);
shopApi.route('/', shopAdminRoutes);
shopApi.route('/', ticketRoutes);
shopApi.route('/', webhookEndpointRoutes);
shopApi.route('/', orderRoutes);
shopApi.route('/', orderWebhookRoutes);
shopApi.route('/', catalogRoutes);
shopApi.route('/', policyRoutes);
shopApi.route('/', guestOrderRoutes);
shopApi.route('/', metricsRoutes);
shopApi.route('/', testQuestionRoutes);
shopApi.route('/', sessionRoutes);
shopApi.route('/', agentRoutes);
shopApi.route('/', draftRoutes);
shopApi.route('/', liveRoutes);
shopApi.route('/', consoleRoutes);
// --- shop routes ---

/**
 * The whole app, given what a turn needs (the engine choice). The Worker builds it once with the
 * product's own; tests build one with a mock model (test/edge/helpers.ts `useEngine`).
 */
export function createApp(deps: TurnDeps = { chooseEngine }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', async function provideTurnDeps(c, next) {
    c.set('turnDeps', deps);
    await next();
  });
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/v1/shops', operatorRoutes);
  app.route('/v1/shops/:shop', shopApi);
  app.route('/demo-api', demoRoutes);
  app.route('/', appRoutes);
  // --- demo routes ---
  app.notFound((c) => c.json(errorBody('not_found', 'No such endpoint'), 404));
  app.onError(handleError);
  return app;
}

export const app = createApp();

export default {
  fetch: app.fetch,
  // Ticket events queue and its dead-letter queue: signed webhook delivery; aisle-mail: the mail outbox (edge/src/mail).
  queue: (batch, env) =>
    batch.queue === MAIL_QUEUE ? handleMailQueue(batch as MessageBatch<MailQueueMessage>, env) : handleTicketQueue(batch as MessageBatch<TicketEventMessage>, env),
  // Every minute: re-send outbox events whose queue send failed.
  scheduled: async (controller, env, ctx) => {
    // Daily (RETENTION_CRON): roll the metrics up first (they count raw rows), then delete
    // conversations and audit records past each shop's retentionDays.
    if (controller.cron === RETENTION_CRON) return ctx.waitUntil(runRollup(env).then(() => runRetention(env)).then(() => undefined));
    ctx.waitUntil(sweepOutbox(env).then(() => undefined));
    ctx.waitUntil(sweepMail(env).then(() => undefined));
    // Conversations an agent owns without writing past support.ownershipTimeout go back to the assistant.
    ctx.waitUntil(sweepOwnership(env).then(() => undefined));
    // Assisted mode: drafts nobody approved within settings.assistedTimeout become handoff tickets.
    ctx.waitUntil(sweepDrafts(env).then(() => undefined));
  },
  // --- queue and scheduled handlers ---
} satisfies ExportedHandler<Env>;
