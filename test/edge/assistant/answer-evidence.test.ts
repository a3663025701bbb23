import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, chat, dataOf, json, seedDemoShop, type StreamPart, type TestShop } from '../helpers';

/**
 * The offline engine's answerers read the shop's data through the domain queries, and the audit
 * records what the shopper was actually sent: the products on the cards, the passages cited, and a
 * call record only for a query whose result was sent. Before, the engine called the model's tools
 * to look around (a probe search, the product behind "it", a second search without the price
 * bound), and the audit listed cards and passages the shopper never saw.
 */
let shop: TestShop;
beforeAll(async () => {
  shop = await seedDemoShop();
});

interface TurnAudit {
  productIds: string[];
  policyPassages: { passageId: string }[];
  toolCalls: { name: string; summary?: { products?: number; passages?: string[] } }[];
  plan: { steps: string[] };
}

async function auditOf(conversationId: string): Promise<TurnAudit> {
  const row = await env.DB.prepare("SELECT data FROM audit_events WHERE conversation_id = ? AND kind = 'turn' ORDER BY created_at DESC, rowid DESC LIMIT 1")
    .bind(conversationId)
    .first<{ data: string }>();
  return JSON.parse(row!.data) as TurnAudit;
}

const shownProducts = (parts: StreamPart[]) => new Set(dataOf<{ products: { id: string }[] }>(parts, 'products').flatMap((d) => d.products.map((p) => p.id)));
const citedPassages = (parts: StreamPart[]) => new Set(dataOf<{ citations: { passageId: string }[] }>(parts, 'citations').flatMap((d) => d.citations.map((c) => c.passageId)));

/** Every product and passage in the audit was on a card the shopper got, and every query recorded found something that was sent. */
async function expectAuditMatchesReply(r: { conversationId: string; parts: StreamPart[] }) {
  const audit = await auditOf(r.conversationId);
  const products = shownProducts(r.parts);
  const passages = citedPassages(r.parts);
  expect(new Set(audit.productIds)).toEqual(products);
  expect(new Set(audit.policyPassages.map((p) => p.passageId))).toEqual(passages);
  for (const call of audit.toolCalls) {
    if (call.name === 'searchCatalog' && (call.summary?.products ?? 0) > 0) expect(products.size).toBeGreaterThan(0);
    if (call.name === 'searchPolicies') expect(passages.size).toBeGreaterThan(0);
  }
  return audit;
}

describe('audit evidence is what was sent', () => {
  it('a search with a price bound nothing meets: the unbounded search shown, the bounded one not recorded twice', async () => {
    const r = await chat(shop.shopId, { text: 'do you have a down sleeping bag under 5 euros?' });
    expect(shownProducts(r.parts).size).toBeGreaterThan(0);
    const audit = await expectAuditMatchesReply(r);
    expect(audit.toolCalls.filter((c) => c.name === 'searchCatalog' && (c.summary?.products ?? 0) > 0)).toHaveLength(1);
  });

  it('"anything cheaper?" reads the product shown for its kind without listing it as evidence', async () => {
    const first = await chat(shop.shopId, { text: 'show me the Tundra Down Jacket' });
    const shown = [...shownProducts(first.parts)];
    expect(shown.length).toBeGreaterThan(0);
    const cheaper = await chat(shop.shopId, { conversationId: first.conversationId, text: 'anything cheaper?' });
    const audit = await expectAuditMatchesReply(cheaper);
    expect(audit.toolCalls.map((c) => c.name)).not.toContain('getProduct');
    expect(audit.productIds).not.toContain(shown[0]);
  });

  it('a question that names a policy topic but finds no product the shopper named: no product in the audit', async () => {
    const r = await chat(shop.shopId, { text: 'do you have a shop in Berlin where I can call you?' });
    expect(shownProducts(r.parts).size).toBe(0);
    const audit = await expectAuditMatchesReply(r);
    expect(audit.productIds).toEqual([]);
  });

  it('a policy answer cites only the policy it quotes', async () => {
    const r = await chat(shop.shopId, { text: 'how long do I have to return something?' });
    expect(citedPassages(r.parts).size).toBeGreaterThan(0);
    const audit = await expectAuditMatchesReply(r);
    expect(audit.plan.steps[0]).toBe('policy_question');
  });

  it('a product question answers from its facts; the product read for them is on the card', async () => {
    const r = await chat(shop.shopId, { text: 'how heavy is the Sparrow 1 Ultralight Tent?' });
    await expectAuditMatchesReply(r);
  });
});

describe('replies', () => {
  it('do not echo the search string and do not list what the cards show', async () => {
    const r = await chat(shop.shopId, { text: 'I am looking for merino hiking socks' });
    const cards = dataOf<{ products: { title: string; price: number }[] }>(r.parts, 'products').flatMap((d) => d.products);
    expect(cards.length).toBeGreaterThan(0);
    expect(r.text.toLowerCase()).not.toContain('merino hiking socks”');
    expect(r.text).not.toContain('“');
    for (const c of cards) expect(r.text).not.toContain(`**${c.title}**:`);
  });

  it('a question whose topic no policy covers says so and offers a person, quoting nothing', async () => {
    const other = await seedDemoShop();
    // A shop whose only policy is about returns: a payment question must not get a return passage.
    const put = await api(`/v1/shops/${other.shopId}/policies`, {
      ...json({ policies: [{ id: 'returns', title: 'Returns', body: 'You can return items within 30 days. Print the return label from your account and drop the parcel at any post office.' }] }, { authorization: `Bearer ${other.adminKey}` }),
      method: 'PUT',
    });
    expect(put.status).toBe(200);
    const r = await chat(other.shopId, { text: 'which payment methods do you accept?' });
    expect(citedPassages(r.parts).size).toBe(0);
    expect(r.text).not.toContain('return label');
    expect(r.text).toContain('person');
    await expectAuditMatchesReply(r);
  });
});
