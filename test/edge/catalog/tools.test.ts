import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import aisle from '../../fixtures/catalog/aisle.json';
import policies from '../../fixtures/catalog/policies.json';
import { newEvidence, type DataPartOut, type Turn } from '../../../edge/src/turn/context';
import { createGetProductTool } from '../../../edge/src/ai/tools/get-product';
import { createSearchCatalogTool } from '../../../edge/src/ai/tools/search-catalog';
import { createSearchPoliciesTool } from '../../../edge/src/ai/tools/search-policies';
import { getShop } from '../../../edge/src/shops/store';
import { api, type TestShop } from '../helpers';
import { auth, shopWithCatalog } from './helpers';

let shop: TestShop;
beforeAll(async () => {
  shop = await shopWithCatalog(aisle.products);
  const res = await api(`/v1/shops/${shop.shopId}/policies`, { method: 'PUT', headers: auth(shop.adminKey), body: JSON.stringify(policies) });
  if (res.status !== 200) throw new Error(await res.text());
});

async function newTurn(text = 'test') {
  const parts: DataPartOut[] = [];
  const turn: Turn = {
    env,
    db: env.DB,
    shop: (await getShop(env.DB, shop.shopId))!,
    identity: { level: 'guest' },
    conversationId: crypto.randomUUID(),
    turnId: 'turn_test',
    text,
    locale: 'en',
    history: [],
    signal: new AbortController().signal,
    evidence: newEvidence(),
    emit: (p) => parts.push(p),
    publicOrigin: 'https://tidecraft.example',
  };
  return { turn, parts };
}

const call = { toolCallId: 'call_1', messages: [] };

describe('catalog and policy tools', () => {
  it('searchCatalog shows at most four cards, returns compact facts and records the products used', async () => {
    const { turn, parts } = await newTurn();
    const out: any = await createSearchCatalogTool(turn).execute!({ query: 'tidecraft' }, call);
    expect(out.found).toBeGreaterThan(4);
    const cards = parts.filter((p) => p.type === 'data-products').flatMap((p) => (p.data as { products: any[] }).products);
    expect(cards).toHaveLength(4);
    expect(turn.evidence.productIds).toEqual(out.products.map((p: any) => p.id));
    expect(turn.evidence.toolCalls).toMatchObject([{ name: 'searchCatalog', summary: { products: out.found } }]);
    expect(turn.evidence.fallbackReason).toBeUndefined();

    const { turn: t2, parts: p2 } = await newTurn();
    const blue: any = await createSearchCatalogTool(t2).execute!({ query: 'blue jacket size M' }, call);
    expect(blue.products[0]).toMatchObject({
      id: 'tc-harbor-rain-jacket',
      price: 125,
      currency: 'EUR',
      availability: 'low_stock',
      matchedVariant: { id: 'hrj-blue-m', options: { Colour: 'Sky Blue', Size: 'M' } },
      url: 'https://tidecraft.example/products/harbor-rain-jacket',
    });
    expect(blue.products[0].description.length).toBeLessThanOrEqual(201);
    expect((p2[0].data as any).products[0]).toMatchObject({ image: 'https://tidecraft.example/img/harbor-rain-jacket.jpg', variant: { id: 'hrj-blue-m' } });
  });

  it('searchCatalog with no match shows nothing and says why', async () => {
    const { turn, parts } = await newTurn();
    const out: any = await createSearchCatalogTool(turn).execute!({ query: 'surfboard wax', inStock: true }, call);
    expect(out).toMatchObject({ found: 0, products: [] });
    expect(parts).toEqual([]);
    expect(turn.evidence.fallbackReason).toBe('no_product_match');
  });

  it('getProduct gives every variant and attribute, by id or handle', async () => {
    const { turn } = await newTurn();
    const tool = createGetProductTool(turn);
    const byHandle: any = await tool.execute!({ idOrHandle: 'harbor-rain-jacket' }, call);
    expect(byHandle.product).toMatchObject({ id: 'tc-harbor-rain-jacket', attributes: { material: 'recycled nylon', waterproof: true } });
    expect(byHandle.product.variants).toHaveLength(6);
    const missing: any = await tool.execute!({ idOrHandle: 'nope' }, call);
    expect(missing.found).toBe(false);
  });

  it('searchPolicies returns citable passages, keeps them as evidence and emits citations', async () => {
    const { turn, parts } = await newTurn();
    const out: any = await createSearchPoliciesTool(turn).execute!({ query: 'how long do refunds take' }, call);
    expect(out.passages[0]).toMatchObject({ documentId: 'returns', passageId: 'returns#2', title: 'Returns and refunds', url: 'https://tidecraft.example/pages/returns' });
    expect(turn.evidence.passages.map((p) => p.id)).toEqual(out.passages.map((p: any) => p.passageId));
    expect(parts).toHaveLength(1);
    expect(parts[0].type).toBe('data-citations');
    expect((parts[0].data as any).citations.map((c: any) => c.passageId)).toEqual(out.passages.map((p: any) => p.passageId));
    expect((parts[0].data as any).citations[0]).toEqual({ documentId: 'returns', passageId: 'returns#2', title: 'Returns and refunds', url: 'https://tidecraft.example/pages/returns' });

    const { turn: t2, parts: p2 } = await newTurn();
    const none: any = await createSearchPoliciesTool(t2).execute!({ query: 'what is the capital of France' }, call);
    expect(none.found).toBe(0);
    expect(p2).toEqual([]);
    expect(t2.evidence.fallbackReason).toBe('missing_policy_content');
  });
});
