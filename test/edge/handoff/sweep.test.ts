import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sweepOutbox } from '../../../edge/src/handoff/outbox';
import { createHandoffTicket } from '../../../edge/src/handoff/tickets';
import { brokenQueue, handoffShop, makeTurn, receiver, registerEndpoint, type HandoffShop, until, outboxStatus } from './support';

/**
 * The outbox sweep: an event whose queue send failed is re-sent by the cron job, and then
 * delivered through the real queue to a real receiver. Its own file, so the sweep sees only
 * this file's events.
 */

async function ticketWithFailedSend(s: HandoffShop, category: 'refund' | 'discount' | 'cancellation' | 'payment_problem') {
  const { turn } = await makeTurn(s.shop, { text: `help with ${category}`, envOverrides: { TICKET_EVENTS: brokenQueue } });
  const { ticket } = await createHandoffTicket(turn, { categories: [category], requestedAction: category, source: 'policy_gate', toldShopper: 'Passed on.', language: 'en' });
  return (await env.DB.prepare('SELECT id FROM outbox_events WHERE ticket_id = ?').bind(ticket.id).first<{ id: string }>())!.id;
}



describe('outbox sweep', () => {
  it('loses nothing when queue sends fail: the sweep re-sends and every event arrives exactly once', async () => {
    const s = await handoffShop();
    const rcv = await receiver();
    await registerEndpoint(s, rcv);
    const events: string[] = [];
    for (const category of ['refund', 'discount', 'cancellation', 'payment_problem'] as const) events.push(await ticketWithFailedSend(s, category));

    // Too young for the sweep: the normal path may still be running.
    expect(await sweepOutbox(env)).toEqual({ requeued: 0, failed: 0 });
    expect(await rcv.received()).toEqual([]);

    // A minute later the sweep re-sends them through the real queue.
    expect(await sweepOutbox(env, { now: Date.now() + 90_000 })).toEqual({ requeued: 4, failed: 0 });
    const got = await until(rcv.received, (r) => r.length >= 4);
    expect(got.map((r) => r.webhookId).sort()).toEqual([...events].sort());
    expect(got.every((r) => r.verified && r.type === 'ticket.created')).toBe(true);
    for (const id of events) expect(await until(() => outboxStatus(id), (st) => st === 'delivered')).toBe('delivered');

    // Later sweeps find nothing left to send, and nothing arrives twice.
    expect(await sweepOutbox(env, { now: Date.now() + 90_000 })).toEqual({ requeued: 0, failed: 0 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rcv.received()).toHaveLength(4);
  });

  it('leaves the event pending when the queue is still down, and tries again next time', async () => {
    const s = await handoffShop();
    const eventId = await ticketWithFailedSend(s, 'refund');
    const down = { ...env, TICKET_EVENTS: brokenQueue } as Env;
    expect(await sweepOutbox(down, { now: Date.now() + 90_000 })).toEqual({ requeued: 0, failed: 1 });
    const row = await env.DB.prepare('SELECT status, queued_at, send_attempts FROM outbox_events WHERE id = ?').bind(eventId).first();
    expect(row).toEqual({ status: 'pending', queued_at: null, send_attempts: 2 });
    expect(await sweepOutbox(env, { now: Date.now() + 90_000 })).toEqual({ requeued: 1, failed: 0 });
  });

  it('runs from the Worker’s cron trigger', async () => {
    const s = await handoffShop();
    const rcv = await receiver();
    await registerEndpoint(s, rcv);
    const eventId = await ticketWithFailedSend(s, 'discount');
    await env.DB.prepare('UPDATE outbox_events SET created_at = ? WHERE id = ?').bind(new Date(Date.now() - 5 * 60_000).toISOString(), eventId).run();
    // The Worker's own default export, as the runtime calls it every minute.
    const worker = (await import('../../../edge/src/index')).default;
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: new Date() }), env, ctx);
    await waitOnExecutionContext(ctx);
    const got = await until(rcv.received, (r) => r.length > 0);
    expect(got.map((r) => [r.webhookId, r.verified])).toEqual([[eventId, true]]);
  });
});
