import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { HandoffPart, REFERENCE_PATTERN } from '../../../shared/chat';
import { TICKET_SCHEMA_VERSION, Ticket, normalizeReference } from '../../../shared/ticket';
import { api, chat, createShop, dataOf, json } from '../helpers';

const agent = (key: string) => ({ authorization: `Bearer ${key}` });

describe('chat contract v1.1: page context', () => {
  it('accepts a page context and still answers', async () => {
    const shop = await createShop();
    const r = await chat(shop.shopId, {
      text: 'hello',
      extra: { context: { page: { url: 'https://shop.example/p/boot' }, product: { id: 'p1' }, variant: { id: 'v1' }, cart: { lines: [{ productId: 'p1', variantId: 'v1', quantity: 2 }] } } },
    });
    expect(r.res.status).toBe(200);
    expect(r.text.length).toBeGreaterThan(0);
  });

  it('refuses unknown keys and bad values in the context with 400 and the zod issues, storing nothing', async () => {
    const shop = await createShop();
    for (const context of [{ page: { url: 'https://shop.example', price: 1 } }, { cart: { lines: [{ productId: 'p1', quantity: 0 }] } }, { secretPrompt: 'x' }]) {
      const conversationId = crypto.randomUUID();
      const res = await api(`/v1/shops/${shop.shopId}/chat`, json({ conversationId, message: { text: 'hi' }, context }));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; issues: { path: unknown[] }[] } };
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.issues[0].path[0]).toBe('context');
      expect(await env.DB.prepare('SELECT 1 FROM conversations WHERE id = ?').bind(conversationId).first()).toBeNull();
    }
  });
});

describe('handoff v1.1: a short reference and the order concerned', () => {
  it('gives every ticket a unique, unambiguous reference the agent can search for however it is typed', async () => {
    const shop = await createShop();
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await chat(shop.shopId, { text: 'I want a refund please' });
      const [part] = dataOf<HandoffPart>(r.parts, 'handoff');
      expect(HandoffPart.parse(part).reference).toMatch(REFERENCE_PATTERN);
      expect(part.reference).not.toMatch(/[ILOU]/);
      refs.push(part.reference!);
    }
    expect(new Set(refs).size).toBe(3);

    // Lower case, no dash, O for 0 and l for 1: the same ticket.
    const typed = refs[1].toLowerCase().replace('-', '').replace(/0/g, 'o').replace(/1/g, 'l');
    const found = await api(`/v1/shops/${shop.shopId}/tickets?reference=${encodeURIComponent(typed)}`, { headers: agent(shop.agentKey) });
    const { tickets } = (await found.json()) as { tickets: Ticket[] };
    expect(tickets.map((t) => t.reference)).toEqual([refs[1]]);
    expect(Ticket.parse(tickets[0]).schemaVersion).toBe(TICKET_SCHEMA_VERSION);
    // Another shop's agent key does not find it.
    const other = await createShop();
    const elsewhere = await api(`/v1/shops/${other.shopId}/tickets?reference=${refs[1]}`, { headers: agent(other.agentKey) });
    expect(((await elsewhere.json()) as { tickets: unknown[] }).tickets).toEqual([]);
  });

  it('upgrades a ticket stored under the first schema when it is read (migration 0006 gave it a reference)', async () => {
    const shop = await createShop();
    const r = await chat(shop.shopId, { text: 'I want a refund please' });
    const [part] = dataOf<HandoffPart>(r.parts, 'handoff');
    // Rewrite the stored JSON as a 2026-11-01 ticket would have been written.
    const row = (await env.DB.prepare('SELECT data FROM tickets WHERE id = ?').bind(part.ticketId).first<{ data: string }>())!;
    const { reference, order, details, ...v1 } = JSON.parse(row.data) as Ticket;
    expect({ reference, order, details }).toMatchObject({ reference: part.reference, order: null, details: [] });
    await env.DB.prepare('UPDATE tickets SET data = ?, reference = ? WHERE id = ?').bind(JSON.stringify({ ...v1, schemaVersion: '2026-11-01' }), 'ABCD-0123', part.ticketId).run();
    const res = await api(`/v1/shops/${shop.shopId}/tickets/${part.ticketId}`, { headers: agent(shop.agentKey) });
    const { ticket } = (await res.json()) as { ticket: Ticket };
    expect(Ticket.parse(ticket)).toMatchObject({ schemaVersion: TICKET_SCHEMA_VERSION, reference: 'ABCD-0123', order: null, details: [] });
    // An agent's update writes the upgraded ticket.
    const patched = await api(`/v1/shops/${shop.shopId}/tickets/${part.ticketId}`, { ...json({ status: 'pending' }, agent(shop.agentKey)), method: 'PATCH' });
    expect(patched.status).toBe(200);
  });

  it('normalizes references and rejects what cannot be one', () => {
    expect(normalizeReference(' abcd 0123 ')).toBe('ABCD-0123');
    expect(normalizeReference('ABCD-OI23')).toBe('ABCD-0123');
    expect(normalizeReference('ABCU-0123')).toBeNull();
    expect(normalizeReference('ABC-0123')).toBeNull();
  });
});

describe('webhook endpoints v1.1: event types are opt-in per endpoint', () => {
  it('defaults to both ticket events, accepts message.created and csat.submitted, and refuses unknown types', async () => {
    const shop = await createShop();
    const admin = agent(shop.adminKey);
    const plain = await api(`/v1/shops/${shop.shopId}/webhook-endpoints`, json({ url: 'http://127.0.0.1:9/a' }, admin));
    expect(((await plain.json()) as { events: string[] }).events).toEqual(['ticket.created', 'ticket.updated']);
    const chosen = await api(`/v1/shops/${shop.shopId}/webhook-endpoints`, json({ url: 'http://127.0.0.1:9/b', events: ['ticket.*', 'message.created', 'csat.submitted'] }, admin));
    expect(chosen.status).toBe(201);
    expect(((await chosen.json()) as { events: string[] }).events).toEqual(['ticket.*', 'message.created', 'csat.submitted']);
    const bad = await api(`/v1/shops/${shop.shopId}/webhook-endpoints`, json({ url: 'http://127.0.0.1:9/c', events: ['order.paid'] }, admin));
    expect(bad.status).toBe(400);
  });
});
