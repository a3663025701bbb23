import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { sweepOutbox } from '../../../edge/src/handoff/outbox';
import { createShop, dataOf } from '../helpers';
import { brokenQueue, outboxStatus, receiver, registerEndpoint, until } from '../handoff/support';
import { chatWith } from './support';

/** The queue refuses sends while shoppers ask for people: tickets are stored and told, then delivered once. */
it('a failing queue send loses no ticket: announced, kept in the outbox, re-sent by the sweep and delivered exactly once', async () => {
  const s = await createShop();
  const rcv = await receiver();
  await registerEndpoint(s, rcv);
  const asks = ['I want a refund for my order', 'My parcel arrived damaged', 'Please cancel my order'];
  const tickets: string[] = [];
  for (const text of asks) {
    const r = await chatWith({ TICKET_EVENTS: brokenQueue }, s.shopId, crypto.randomUUID(), text);
    expect(r.res.status).toBe(200);
    // The ticket is stored before it is announced, whatever the queue does.
    const [part] = dataOf<{ ticketId: string }>(r.parts, 'handoff');
    expect(await env.DB.prepare('SELECT 1 AS ok FROM tickets WHERE id = ?').bind(part.ticketId).first()).toEqual({ ok: 1 });
    tickets.push(part.ticketId);
  }
  const events = (await env.DB.prepare('SELECT id, ticket_id, queued_at, last_error FROM outbox_events WHERE shop_id = ?').bind(s.shopId).all<{ id: string; ticket_id: string; queued_at: string | null; last_error: string }>()).results;
  expect(events.map((e) => e.ticket_id).sort()).toEqual([...tickets].sort());
  expect(events.every((e) => e.queued_at === null && /queue send/.test(e.last_error))).toBe(true);
  expect(await rcv.received()).toEqual([]);

  // The queue is back; the cron sweep re-sends what never reached it.
  expect(await sweepOutbox(env, { now: Date.now() + 90_000 })).toEqual({ requeued: 3, failed: 0 });
  const got = await until(rcv.received, (r) => r.length >= 3);
  expect(got.map((g) => g.ticketId).sort()).toEqual([...tickets].sort());
  for (const e of events) expect(await until(() => outboxStatus(e.id), (st) => st === 'delivered')).toBe('delivered');
  expect(await sweepOutbox(env, { now: Date.now() + 90_000 })).toEqual({ requeued: 0, failed: 0 });
  await new Promise((r) => setTimeout(r, 1000));
  expect(await rcv.received()).toHaveLength(3);
}, 30_000);
