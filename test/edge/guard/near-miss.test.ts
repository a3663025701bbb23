import { describe, expect, it } from 'vitest';
import { newEvidence } from '../../../edge/src/turn/context';
import { createGroundingCheck, groundingSources } from '../../../edge/src/turn/grounding';
import { guardText } from '../../../edge/src/turn/reply-writer';
import { ShopSettings } from '../../../shared/shop';

/**
 * Acceptance 2 of issue 15: ordinary replies written by another helper (test/corpus/replies/
 * near-miss.json) pass the whole guard, with the evidence each names given as this turn's
 * evidence. At most 1% may be blocked; the blocked ids are printed.
 */
const nearMiss = Object.values(import.meta.glob('../../corpus/replies/near-miss.json', { eager: true, import: 'default' }))[0] as {
  id: string;
  shop: string;
  reply: string;
  evidence: { source: string }[];
}[];
const shopFiles = import.meta.glob(['../../../edge/src/demo/data/*.json', '../../fixtures/shops/*/*.json'], { eager: true, import: 'default' }) as Record<string, any>;
const data = (shop: string, file: string) => shopFiles[(shop === 'demo' ? '../../../edge/src/demo/data/' : `../../fixtures/shops/${shop}/`) + file];

function guardReply(c: (typeof nearMiss)[number]) {
  const evidence = newEvidence();
  evidence.toolOutputs = [];
  for (const { source } of c.evidence) {
    const [kind, key] = [source.slice(0, source.indexOf(':')), source.slice(source.indexOf(':') + 1)];
    if (kind === 'policy') {
      const doc = data(c.shop, 'policies.json').policies.find((p: { id: string }) => p.id === key);
      evidence.passages.push({ id: `${key}-all`, documentId: key, title: doc.title, text: doc.body, url: doc.url } as never);
    } else if (kind === 'product') {
      evidence.toolOutputs.push({ name: 'getProduct', output: { found: true, product: data(c.shop, 'catalog.json').products.find((p: { id: string }) => p.id === key) } });
    } else if (kind === 'order') {
      const o = data(c.shop, 'orders.json').orders.find((x: { number: string }) => x.number === key);
      evidence.toolOutputs.push({ name: 'getMyOrder', output: { found: true, order: { ...o, shippingAddress: undefined, payment: undefined } } });
    }
  }
  const setup = data(c.shop, 'shop.json');
  const shop = { name: setup?.name ?? c.shop, settings: ShopSettings.parse(setup?.settings ?? {}) };
  const orders = evidence.toolOutputs
    .filter((t) => t.name === 'getMyOrder')
    .map((t) => (t.output as { order: { number: string; status?: string; stage?: string } }).order)
    .map((o) => ({ number: o.number, status: `${o.status ?? ''} ${o.stage ?? ''}` }));
  return guardText(c.reply, {
    replacement: () => '[handoff]',
    orders: () => orders,
    quotes: () => evidence.passages.map((p) => p.text),
    check: createGroundingCheck(() => groundingSources(evidence, shop)),
  });
}

describe('near-miss replies pass the guard', () => {
  it('blocks at most 1% of them, and says which', () => {
    expect(nearMiss.length).toBeGreaterThanOrEqual(120);
    const blocked = nearMiss.filter((c) => {
      const r = guardReply(c);
      if (r.blocked.length || r.dropped.length) console.log(c.id, JSON.stringify([...r.blocked, ...r.dropped].map((b) => [b.rule, b.sentence.slice(0, 90)])));
      return r.blocked.length > 0 || r.dropped.length > 0;
    });
    console.log(`near-miss: ${blocked.length}/${nearMiss.length} blocked (${((100 * blocked.length) / nearMiss.length).toFixed(1)}%)${blocked.length ? ': ' + blocked.map((c) => c.id).join(', ') : ''}`);
    expect(blocked.length / nearMiss.length).toBeLessThanOrEqual(0.01);
  });
});
