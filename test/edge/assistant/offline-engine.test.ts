import { beforeAll, describe, expect, it } from 'vitest';
import { api, chat, dataOf, seedDemoShop, signCustomerToken, type TestShop } from '../helpers';

/** No API key: the deterministic engine answers the demo shop from the same tools. */
let shop: TestShop;
beforeAll(async () => {
  shop = await seedDemoShop();
});

type Cards = { products: { title: string; url?: string; variant?: { options: Record<string, string>; availability: string } }[] };

describe('offline engine on the demo shop', () => {
  it('answers a product question with cards for products that exist, showing the variant asked for', async () => {
    const r = await chat(shop.shopId, { text: 'Do you have the Stormline jacket in blue, size M?' });
    const cards = dataOf<Cards>(r.parts, 'products').flatMap((p) => p.products);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0].title).toMatch(/Stormline/);
    expect(cards[0].url).toMatch(/\/products\//);
    const variant = cards.find((c) => c.variant)?.variant;
    expect(variant?.options).toMatchObject({ Size: 'M' });
    expect(JSON.stringify(variant?.options)).toMatch(/Blue/);
    expect(r.text).toMatch(/Stormline/);
  });

  it('says honestly when the shop does not sell something, with no cards', async () => {
    const r = await chat(shop.shopId, { text: 'Do you sell electric kayaks?' });
    expect(dataOf<Cards>(r.parts, 'products').flatMap((p) => p.products)).toEqual([]);
    expect(r.text).toMatch(/couldn't find/i);
    expect(dataOf(r.parts, 'handoff')).toEqual([]);
  });

  it("answers a detail question from the product's own description or attributes", async () => {
    const r = await chat(shop.shopId, { text: 'How heavy is the Sparrow 2 tent?' });
    expect(r.text).toMatch(/1,650 g/);
    const material = await chat(shop.shopId, { text: 'What is the Stormline jacket made of?' });
    expect(material.text).toMatch(/Material: .*polyamide/i);
  });

  it('does not offer products that merely mention what was asked for', async () => {
    // "ski" appears in some descriptions, but the shop sells no skis.
    const r = await chat(shop.shopId, { text: 'Do you sell skis?' });
    expect(dataOf<Cards>(r.parts, 'products').flatMap((p) => p.products)).toEqual([]);
  });

  it('quotes the sentence or table row that answers, not the start of the policy', async () => {
    const r = await chat(shop.shopId, { text: 'Do you ship to Switzerland?' });
    expect(r.text).toMatch(/Switzerland[^”]*€\d/);
    const de = await chat(shop.shopId, { text: 'Was kostet der Versand nach Österreich?', locale: 'de' });
    expect(de.text).toMatch(/Austria[^”]*€\d/);
  });

  it('answers a policy question with a quoted, linked passage and does not hand off', async () => {
    // Links resolve against the storefront the shopper is on, and only https links are kept.
    const storefront = 'https://store.example';
    const admin = { authorization: `Bearer ${shop.adminKey}`, 'content-type': 'application/json' };
    expect((await api(`/v1/shops/${shop.shopId}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ allowedOrigins: [storefront] }) })).status).toBe(200);
    for (const text of ['How long do returns take?', 'What is your refund policy?']) {
      const r = await chat(shop.shopId, { text }, { origin: storefront });
      expect(dataOf(r.parts, 'handoff')).toEqual([]);
      const citations = dataOf<{ citations: { title: string; url?: string }[] }>(r.parts, 'citations').flatMap((c) => c.citations);
      expect(citations.length).toBeGreaterThan(0);
      expect(r.text).toContain('“');
      expect(r.text).toMatch(/\]\(https:\/\/store\.example\/policies\//);
    }
  });

  it('answers in the shopper language', async () => {
    const r = await chat(shop.shopId, { text: '¿Cuánto tarda el envío a Alemania?', locale: 'es' });
    expect(r.text).toMatch(/política|De nuestra/i);
  });

  it('replies in the language the shopper writes in, even on a page in another language', async () => {
    const r = await chat(shop.shopId, { text: 'Quels sont les délais de livraison pour la France ?', locale: 'en' });
    expect(r.text).toMatch(/Extrait de notre page/);
    const short = await chat(shop.shopId, { text: 'hi', locale: 'de' });
    expect(short.text).toMatch(/Hallo/);
  });

  it('replies to Italian and Portuguese shoppers in their language, on a page in English or in theirs', async () => {
    const it = await chat(shop.shopId, { text: 'Quanto costa la spedizione in Austria?', locale: 'en' });
    expect(it.text).toMatch(/Dalla nostra pagina/);
    const pt = await chat(shop.shopId, { text: 'Quanto custa o envio para a Áustria?', locale: 'en-GB' });
    expect(pt.text).toMatch(/Da nossa página/);
    // Too short to tell the language: the page's language decides, now that it and pt are reply languages.
    expect((await chat(shop.shopId, { text: 'hi', locale: 'it-IT' })).text).toMatch(/^Ciao!/);
    expect((await chat(shop.shopId, { text: 'hi', locale: 'pt' })).text).toMatch(/^Olá!/);
  });

  it('hands off Italian and Portuguese requests with the handoff sentence of their pack', async () => {
    const it = await chat(shop.shopId, { text: 'Vorrei annullare il mio ordine, per favore', locale: 'en' });
    expect(dataOf(it.parts, 'handoff')).toHaveLength(1);
    expect(it.text).toMatch(/Ho passato la tua richiesta \(annullamento\)/);
    const pt = await chat(shop.shopId, { text: 'Quero devolver as botas que comprei, chegaram estragadas', locale: 'en' });
    expect(dataOf(pt.parts, 'handoff')).toHaveLength(1);
    expect(pt.text).toMatch(/Passei a sua solicitação/);
    expect(pt.text).not.toMatch(/I've passed/);
  });

  it('gives an honest "I am not sure" with a path to a person when nothing matches', async () => {
    const r = await chat(shop.shopId, { text: 'Qwzx vlorp trantle?' });
    expect(r.text).toMatch(/not sure|person/i);
    const suggestions = dataOf<{ suggestions: string[] }>(r.parts, 'suggestions').flatMap((s) => s.suggestions);
    expect(suggestions).toContain('Talk to a person');
  });

  it("shows the verified customer's own order; a guest is asked to sign in and gets no order data", async () => {
    const token = await signCustomerToken(shop, 'cus_1001');
    const mine = await chat(shop.shopId, { text: 'Where is my order?' }, { token });
    const orders = dataOf<{ number: string; trackingMasked?: string }>(mine.parts, 'order');
    expect(orders.map((o) => o.number)).toContain('NW-10231');
    expect(orders.find((o) => o.number === 'NW-10231')?.trackingMasked).toMatch(/^•+\w{4}$/);

    const guest = await chat(shop.shopId, { text: 'Where is my order NW-10231?' });
    expect(dataOf(guest.parts, 'order')).toEqual([]);
    expect(dataOf<{ code: string }>(guest.parts, 'notice').map((n) => n.code)).toContain('sign_in_required');
    expect(guest.text).toMatch(/sign in/i);
  });

  it('hands a refund to a person with a ticket the agent API shows', async () => {
    const token = await signCustomerToken(shop, 'cus_1001');
    const r = await chat(shop.shopId, { text: 'I want a refund for my Ridge 30 backpack' }, { token });
    const [handoff] = dataOf<{ ticketId: string; expectedReply: string }>(r.parts, 'handoff');
    expect(handoff.ticketId).toMatch(/^tkt_/);
    expect(r.text).toMatch(/specialist/i);
    expect(r.text).not.toMatch(/\brefunded\b|will refund/i);
    const res = await api(`/v1/shops/${shop.shopId}/tickets/${handoff.ticketId}`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ticket: { category: string; customer: { id: string } } };
    expect(body.ticket.category).toBe('refund');
    expect(body.ticket.customer.id).toBe('cus_1001');
  });

  it('answers the safe part of a mixed request and hands off the rest', async () => {
    const token = await signCustomerToken(shop, 'cus_1002');
    const r = await chat(shop.shopId, { text: 'Where is my order, and can I still change the size to L?' }, { token });
    expect(dataOf<{ number: string }>(r.parts, 'order').map((o) => o.number)).toContain('NW-10240');
    const [handoff] = dataOf<{ category: string }>(r.parts, 'handoff');
    expect(handoff.category).toBe('order_change');
  });

  it('does not keep negotiating a request already handed off', async () => {
    const first = await chat(shop.shopId, { text: 'Please cancel my order, I changed my mind' });
    const again = await chat(shop.shopId, { conversationId: first.conversationId, text: 'Cancel it now please, I really want it cancelled' });
    const a = dataOf<{ ticketId: string }>(first.parts, 'handoff')[0].ticketId;
    const b = dataOf<{ ticketId: string }>(again.parts, 'handoff')[0].ticketId;
    expect(b).toBe(a);
    expect(again.text).toMatch(/already with our support team/i);
  });

  it('hands off in Spanish, French and German too', async () => {
    for (const [text, locale] of [
      ['Quiero un reembolso de mi pedido', 'es'],
      ['Mon colis est arrivé endommagé', 'fr'],
      ['Ich möchte meine Bestellung stornieren', 'de'],
    ]) {
      const r = await chat(shop.shopId, { text, locale });
      expect(dataOf(r.parts, 'handoff').length, text).toBe(1);
    }
  });
});
