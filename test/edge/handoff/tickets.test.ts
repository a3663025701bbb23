import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { HandoffPart } from '../../../shared/chat';
import { OrderRecord } from '../../../shared/order';
import { Ticket, TicketWebhookPayload } from '../../../shared/ticket';
import { createHandOffTool } from '../../../edge/src/ai/tools/hand-off';
import { createHandoffTicket, handoffPart, handoffWording } from '../../../edge/src/handoff/tickets';
import { importOrders } from '../../../edge/src/orders/store';
import { brokenQueue, handoffShop, makeTurn } from './support';

const alice = { level: 'verified' as const, id: 'cust-alice', name: 'Alice Moreau', email: 'alice@example.com' };
const bob = { level: 'verified' as const, id: 'cust-bob', name: 'Bob Lindqvist', email: 'bob@example.org' };

const aliceOrder = {
  number: 'A-1042',
  status: 'fulfilled',
  stage: 'delivered' as const,
  items: [{ name: 'Ridge Trail Boot', quantity: 1, options: 'Size: 42' }],
};
const passage = {
  id: 'returns#2',
  documentId: 'returns',
  title: 'Returns policy',
  text: 'Unworn items can be returned within 30 days of delivery for a refund to the original payment method.',
};

const request = (toldShopper = handoffWording('refund', 'en')) => ({
  categories: ['refund' as const, 'damaged_or_wrong_item' as const],
  requestedAction: 'Refund for boots whose sole came off',
  source: 'policy_gate' as const,
  toldShopper,
  language: 'en',
});

async function seedOrders(shopId: string) {
  await importOrders(
    env.DB,
    shopId,
    {
      customers: [
        { id: alice.id, name: alice.name, email: alice.email },
        { id: bob.id, name: bob.name, email: bob.email, phone: '+46 70 555 0199' },
      ],
      orders: [
        OrderRecord.parse({ number: 'A-1042', customerId: alice.id, stage: 'delivered', status: 'fulfilled', placedAt: '2026-03-01T10:00:00Z', items: [{ name: 'Ridge Trail Boot', quantity: 1, options: { Size: '42' } }] }),
        OrderRecord.parse({ number: 'B-7788', customerId: bob.id, stage: 'shipped', status: 'in transit', placedAt: '2026-03-02T10:00:00Z', items: [{ name: 'Summit Down Parka', quantity: 2 }], shippingAddress: { line1: '12 Fjordgatan', city: 'Göteborg' } }),
      ],
    },
    false,
  );
}

describe('createHandoffTicket', () => {
  it('writes a schema-valid ticket from verified data, with its ticket.created event, before returning', async () => {
    const s = await handoffShop();
    const { turn } = await makeTurn(s.shop, {
      identity: alice,
      text: 'The sole came off my boots after two days, I want my money back',
      earlier: ['Hi, I bought boots last month', 'Order A-1042'],
      orders: [aliceOrder],
      passages: [passage],
    });
    const { ticket, created } = await createHandoffTicket(turn, request());
    expect(created).toBe(true);
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket).toMatchObject({
      shop: s.shopId,
      conversationId: turn.conversationId,
      status: 'open',
      category: 'refund',
      categories: ['refund', 'damaged_or_wrong_item'],
      customer: { level: 'verified', id: alice.id, name: alice.name, email: alice.email },
      orders: [{ number: 'A-1042', stage: 'delivered', items: [{ name: 'Ridge Trail Boot', quantity: 1 }] }],
      policyPassages: [{ documentId: 'returns', passageId: 'returns#2', title: 'Returns policy' }],
      latestMessage: 'The sole came off my boots after two days, I want my money back',
      toldShopper: handoffWording('refund', 'en'),
      source: 'policy_gate',
      priority: 'high',
      language: 'en',
    });
    // The summary states facts for the agent, not the shopper's lines joined together.
    const summary = ticket.summary.split('\n');
    expect(summary).toEqual(
      expect.arrayContaining([
        'Customer: Alice Moreau (verified customer)',
        'Order: A-1042, delivered (1 × Ridge Trail Boot, Size: 42)',
        'Request: refund: Refund for boots whose sole came off',
        `Told the shopper: ${handoffWording('refund', 'en')}`,
      ]),
    );
    expect(summary.find((l) => l.startsWith('Policy: '))).toContain('Returns policy');
    expect(summary.some((l) => l.startsWith('Shopper:'))).toBe(false);
    expect(ticket.suggestedReply).toContain('Alice Moreau');
    expect(ticket.suggestedReply).toContain('A-1042');

    // Stored, with exactly one pending outbox event carrying the same ticket as a valid webhook payload.
    const row = await env.DB.prepare('SELECT data FROM tickets WHERE shop_id = ? AND id = ?').bind(s.shopId, ticket.id).first<{ data: string }>();
    expect(JSON.parse(row!.data)).toEqual(ticket);
    const { results: events } = await env.DB.prepare('SELECT id, type, payload FROM outbox_events WHERE shop_id = ? AND ticket_id = ?').bind(s.shopId, ticket.id).all<{ id: string; type: string; payload: string }>();
    expect(events).toHaveLength(1);
    expect(events[0].id).toMatch(/^evt_/);
    expect(events[0].type).toBe('ticket.created');
    expect(TicketWebhookPayload.parse(JSON.parse(events[0].payload)).data).toEqual(ticket);
  });

  it('reads the verified customer’s only order when the turn read none, and nobody else’s', async () => {
    const s = await handoffShop();
    await seedOrders(s.shopId);
    const { turn } = await makeTurn(s.shop, { identity: alice, text: 'My parcel never arrived, please help' });
    const { ticket } = await createHandoffTicket(turn, { ...request(), categories: ['delivery_problem'] });
    expect(ticket.orders.map((o) => o.number)).toEqual(['A-1042']);
    expect(ticket.orders[0].items).toEqual([{ name: 'Ridge Trail Boot', quantity: 1, options: 'Size: 42' }]);
    const text = JSON.stringify(ticket);
    for (const foreign of ['B-7788', 'Bob', 'bob@example.org', 'Summit Down Parka', 'Fjordgatan', '0199', bob.id]) expect(text).not.toContain(foreign);
  });

  it('gives a guest ticket no customer details and no orders, and flags it as unverified', async () => {
    const s = await handoffShop();
    await seedOrders(s.shopId);
    // The shopper types someone else's order number and e-mail: none of it becomes verified data.
    const { turn } = await makeTurn(s.shop, { text: 'I am bob@example.org, cancel order B-7788 now' });
    const { ticket } = await createHandoffTicket(turn, { ...request(), categories: ['cancellation'], requestedAction: 'Cancel an order' });
    expect(ticket.customer).toEqual({ level: 'guest', id: null, name: null, email: null });
    expect(ticket.orders).toEqual([]);
    expect(ticket.riskFlags).toContain('unverified_customer');
    expect(ticket.suggestedReply).not.toContain('Bob');
    expect(ticket.suggestedReply).not.toContain('B-7788');
  });

  it('collapses a repeated request in the same conversation into the open ticket', async () => {
    const s = await handoffShop();
    const { turn } = await makeTurn(s.shop, { identity: alice, text: 'I want a refund' });
    const first = await createHandoffTicket(turn, request());
    const again = await makeTurn(s.shop, { identity: alice, text: 'Refund please, hello??', conversationId: turn.conversationId });
    const second = await createHandoffTicket(again.turn, request());
    expect(second.created).toBe(false);
    expect(second.ticket.id).toBe(first.ticket.id);

    // Concurrent duplicates also end as one ticket and one event.
    const other = await makeTurn(s.shop, { identity: alice, text: 'I want a refund' });
    const racing = await Promise.all([1, 2, 3].map(() => createHandoffTicket(other.turn, request())));
    expect(new Set(racing.map((r) => r.ticket.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);

    const counts = await env.DB.prepare('SELECT (SELECT COUNT(*) FROM tickets WHERE shop_id = ?1) AS tickets, (SELECT COUNT(*) FROM outbox_events WHERE shop_id = ?1) AS events')
      .bind(s.shopId)
      .first<{ tickets: number; events: number }>();
    expect(counts).toEqual({ tickets: 2, events: 2 });

    // A different primary category in the same conversation is a separate ticket.
    const discount = await createHandoffTicket(turn, { ...request(), categories: ['discount'] });
    expect(discount.created).toBe(true);
    expect(discount.ticket.id).not.toBe(first.ticket.id);
  });

  it('still stores the ticket and its event when the queue send fails', async () => {
    const s = await handoffShop();
    const { turn } = await makeTurn(s.shop, { identity: alice, text: 'Change my address please', envOverrides: { TICKET_EVENTS: brokenQueue } });
    const { ticket, created } = await createHandoffTicket(turn, { ...request(), categories: ['address_change'] });
    expect(created).toBe(true);
    const event = await env.DB.prepare('SELECT status, queued_at, last_error FROM outbox_events WHERE ticket_id = ?').bind(ticket.id).first();
    expect(event).toMatchObject({ status: 'pending', queued_at: null });
    expect(String(event!.last_error)).toContain('queue unavailable');
  });

  it('builds the handoff card with the reference and the shop’s expected reply time', async () => {
    const s = await handoffShop({ settings: { support: { timeZone: 'Europe/Paris', expectedReply: 'within 4 business hours' } } });
    const { turn } = await makeTurn(s.shop, { identity: alice, text: 'Quiero un reembolso', locale: 'es' });
    const { ticket } = await createHandoffTicket(turn, { ...request(handoffWording('refund', 'es')), language: 'es' });
    const part = HandoffPart.parse(handoffPart(ticket, s.shop, 'es'));
    expect(part).toMatchObject({ ticketId: ticket.id, category: 'refund', expectedReply: 'within 4 business hours' });
    expect(part.nextSteps).toContain(ticket.id);
    expect(ticket.suggestedReply).toMatch(/^Hola Alice Moreau/);
  });
});

describe('handoffWording', () => {
  it('is honest and promises no outcome, in every widget language', () => {
    expect(handoffWording('refund', 'en')).toBe("I've passed your refund request to our support team; a specialist will confirm what's possible.");
    expect(handoffWording('human_request', 'en')).toBe("I've passed your request to our support team; a specialist will confirm what's possible.");
    const promises = /(will be refunded|has been refunded|approved|guarantee|garantiz|reembolsado|remboursé|erstattet|genehmigt|I've refunded|cancelled your)/i;
    for (const locale of ['en', 'es', 'fr', 'de'] as const) {
      for (const category of ['refund', 'discount', 'cancellation', 'payment_problem', 'other'] as const) {
        const text = handoffWording(category, locale);
        expect(text, `${locale} ${category}`).not.toMatch(promises);
        expect(text.length).toBeGreaterThan(40);
      }
    }
    expect(handoffWording('refund', 'de')).toContain('Support-Team');
    expect(handoffWording('refund', 'fr')).toContain('service client');
    expect(handoffWording('refund', 'es')).toContain('equipo de atención');
  });
});

describe('handOff tool', () => {
  it('opens a model-sourced ticket, shows the handoff card and returns the sentence to say', async () => {
    const s = await handoffShop();
    const { turn, emitted } = await makeTurn(s.shop, { identity: alice, text: 'Can I get 20% off?', locale: 'fr', orders: [aliceOrder] });
    const tool = createHandOffTool(turn);
    const out = await tool.execute!({ category: 'discount', reason: 'Asks for a 20% discount' }, { toolCallId: 't1', messages: [] });
    expect(out).toMatchObject({ created: true, tellShopper: handoffWording('discount', 'fr'), expectedReply: 'within one business day' });
    const ticket = await env.DB.prepare('SELECT data FROM tickets WHERE id = ?').bind((out as { ticketId: string }).ticketId).first<{ data: string }>();
    expect(JSON.parse(ticket!.data)).toMatchObject({ source: 'model', category: 'discount', requestedAction: 'Asks for a 20% discount', customer: { id: alice.id }, language: 'fr' });
    expect(emitted).toEqual([{ type: 'data-handoff', data: expect.objectContaining({ ticketId: (out as { ticketId: string }).ticketId, category: 'discount' }) }]);
    expect(turn.evidence.toolCalls.map((c) => c.name)).toEqual(['handOff']);
  });

  it('rejects a category outside the list', async () => {
    const s = await handoffShop();
    const { turn } = await makeTurn(s.shop, { text: 'hi' });
    const schema = createHandOffTool(turn).inputSchema as unknown as { safeParse(v: unknown): { success: boolean } };
    expect(schema.safeParse({ category: 'free_money', reason: 'x' }).success).toBe(false);
    expect(schema.safeParse({ category: 'refund', reason: '' }).success).toBe(false);
  });
});
