import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { BACKOFF, MAX_RETRIES, TICKET_DEAD_LETTER_QUEUE, TICKET_QUEUE, handleTicketQueue } from '../../../edge/src/handoff/delivery';
import type { TicketEventMessage } from '../../../edge/src/handoff/outbox';
import { api, createShop, dataOf } from '../helpers';
import { bearer, brokenQueue, receiver, registerEndpoint } from '../handoff/support';
import { chatWith } from './support';

/**
 * A webhook receiver down for the whole retry schedule, then up again. Tickets come from real chat
 * turns; the queue's schedule is played by calling the consumer once per attempt, as the queue
 * would after each backoff delay (the delays themselves are checked, not waited for).
 */

async function handoff(shopId: string, text: string) {
  const r = await chatWith({ TICKET_EVENTS: brokenQueue }, shopId, crypto.randomUUID(), text);
  const [part] = dataOf<{ ticketId: string }>(r.parts, 'handoff');
  const event = await env.DB.prepare("SELECT id FROM outbox_events WHERE ticket_id = ? AND type = 'ticket.created'").bind(part.ticketId).first<{ id: string }>();
  return { ticketId: part.ticketId, eventId: event!.id };
}

async function attempt(eventId: string, attempts: number, queue = TICKET_QUEUE) {
  const batch = createMessageBatch<TicketEventMessage>(queue, [{ id: `msg-${eventId}-${attempts}`, timestamp: new Date(), attempts, body: { eventId } }]);
  await handleTicketQueue(batch, env);
  return getQueueResult(batch, createExecutionContext());
}

it('loses no ticket: each one is delivered once per endpoint, or dead-lettered and shown to the merchant', async () => {
  const s = await createShop();
  const [one, two] = [await receiver(), await receiver()];
  const endpoints = [await registerEndpoint(s, one, [503]), await registerEndpoint(s, two, [503])];

  // Down through the whole schedule: every attempt fails, with the same webhook-id each time.
  const lost = await handoff(s.shopId, 'I want a refund for my order');
  // Down when created, up again before its retries run out.
  const late = await handoff(s.shopId, 'My parcel arrived damaged');
  for (let n = 1; n <= MAX_RETRIES + 1; n++) {
    const r = await attempt(lost.eventId, n);
    expect(r.retryMessages).toHaveLength(1);
    // The wait before the next attempt follows the backoff schedule (recorded for the merchant); none after the last.
    const rows = (await env.DB.prepare('SELECT created_at, next_retry_at FROM webhook_deliveries WHERE event_id = ? AND attempt = ?').bind(lost.eventId, n).all<{ created_at: string; next_retry_at: string | null }>()).results;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      if (n === MAX_RETRIES + 1) expect(row.next_retry_at).toBeNull();
      else {
        const wait = (Date.parse(row.next_retry_at!) - Date.parse(row.created_at)) / 1000;
        expect(wait).toBeGreaterThanOrEqual(0.5);
        expect(wait).toBeLessThanOrEqual(Math.min(BACKOFF.maxSeconds, BACKOFF.baseSeconds * 2 ** (n - 1)) + 1);
      }
    }
    if (n <= 3) expect((await attempt(late.eventId, n)).retryMessages).toHaveLength(1);
  }
  // The queue gives up and moves the message to the dead-letter queue.
  expect((await attempt(lost.eventId, 1, TICKET_DEAD_LETTER_QUEUE)).explicitAcks).toHaveLength(1);

  // The receiver is back.
  for (const rcv of [one, two]) await rcv.configure({ statuses: [200] });
  expect((await attempt(late.eventId, 4)).explicitAcks).toHaveLength(1);
  const after = await handoff(s.shopId, 'Can I get a discount?');
  expect((await attempt(after.eventId, 1)).explicitAcks).toHaveLength(1);
  // The queue may deliver a message twice, and a stray message may turn up for a dead event: nothing is re-sent.
  await attempt(late.eventId, 5);
  await attempt(after.eventId, 2);
  await attempt(lost.eventId, 1);

  for (const rcv of [one, two]) {
    const got = await rcv.received();
    expect(got.every((g) => g.verified)).toBe(true);
    const accepted = got.filter((g) => g.answered === 200).map((g) => g.ticketId);
    expect(accepted.sort()).toEqual([late.ticketId, after.ticketId].sort());
    expect(got.filter((g) => g.webhookId === lost.eventId)).toHaveLength(MAX_RETRIES + 1);
    expect(got.filter((g) => g.webhookId === late.eventId).map((g) => g.answered)).toEqual([503, 503, 503, 200]);
  }
  const status = async (id: string) => (await env.DB.prepare('SELECT status FROM outbox_events WHERE id = ?').bind(id).first<{ status: string }>())!.status;
  expect([await status(lost.eventId), await status(late.eventId), await status(after.eventId)]).toEqual(['dead', 'delivered', 'delivered']);

  // The merchant sees the dead ticket for both endpoints, and the agent sees it on the ticket.
  const dead = (await (await api(`/v1/shops/${s.shopId}/deliveries?status=dead`, { headers: bearer(s.agentKey) })).json()) as { deliveries: { ticketId: string; endpointId: string }[] };
  expect(dead.deliveries.map((d) => [d.ticketId, d.endpointId]).sort()).toEqual(endpoints.map((e) => [lost.ticketId, e.id]).sort());
  const ticket = (await (await api(`/v1/shops/${s.shopId}/tickets/${lost.ticketId}`, { headers: bearer(s.agentKey) })).json()) as { deliveries: { outcome: string }[] };
  expect(ticket.deliveries.filter((d) => d.outcome === 'dead')).toHaveLength(2);
});
