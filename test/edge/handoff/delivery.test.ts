import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_RETRIES, TICKET_DEAD_LETTER_QUEUE, TICKET_QUEUE, handleTicketQueue } from '../../../edge/src/handoff/delivery';
import type { TicketEventMessage } from '../../../edge/src/handoff/outbox';
import { createHandoffTicket } from '../../../edge/src/handoff/tickets';
import { api, json } from '../helpers';
import { bearer, brokenQueue, handoffShop, makeTurn, receiver, registerEndpoint, type HandoffShop, until, outboxStatus } from './support';

/**
 * Delivery against a real receiver on 127.0.0.1 that verifies Standard Webhooks signatures.
 * Most tests create the ticket with a failing queue producer so nothing is delivered in the
 * background, then run the queue consumer themselves, one attempt at a time.
 */

async function ticketWithoutQueue(s: HandoffShop, category: 'refund' | 'discount' = 'refund') {
  const { turn } = await makeTurn(s.shop, { text: 'I want my money back', envOverrides: { TICKET_EVENTS: brokenQueue } });
  const { ticket } = await createHandoffTicket(turn, { categories: [category], requestedAction: 'Refund', source: 'policy_gate', toldShopper: 'Passed on.', language: 'en' });
  const event = await env.DB.prepare("SELECT id FROM outbox_events WHERE ticket_id = ? AND type = 'ticket.created'").bind(ticket.id).first<{ id: string }>();
  return { ticket, eventId: event!.id };
}

/** Runs the consumer on one message as the queue would on attempt `attempts`. */
async function runAttempt(eventId: string, attempts: number, queue = TICKET_QUEUE) {
  const batch = createMessageBatch<TicketEventMessage>(queue, [{ id: `msg-${eventId}`, timestamp: new Date(), attempts, body: { eventId } }]);
  const ctx = createExecutionContext();
  await handleTicketQueue(batch, env);
  return getQueueResult(batch, ctx);
}

/** Seconds between an attempt and its recorded next retry (the delay given to message.retry). */
async function retryWaitSeconds(eventId: string, attempt: number) {
  const row = await env.DB.prepare('SELECT created_at, next_retry_at FROM webhook_deliveries WHERE event_id = ? AND attempt = ?').bind(eventId, attempt).first<{ created_at: string; next_retry_at: string }>();
  return (Date.parse(row!.next_retry_at) - Date.parse(row!.created_at)) / 1000;
}



describe('webhook delivery', () => {
  it('delivers ticket.created through the real queue, signed, once per endpoint', async () => {
    const s = await handoffShop();
    const [one, two] = [await receiver(), await receiver()];
    await registerEndpoint(s, one);
    await registerEndpoint(s, two);
    const { turn } = await makeTurn(s.shop, { text: 'My parcel arrived damaged' });
    const { ticket } = await createHandoffTicket(turn, { categories: ['damaged_or_wrong_item'], requestedAction: 'Replacement', source: 'policy_gate', toldShopper: 'Passed on.', language: 'en' });
    const event = await env.DB.prepare('SELECT id FROM outbox_events WHERE ticket_id = ?').bind(ticket.id).first<{ id: string }>();

    for (const rcv of [one, two]) {
      const got = await until(rcv.received, (r) => r.length > 0);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ webhookId: event!.id, verified: true, answered: 200, type: 'ticket.created', ticketId: ticket.id });
      expect(Math.abs(Number(got[0].timestamp) - Date.now() / 1000)).toBeLessThan(60);
    }
    expect(await until(() => outboxStatus(event!.id), (st) => st === 'delivered')).toBe('delivered');
    // Nothing arrives twice once every endpoint has accepted.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await one.received()).length + (await two.received()).length).toBe(2);
  });

  it('retries while the receiver fails, with the same webhook-id, then delivers', async () => {
    const s = await handoffShop();
    const rcv = await receiver();
    await registerEndpoint(s, rcv, [500, 500, 200]);
    const { ticket, eventId } = await ticketWithoutQueue(s);

    const first = await runAttempt(eventId, 1);
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages).toHaveLength(1);
    // The retry waits by the backoff schedule (first retry: within 30 s), recorded for the merchant.
    const wait = await retryWaitSeconds(eventId, 1);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(31);
    expect((await runAttempt(eventId, 2)).retryMessages).toHaveLength(1);
    const third = await runAttempt(eventId, 3);
    expect(third.retryMessages).toEqual([]);
    expect(third.explicitAcks).toEqual([`msg-${eventId}`]);

    const got = await rcv.received();
    expect(got.map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(new Set(got.map((r) => r.webhookId))).toEqual(new Set([eventId]));
    expect(got.every((r) => r.verified)).toBe(true);
    expect(await outboxStatus(eventId)).toBe('delivered');

    // A redelivered message (the queue may deliver twice) sends nothing more.
    expect((await runAttempt(eventId, 4)).explicitAcks).toEqual([`msg-${eventId}`]);
    expect(await rcv.received()).toHaveLength(3);

    // The agent sees every attempt on the ticket.
    const res = await api(`/v1/shops/${s.shopId}/tickets/${ticket.id}`, { headers: bearer(s.agentKey) });
    const body = (await res.json()) as { deliveries: { attempt: number; outcome: string; statusCode: number; nextRetryAt: string | null }[] };
    expect(body.deliveries.map((d) => [d.attempt, d.outcome, d.statusCode])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'delivered', 200],
    ]);
    expect(body.deliveries[0].nextRetryAt).not.toBeNull();
    expect(body.deliveries[2].nextRetryAt).toBeNull();
  });

  it('does not re-send to an endpoint that already accepted when another one fails', async () => {
    const s = await handoffShop();
    const good = await receiver();
    const flaky = await receiver();
    await registerEndpoint(s, good);
    await registerEndpoint(s, flaky, [503, 200]);
    const { eventId } = await ticketWithoutQueue(s);
    expect((await runAttempt(eventId, 1)).retryMessages).toHaveLength(1);
    expect((await runAttempt(eventId, 2)).explicitAcks).toHaveLength(1);
    expect((await good.received()).map((r) => r.answered)).toEqual([200]);
    expect((await flaky.received()).map((r) => r.answered)).toEqual([503, 200]);
    expect(await outboxStatus(eventId)).toBe('delivered');
  });

  it('honours Retry-After from the receiver', async () => {
    const s = await handoffShop();
    const rcv = await receiver();
    await registerEndpoint(s, rcv, [429]);
    await rcv.configure({ retryAfter: '600' });
    const { eventId } = await ticketWithoutQueue(s);
    expect((await runAttempt(eventId, 1)).retryMessages).toHaveLength(1);
    expect(await retryWaitSeconds(eventId, 1)).toBeCloseTo(600, -1);
  });

  it('dead-letters after the last attempt and shows it to the merchant', async () => {
    const s = await handoffShop();
    const rcv = await receiver();
    const endpoint = await registerEndpoint(s, rcv, [500]);
    const { ticket, eventId } = await ticketWithoutQueue(s);
    for (let attempt = 1; attempt <= MAX_RETRIES + 1; attempt++) expect((await runAttempt(eventId, attempt)).retryMessages).toHaveLength(1);
    expect(await rcv.received()).toHaveLength(MAX_RETRIES + 1);
    const last = await env.DB.prepare('SELECT next_retry_at FROM webhook_deliveries WHERE event_id = ? AND attempt = ?').bind(eventId, MAX_RETRIES + 1).first();
    expect(last).toEqual({ next_retry_at: null });

    // The queue moves the message to the dead-letter queue; its consumer marks the event dead.
    expect((await runAttempt(eventId, 1, TICKET_DEAD_LETTER_QUEUE)).explicitAcks).toHaveLength(1);
    expect(await outboxStatus(eventId)).toBe('dead');
    // A dead event is not delivered again, even if a stray message turns up.
    await runAttempt(eventId, 1);
    expect(await rcv.received()).toHaveLength(MAX_RETRIES + 1);

    const res = await api(`/v1/shops/${s.shopId}/deliveries?status=dead`, { headers: bearer(s.agentKey) });
    expect(res.status).toBe(200);
    const { deliveries } = (await res.json()) as { deliveries: { eventId: string; ticketId: string; endpointId: string; outcome: string; attempt: number }[] };
    expect(deliveries).toEqual([expect.objectContaining({ eventId, ticketId: ticket.id, endpointId: endpoint.id, outcome: 'dead', attempt: MAX_RETRIES + 1 })]);
    const failed = (await (await api(`/v1/shops/${s.shopId}/deliveries?status=failed`, { headers: bearer(s.agentKey) })).json()) as { deliveries: unknown[] };
    expect(failed.deliveries).toHaveLength(MAX_RETRIES + 1);
    // And the conversation's audit trail records it.
    const audit = (await (await api(`/v1/shops/${s.shopId}/conversations/${ticket.conversationId}/audit`, { headers: bearer(s.agentKey) })).json()) as { audit: { kind: string; outcome?: string }[] };
    expect(audit.audit.map((a) => a.kind)).toEqual(['handoff', 'delivery']);
    expect(audit.audit[1].outcome).toBe('dead');
  });

  it('disables an endpoint that answers 410 Gone and stops sending to it', async () => {
    const s = await handoffShop();
    const gone = await receiver();
    const endpoint = await registerEndpoint(s, gone, [410]);
    const { eventId } = await ticketWithoutQueue(s);
    const result = await runAttempt(eventId, 1);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);

    const list = (await (await api(`/v1/shops/${s.shopId}/webhook-endpoints`, { headers: bearer(s.adminKey) })).json()) as { endpoints: { id: string; disabledAt: string | null; disabledReason: string | null }[] };
    expect(list.endpoints).toEqual([expect.objectContaining({ id: endpoint.id, disabledReason: expect.stringContaining('410') })]);
    expect(list.endpoints[0].disabledAt).not.toBeNull();

    const next = await ticketWithoutQueue(s, 'discount');
    await runAttempt(next.eventId, 1);
    expect(await gone.received()).toHaveLength(1);
    expect(await outboxStatus(next.eventId)).toBe('skipped');

    // Re-enabling brings it back.
    const res = await api(`/v1/shops/${s.shopId}/webhook-endpoints/${endpoint.id}/enable`, { method: 'POST', headers: bearer(s.adminKey) });
    expect(((await res.json()) as { disabledAt: string | null }).disabledAt).toBeNull();
  });

  it('treats a redirect as a failure and never follows it', async () => {
    const s = await handoffShop();
    const target = await receiver();
    await target.configure({ secrets: [] });
    const redirecting = await receiver();
    await registerEndpoint(s, redirecting, [302]);
    await redirecting.configure({ secrets: undefined, location: target.url });
    const { eventId } = await ticketWithoutQueue(s);
    expect((await runAttempt(eventId, 1)).retryMessages).toHaveLength(1);
    expect(await redirecting.received()).toHaveLength(1);
    expect(await target.received()).toEqual([]);
    const row = await env.DB.prepare('SELECT outcome, status_code, error FROM webhook_deliveries WHERE event_id = ?').bind(eventId).first<{ outcome: string; status_code: number; error: string }>();
    expect(row).toMatchObject({ outcome: 'failed', status_code: 302 });
    expect(row!.error).toContain('not followed');
  });

  it('records a receiver that cannot be reached and retries it', async () => {
    const s = await handoffShop();
    const rcv = await receiver();
    const endpoint = await registerEndpoint(s, rcv);
    // Nothing listens on port 9 of this machine.
    await env.DB.prepare('UPDATE webhook_endpoints SET url = ? WHERE id = ?').bind('http://127.0.0.1:9/hook', endpoint.id).run();
    const { eventId } = await ticketWithoutQueue(s);
    expect((await runAttempt(eventId, 1)).retryMessages).toHaveLength(1);
    const row = await env.DB.prepare('SELECT outcome, status_code, error FROM webhook_deliveries WHERE event_id = ?').bind(eventId).first<{ outcome: string; status_code: number | null; error: string }>();
    expect(row).toMatchObject({ outcome: 'failed', status_code: null });
    expect(row!.error).toMatch(/network error/);
  });

  it('keeps the old secret valid during rotation until it is dropped', async () => {
    const s = await handoffShop();
    const rcv = await receiver();
    const endpoint = await registerEndpoint(s, rcv);
    const oldSecret = endpoint.secret;
    const rotated = await api(`/v1/shops/${s.shopId}/webhook-endpoints/${endpoint.id}/rotate-secret`, { method: 'POST', headers: bearer(s.adminKey) });
    const { secret: newSecret } = (await rotated.json()) as { secret: string };
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);

    // A receiver still on the old secret verifies; so does one already on the new secret.
    await rcv.configure({ secrets: [oldSecret] });
    const a = await ticketWithoutQueue(s, 'refund');
    await runAttempt(a.eventId, 1);
    await rcv.configure({ secrets: [newSecret] });
    const b = await ticketWithoutQueue(s, 'discount');
    await runAttempt(b.eventId, 1);
    expect((await rcv.received()).map((r) => [r.verified, r.signature!.split(' ').length])).toEqual([
      [true, 2],
      [true, 2],
    ]);

    // After dropping the old secret, only the new one signs.
    expect((await api(`/v1/shops/${s.shopId}/webhook-endpoints/${endpoint.id}/secrets/old`, { method: 'DELETE', headers: bearer(s.adminKey) })).status).toBe(200);
    await rcv.configure({ secrets: [oldSecret] });
    const c = await makeTurn(s.shop, { text: 'cancel please', envOverrides: { TICKET_EVENTS: brokenQueue } });
    const { ticket } = await createHandoffTicket(c.turn, { categories: ['cancellation'], requestedAction: 'Cancel', source: 'model', toldShopper: 'Passed on.', language: 'en' });
    const evt = await env.DB.prepare('SELECT id FROM outbox_events WHERE ticket_id = ?').bind(ticket.id).first<{ id: string }>();
    await runAttempt(evt!.id, 1);
    const last = (await rcv.received()).at(-1)!;
    expect(last.verified).toBe(false);
    expect(last.signature!.split(' ')).toHaveLength(1);
  });
});

describe('webhook endpoint URLs', () => {
  it('accepts https and local http in test mode, refuses other schemes', async () => {
    const s = await handoffShop();
    const post = (url: string) => api(`/v1/shops/${s.shopId}/webhook-endpoints`, json({ url }, bearer(s.adminKey)));
    const ok = await post('https://hooks.example.com/aisle');
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { secret: string }).secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect((await post('http://127.0.0.1:8787/hook')).status).toBe(201);
    for (const bad of ['http://hooks.example.com/aisle', 'ftp://hooks.example.com', 'not a url', 'https://user:pw@hooks.example.com/']) {
      const res = await post(bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    // The secret is shown once: the list has none.
    const list = await (await api(`/v1/shops/${s.shopId}/webhook-endpoints`, { headers: bearer(s.adminKey) })).text();
    expect(list).not.toContain('whsec_');
    expect(JSON.parse(list).endpoints).toHaveLength(2);
  });
});
