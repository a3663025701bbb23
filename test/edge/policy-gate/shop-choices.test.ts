import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../shared/ticket';
import { api, chat, createShop, dataOf, type TestShop } from '../helpers';
import { call, expectError } from '../shops/support';

/**
 * A request a shop may choose to send to a person (settings.routeToPerson, v1.3), through the real
 * Worker: closing the shopper's account opens an `other` ticket only in a shop that chose it; a
 * shop that has not chosen answers it, and asking how it is done is answered in both.
 */

const policies = [{ id: 'account', title: 'Your account', body: 'You can delete your customer account at any time under Settings, Privacy, Delete account. Orders stay on record for tax purposes.' }];

async function shop(accountClosing?: boolean): Promise<TestShop> {
  const s = await createShop();
  const put = await api(`/v1/shops/${s.shopId}/policies`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` }, body: JSON.stringify({ policies }) });
  expect(put.status).toBeLessThan(300);
  if (accountClosing !== undefined) {
    const res = await call('PATCH', `/v1/shops/${s.shopId}`, s.adminKey, { settings: { routeToPerson: { accountClosing } } });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  return s;
}

async function tickets(s: TestShop, conversationId: string): Promise<Ticket[]> {
  const res = await api(`/v1/shops/${s.shopId}/tickets?limit=50`, { headers: { authorization: `Bearer ${s.agentKey}` } });
  return ((await res.json()) as { tickets: Ticket[] }).tickets.filter((t) => t.conversationId === conversationId);
}

const requests = ['please close my account', 'Bitte löscht mein Kundenkonto', 'je veux fermer mon compte client', 'quiero que borréis mi cuenta', 'vorrei chiudere il mio account', 'quero encerrar a minha conta'];

describe('routeToPerson.accountClosing', () => {
  it('a shop that chose it hands account closing to a person in every language, as an `other` ticket, never a cancellation', async () => {
    const s = await shop(true);
    for (const text of requests) {
      const r = await chat(s.shopId, { text });
      expect(r.res.status).toBe(200);
      expect(dataOf(r.parts, 'handoff'), text).toHaveLength(1);
      const stored = await tickets(s, r.conversationId);
      expect(stored.map((t) => t.category), text).toEqual(['other']);
    }
  });

  it('a shop that has not chosen it (the default) opens no ticket for the same requests', async () => {
    const s = await shop();
    for (const text of requests) {
      const r = await chat(s.shopId, { text });
      expect(r.res.status).toBe(200);
      expect(dataOf(r.parts, 'handoff'), text).toEqual([]);
      expect(await tickets(s, r.conversationId), text).toEqual([]);
    }
  });

  it('asking how it is done is answered from the policies even where closing goes to a person', async () => {
    const s = await shop(true);
    const r = await chat(s.shopId, { text: 'how do I delete my account?' });
    expect(dataOf(r.parts, 'handoff')).toEqual([]);
    expect(r.text).toContain('Settings, Privacy, Delete account');
    expect(await tickets(s, r.conversationId)).toEqual([]);
  });

  it('rejects a setting it does not know with the field named, and writes nothing', async () => {
    const s = await shop();
    const body = await expectError(await call('PATCH', `/v1/shops/${s.shopId}`, s.adminKey, { settings: { routeToPerson: { accountClosing: 'yes', newsletter: true } } }), 400, 'invalid_request');
    expect(body.error.issues!.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['settings.routeToPerson.accountClosing']));
    const after = await call('GET', `/v1/shops/${s.shopId}`, s.adminKey);
    expect(((await after.json()) as { shop: { settings: { routeToPerson: { accountClosing: boolean } } } }).shop.settings.routeToPerson).toEqual({ accountClosing: false });
  });
});
