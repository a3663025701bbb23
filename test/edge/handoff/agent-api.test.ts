import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HandoffPart } from '../../../shared/chat';
import { OrderRecord } from '../../../shared/order';
import { Ticket, TicketWebhookPayload } from '../../../shared/ticket';
import { importOrders } from '../../../edge/src/orders/store';
import { api, chat, dataOf, json, signCustomerToken } from '../helpers';
import { bearer, handoffShop, receiver, registerEndpoint, type HandoffShop, until } from './support';

/**
 * The agent's side of a handoff, starting from a real chat turn: the shopper's request becomes
 * a ticket that the agent API lists, shows with its transcript, audit trail and deliveries, and
 * updates; every shop sees only its own.
 */

let s: HandoffShop;
let other: HandoffShop;
let rcv: Awaited<ReturnType<typeof receiver>>;
let token: string;

beforeAll(async () => {
  s = await handoffShop();
  other = await handoffShop();
  rcv = await receiver();
  await registerEndpoint(s, rcv);
  await importOrders(
    env.DB,
    s.shopId,
    {
      customers: [{ id: 'cus_alice', name: 'Alice Moreau', email: 'alice@example.com' }, { id: 'cus_bob', name: 'Bob Lindqvist' }],
      orders: [
        OrderRecord.parse({ number: '1042', customerId: 'cus_alice', stage: 'delivered', status: 'fulfilled', placedAt: '2026-03-01T10:00:00Z', items: [{ name: 'Ridge Trail Boot', quantity: 1 }] }),
        OrderRecord.parse({ number: '2077', customerId: 'cus_bob', stage: 'shipped', placedAt: '2026-03-05T10:00:00Z', items: [{ name: 'Summit Down Parka', quantity: 1 }] }),
      ],
    },
    false,
  );
  token = await signCustomerToken(s, 'cus_alice', { claims: { name: 'Alice Moreau', email: 'alice@example.com' } });
});

async function send(text: string, conversationId: string, opts: { token?: string } = {}) {
  const r = await chat(s.shopId, { text, conversationId }, { token: opts.token });
  expect(r.res.status).toBe(200);
  return { parts: r.parts, text: r.text, handoff: dataOf<HandoffPart>(r.parts, 'handoff') };
}

const get = (shop: HandoffShop, path: string, key = shop.agentKey) => api(`/v1/shops/${shop.shopId}${path}`, { headers: bearer(key) });
const patch = (shop: HandoffShop, path: string, body: unknown, key = shop.agentKey) =>
  api(`/v1/shops/${shop.shopId}${path}`, { ...json(body, bearer(key)), method: 'PATCH' });


describe('from a chat turn to the agent', () => {
  const conversationId = crypto.randomUUID();
  let ticketId: string;

  it('turns a refund request into one ticket the agent can read, and delivers it', async () => {
    const turn = await send('The boots from my order 1042 fell apart after a week. I want a refund.', conversationId, { token });
    expect(turn.handoff).toHaveLength(1);
    ticketId = turn.handoff[0].ticketId;
    expect(ticketId).toMatch(/^tkt_/);
    expect(turn.handoff[0].nextSteps).toContain(ticketId);

    const list = (await (await get(s, '/tickets')).json()) as { tickets: Ticket[] };
    expect(list.tickets.map((t) => t.id)).toEqual([ticketId]);
    const ticket = Ticket.parse(list.tickets[0]);
    expect(ticket.customer).toEqual({ level: 'verified', id: 'cus_alice', name: 'Alice Moreau', email: 'alice@example.com' });
    expect(ticket.orders.map((o) => o.number)).toEqual(['1042']);
    expect(JSON.stringify(ticket)).not.toMatch(/2077|Bob|Parka/);
    expect(ticket.latestMessage).toContain('I want a refund');
    expect(turn.text).toContain(ticket.toldShopper);

    const detail = (await (await get(s, `/tickets/${ticketId}`)).json()) as { ticket: Ticket; transcript: { role: string }[]; audit: { kind: string }[] };
    expect(detail.ticket.id).toBe(ticketId);
    expect(detail.transcript.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(detail.audit.map((a) => a.kind)).toContain('handoff');

    const got = await until(rcv.received, (r) => r.length > 0);
    expect(got).toEqual([expect.objectContaining({ verified: true, type: 'ticket.created', ticketId })]);
  });

  it('does not open a second ticket when the shopper repeats the request', async () => {
    const again = await send('Hello?? I still want my refund for 1042', conversationId, { token });
    expect(again.handoff.map((h) => h.ticketId)).toEqual([ticketId]);
    const list = (await (await get(s, '/tickets')).json()) as { tickets: Ticket[] };
    expect(list.tickets).toHaveLength(1);
  });

  it('lets an agent take and update the ticket, with an audit record and a ticket.updated webhook', async () => {
    const res = await patch(s, `/tickets/${ticketId}`, { status: 'pending', assignee: 'maria@shop.example' });
    expect(res.status).toBe(200);
    const { ticket } = (await res.json()) as { ticket: Ticket };
    expect(ticket).toMatchObject({ id: ticketId, status: 'pending', assignee: 'maria@shop.example' });
    expect(Date.parse(ticket.updatedAt)).toBeGreaterThanOrEqual(Date.parse(ticket.createdAt));

    const shown = (await (await get(s, `/tickets/${ticketId}`)).json()) as { ticket: Ticket };
    expect(shown.ticket).toMatchObject({ status: 'pending', assignee: 'maria@shop.example' });

    const audit = (await (await get(s, `/conversations/${conversationId}/audit`)).json()) as { audit: { kind: string; action?: string; to?: unknown }[] };
    expect(audit.audit.find((a) => a.action === 'ticket.updated')).toMatchObject({ kind: 'admin', to: { status: 'pending', assignee: 'maria@shop.example' } });

    const got = await until(rcv.received, (r) => r.some((x) => x.type === 'ticket.updated'));
    expect(got.filter((x) => x.type === 'ticket.updated')).toEqual([expect.objectContaining({ verified: true, ticketId })]);
    const events = await env.DB.prepare("SELECT payload FROM outbox_events WHERE ticket_id = ? AND type = 'ticket.updated'").bind(ticketId).all<{ payload: string }>();
    expect(TicketWebhookPayload.parse(JSON.parse(events.results[0].payload)).data.status).toBe('pending');
  });

  it('filters the list by status, category and date, newest first', async () => {
    await send('I was charged twice for the same order, please help', crypto.randomUUID(), { token });
    const all = (await (await get(s, '/tickets')).json()) as { tickets: Ticket[] };
    expect(all.tickets).toHaveLength(2);
    expect(all.tickets[1].id).toBe(ticketId);
    expect(Date.parse(all.tickets[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(all.tickets[1].createdAt));

    const ids = async (query: string) => ((await (await get(s, `/tickets?${query}`)).json()) as { tickets: Ticket[] }).tickets.map((t) => t.id);
    expect(await ids('status=pending')).toEqual([ticketId]);
    expect(await ids('status=open')).toEqual([all.tickets[0].id]);
    expect(await ids('category=refund')).toEqual([ticketId]);
    expect(await ids('limit=1')).toEqual([all.tickets[0].id]);
    expect(await ids(`since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    for (const bad of ['status=closed', 'category=free_money', 'limit=0', 'since=yesterday']) {
      const res = await get(s, `/tickets?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });

  it('refuses invalid updates with the error shape', async () => {
    for (const body of [{ status: 'closed' }, {}, { assignee: '' }, { status: 'open', extra: true }]) {
      const res = await patch(s, `/tickets/${ticketId}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });

  it('opens a new ticket after the old one is resolved, and will not reopen the old one on top of it', async () => {
    expect((await patch(s, `/tickets/${ticketId}`, { status: 'resolved' })).status).toBe(200);
    const again = await send('The boots from my order 1042 fell apart after a week. I want a refund.', conversationId, { token });
    expect(again.handoff).toHaveLength(1);
    expect(again.handoff[0].category).toBe('refund');
    expect(again.handoff[0].ticketId).not.toBe(ticketId);
    const reopen = await patch(s, `/tickets/${ticketId}`, { status: 'open' });
    expect(reopen.status).toBe(409);
    expect(((await reopen.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });
});

describe('shop isolation and keys', () => {
  it('needs the shop’s agent or admin key', async () => {
    const [first] = ((await (await get(s, '/tickets')).json()) as { tickets: Ticket[] }).tickets;
    expect((await api(`/v1/shops/${s.shopId}/tickets`)).status).toBe(401);
    expect((await get(s, '/tickets', s.adminKey)).status).toBe(200);
    expect((await get(s, '/tickets', other.agentKey)).status).toBe(401);
    expect((await get(s, '/tickets', other.adminKey)).status).toBe(401);
    expect((await get(s, `/tickets/${first.id}`, other.agentKey)).status).toBe(401);
    expect((await get(s, '/deliveries', other.agentKey)).status).toBe(401);
    expect((await get(s, '/tickets', token)).status).toBe(401);
    const body = (await (await get(s, '/tickets', other.agentKey)).json()) as { error: { code: string } };
    expect(body.error.code).toBe('unauthorized');
  });

  it('treats another shop’s tickets and conversations as missing', async () => {
    const [first] = ((await (await get(s, '/tickets')).json()) as { tickets: Ticket[] }).tickets;
    expect(((await (await get(other, '/tickets')).json()) as { tickets: Ticket[] }).tickets).toEqual([]);
    expect((await get(other, `/tickets/${first.id}`)).status).toBe(404);
    const res = await patch(other, `/tickets/${first.id}`, { status: 'resolved' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await get(other, `/conversations/${first.conversationId}/audit`)).status).toBe(404);
    expect(((await (await get(other, '/deliveries')).json()) as { deliveries: unknown[] }).deliveries).toEqual([]);
    // Unchanged by the other shop's attempt.
    expect(((await (await get(s, `/tickets/${first.id}`)).json()) as { ticket: Ticket }).ticket.status).toBe(first.status);
  });

  it('keeps webhook endpoints admin-only and per shop', async () => {
    const endpoints = (await (await get(s, '/webhook-endpoints', s.adminKey)).json()) as { endpoints: { id: string }[] };
    const id = endpoints.endpoints[0].id;
    expect((await get(s, '/webhook-endpoints', s.agentKey)).status).toBe(401);
    expect((await api(`/v1/shops/${s.shopId}/webhook-endpoints`, json({ url: 'https://evil.example/hook' }, bearer(s.agentKey)))).status).toBe(401);
    expect((await api(`/v1/shops/${other.shopId}/webhook-endpoints/${id}/rotate-secret`, { method: 'POST', headers: bearer(other.adminKey) })).status).toBe(404);
    expect((await api(`/v1/shops/${other.shopId}/webhook-endpoints/${id}`, { method: 'DELETE', headers: bearer(other.adminKey) })).status).toBe(404);
    expect(((await (await get(other, '/webhook-endpoints', other.adminKey)).json()) as { endpoints: unknown[] }).endpoints).toEqual([]);
    // The owner can delete it.
    expect((await api(`/v1/shops/${s.shopId}/webhook-endpoints/${id}`, { method: 'DELETE', headers: bearer(s.adminKey) })).status).toBe(204);
    expect(((await (await get(s, '/webhook-endpoints', s.adminKey)).json()) as { endpoints: unknown[] }).endpoints).toEqual([]);
  });
});
