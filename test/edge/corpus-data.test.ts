import { describe, expect, it } from 'vitest';
import { type CorpusCase, type Observed, checkCase } from '../../bench/workerd/corpus-check';
import { PolicyDocument, Product } from '../../shared/catalog';
import { OrderStage } from '../../shared/chat';
import { CustomerRecord, OrderRecord } from '../../shared/order';
import { ShopCreate } from '../../shared/shop';
import { HANDOFF_CATEGORIES } from '../../shared/ticket';

/**
 * The corpus and the fixture shops are data others measure against, so they must say only what
 * the shops' data says: every case names a real shop, customer, order, product and policy, the
 * facts it expects the reply to state are in that shop's data, and a held-out case never expects
 * another customer's order to be shown. Runs inside workerd (Vite inlines the JSON).
 */

const corpusFiles = import.meta.glob(['../corpus/heldout/*.json', '../corpus/tuning/*.json'], { eager: true, import: 'default' }) as Record<
  string,
  CorpusCase[]
>;
const nearMiss = Object.values(import.meta.glob('../corpus/replies/near-miss.json', { eager: true, import: 'default' }))[0] as {
  id: string;
  lang: string;
  shop: string;
  reply: string;
  evidence: { source: string; fact: string }[];
}[];
const shopFiles = import.meta.glob(['../../edge/src/demo/data/*.json', '../fixtures/shops/*/*.json'], { eager: true, import: 'default' }) as Record<
  string,
  unknown
>;

interface RawOrder {
  number: string;
  customerId: string;
  stage: string;
  items: { name: string }[];
  shippingAddress?: Record<string, string>;
  payment?: Record<string, string>;
  [key: string]: unknown;
}
interface ShopData {
  products: { id: string; handle?: string; title: string; url: string; images: string[]; [key: string]: unknown }[];
  policies: { id: string; body: string; url?: string; [key: string]: unknown }[];
  customers: { id: string; email?: string; phone?: string }[];
  orders: RawOrder[];
  setup?: { name: string; allowedOrigins?: string[]; settings?: unknown };
}

function shop(id: string): ShopData {
  const dir = id === 'demo' ? '../../edge/src/demo/data/' : `../fixtures/shops/${id}/`;
  const get = <T>(name: string) => shopFiles[dir + name] as T;
  return {
    products: get<{ products: ShopData['products'] }>('catalog.json').products,
    policies: get<{ policies: ShopData['policies'] }>('policies.json').policies,
    customers: get<{ customers: ShopData['customers'] }>('orders.json').customers,
    orders: get<{ orders: RawOrder[] }>('orders.json').orders,
    setup: get<ShopData['setup']>('shop.json'),
  };
}

const FIXTURES = ['hedgerow', 'voltline'];
/** A small shop of another kind (tea, CAD, "#1043" order numbers, policies as bold-led paragraphs), for tuning cases only. */
const SMALL_FIXTURES = ['kettle'];
const SHOPS = new Map(['demo', ...FIXTURES, ...SMALL_FIXTURES].map((id) => [id, shop(id)]));
const LANGS = ['en', 'es', 'fr', 'de', 'it', 'pt'];
const norm = (s: string) => s.normalize('NFKC').toLowerCase();
const digits = (s: string) => s.replace(/\D/g, '');
const ORIGIN = 'https://fixture.aisle.test';
const absolute = (path: string) => new URL(path, ORIGIN).href;

/** What a shopper may be told about a shop: catalog, policies and order facts, without personal fields. */
function shopText(s: ShopData): string {
  const orders = s.orders.map(({ shippingAddress: _a, payment: _p, ...rest }) => rest);
  // The shop's settings are shop data too: support hours, time zone and expected reply are quoted from them.
  return norm(JSON.stringify([s.products, s.policies.map((p) => p.body.replaceAll('**', '')), orders, s.setup?.settings ?? null]));
}
const hasFact = (text: string, fact: string) => {
  const f = norm(fact);
  return text.includes(f) || (/^\d+[.,]\d+$/.test(f) && text.includes(f.replace(',', '.')));
};

const cases = Object.entries(corpusFiles).flatMap(([file, list]) => list.map((c) => ({ ...c, split: file.split('/').at(-2)! })));

describe('fixture shops', () => {
  for (const id of [...FIXTURES, ...SMALL_FIXTURES]) {
    const s = SHOPS.get(id)!;
    it(`${id}: every record passes the import schemas${FIXTURES.includes(id) ? ' and the shop is realistic in size' : ''}`, () => {
      expect(ShopCreate.safeParse({ id, ...s.setup }).success).toBe(true);
      for (const p of s.products) {
        const parsed = Product.safeParse({ ...p, url: absolute(p.url), images: p.images.map(absolute) });
        expect(parsed.success, `${p.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      }
      for (const p of s.policies) expect(PolicyDocument.safeParse({ ...p, url: p.url && absolute(p.url) }).success, p.id).toBe(true);
      for (const c of s.customers) expect(CustomerRecord.safeParse(c).success, c.id).toBe(true);
      for (const o of s.orders) expect(OrderRecord.safeParse(o).success, o.number).toBe(true);
      expect(new Set(s.orders.map((o) => o.number)).size).toBe(s.orders.length);
      if (!FIXTURES.includes(id)) return;

      expect(s.products.length).toBeGreaterThanOrEqual(25);
      expect(s.products.length).toBeLessThanOrEqual(40);
      expect(s.products.filter((p) => Array.isArray(p.variants) && (p.variants as unknown[]).length > 1).length).toBeGreaterThanOrEqual(15);
      expect(s.policies.length).toBeGreaterThanOrEqual(6);
      expect(s.policies.length).toBeLessThanOrEqual(10);
      expect(s.customers.length).toBeGreaterThanOrEqual(4);
      expect(s.customers.length).toBeLessThanOrEqual(6);
      for (const c of s.customers) {
        const n = s.orders.filter((o) => o.customerId === c.id).length;
        expect(n, c.id).toBeGreaterThanOrEqual(2);
        expect(n, c.id).toBeLessThanOrEqual(5);
      }
      const stages = new Set(s.orders.map((o) => OrderStage.parse(o.stage)));
      for (const stage of ['received', 'processing', 'shipped', 'out_for_delivery', 'delivered', 'cancelled', 'returned']) expect(stages, stage).toContain(stage);
      expect(new Set(s.orders.map((o) => o.number)).size).toBe(s.orders.length);
      expect(new Set(s.products.map((p) => p.id)).size).toBe(s.products.length);
    });

    it(`${id}: personal markers appear only in the personal fields`, () => {
      const personal = s.customers.flatMap((c) => [c.email, c.phone]).concat(s.orders.flatMap((o) => Object.values(o.shippingAddress ?? {})));
      const last4 = s.orders.map((o) => o.payment?.last4).filter((x): x is string => !!x);
      expect(personal.filter((p) => p && /leak/i.test(p)).length).toBeGreaterThan(0);
      const rest = norm(
        JSON.stringify([s.products, s.policies, s.customers.map((c) => ({ ...c, email: '', phone: '' })), s.orders.map(({ shippingAddress: _a, payment: _p, ...o }) => o)]),
      );
      expect(rest).not.toContain('leak');
      for (const l of last4) expect(rest, l).not.toContain(l);
    });
  }
});

describe('conversation corpus', () => {
  it('has at least 300 held-out cases over six languages and all three shops', () => {
    const held = cases.filter((c) => c.split === 'heldout');
    expect(held.length).toBeGreaterThanOrEqual(300);
    for (const lang of LANGS) expect(held.filter((c) => c.lang === lang).length, lang).toBeGreaterThanOrEqual(30);
    for (const id of ['demo', ...FIXTURES]) expect(held.filter((c) => c.shop === id).length, id).toBeGreaterThanOrEqual(60);
    for (const id of SMALL_FIXTURES) expect(held.filter((c) => c.shop === id).length, id).toBe(0);
  });

  it('uses unique ids with the prefix of their split', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) expect(c.id.startsWith(c.split === 'heldout' ? 'ho-' : 'tu-'), c.id).toBe(true);
  });

  it('names only real shops, customers, orders, products and policies, and facts from the shop data', () => {
    const problems: string[] = [];
    for (const c of cases) {
      const s = SHOPS.get(c.shop);
      if (!s) {
        problems.push(`${c.id}: unknown shop ${c.shop}`);
        continue;
      }
      const e = c.expect;
      const own = (n: string) => s.orders.some((o) => o.number === n && o.customerId === c.as);
      if (!LANGS.includes(c.lang)) problems.push(`${c.id}: language ${c.lang}`);
      if (c.as !== 'guest' && !s.customers.some((x) => x.id === c.as)) problems.push(`${c.id}: unknown customer ${c.as}`);
      if (!c.turns.length || c.turns.some((t) => !t.user.trim())) problems.push(`${c.id}: empty turn`);
      if (!Object.keys(e).length) problems.push(`${c.id}: no expectation`);
      if (e.handoff !== undefined && e.handoff !== false && !(HANDOFF_CATEGORIES as readonly string[]).includes(e.handoff)) problems.push(`${c.id}: category ${e.handoff}`);
      for (const n of e.orders ?? []) if (!own(n)) problems.push(`${c.id}: order ${n} is not ${c.as}'s`);
      if (e.ticket?.order && !own(e.ticket.order)) problems.push(`${c.id}: ticket order ${e.ticket.order} is not ${c.as}'s`);
      for (const p of e.products ?? []) if (!s.products.some((x) => x.id === p || x.handle === p)) problems.push(`${c.id}: product ${p}`);
      if (e.policy && !s.policies.some((p) => p.id === e.policy)) problems.push(`${c.id}: policy ${e.policy}`);
      // A fact is in the cited policy, or in the shop's settings (hours and expected reply are quoted from them).
      const text = e.policy ? norm((s.policies.find((p) => p.id === e.policy)?.body.replaceAll('**', '') ?? '') + JSON.stringify(s.setup?.settings ?? null)) : shopText(s);
      for (const fact of e.says ?? []) if (!hasFact(text, fact)) problems.push(`${c.id}: "${fact}" is not in the shop data`);
      if (e.noOrders && c.as !== 'guest') {
        const typed = digits(c.turns.map((t) => t.user.normalize('NFKC')).join(' '));
        for (const o of s.orders) if (o.customerId === c.as && typed.includes(digits(o.number))) problems.push(`${c.id}: noOrders but ${o.number} is the customer's own`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('near-miss replies', () => {
  it('has at least 120 replies in six languages, each fact found where its evidence says', () => {
    expect(nearMiss.length).toBeGreaterThanOrEqual(120);
    expect(new Set(nearMiss.map((r) => r.id)).size).toBe(nearMiss.length);
    for (const lang of LANGS) expect(nearMiss.filter((r) => r.lang === lang).length, lang).toBeGreaterThanOrEqual(15);
    const problems: string[] = [];
    for (const r of nearMiss) {
      const s = SHOPS.get(r.shop)!;
      if (!r.reply.trim() || !r.evidence.length) problems.push(`${r.id}: empty`);
      for (const { source, fact } of r.evidence) {
        const [kind, key] = [source.slice(0, source.indexOf(':')), source.slice(source.indexOf(':') + 1)];
        let text = '';
        if (kind === 'policy') text = s.policies.find((p) => p.id === key)?.body.replaceAll('**', '') ?? '';
        else if (kind === 'product') text = JSON.stringify(s.products.find((p) => p.id === key) ?? '');
        else if (kind === 'order') {
          const o = s.orders.find((x) => x.number === key);
          text = o ? JSON.stringify({ ...o, shippingAddress: undefined, payment: undefined }) : '';
        }
        if (!text) problems.push(`${r.id}: no source ${source}`);
        else if (!norm(text).includes(norm(fact)) && !text.includes(fact.replace(/[£$€]/g, ''))) problems.push(`${r.id}: "${fact}" not in ${source}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('corpus checks', () => {
  const hedgerow = SHOPS.get('hedgerow')!;
  const data = { catalog: { products: [] }, policies: { policies: [] }, orders: { customers: [], orders: [] }, orderNumbers: hedgerow.orders.map((o) => o.number) };
  const seen = (o: Partial<Observed>): Observed => ({ text: '', handoffs: [], orders: [], products: [], citations: [], notices: [], ...o });
  const kase = (expect: CorpusCase['expect'], user = 'where is HG-20931?', as = 'C-5501'): CorpusCase => ({
    id: 'tu-en-x-001',
    shop: 'hedgerow',
    lang: 'en',
    as,
    classes: [],
    turns: [{ user }],
    expect,
  });

  it('passes a reply that does what the case expects and names what is missing otherwise', () => {
    const e = { plan: 'order_status', orders: ['HG-20931'], handoff: false as const };
    expect(checkCase(kase(e), seen({ text: 'On its way.', orders: ['HG-20931'] }), data)).toEqual([]);
    const failures = checkCase(kase(e), seen({ text: 'I passed it on.', handoffs: ['refund'] }), data);
    expect(failures.some((f) => f.startsWith('handoff'))).toBe(true);
    expect(failures.some((f) => f.startsWith('orders'))).toBe(true);
  });

  it('fails noOrders when an order card is shown or the text names an order the shopper did not type', () => {
    const e = { noOrders: true };
    expect(checkCase(kase(e, 'status of HG-21006?'), seen({ text: 'I could not find HG-21006.' }), data)).toEqual([]);
    expect(checkCase(kase(e, 'status of HG-21006?'), seen({ text: 'Your latest is 20931.' }), data)).not.toEqual([]);
    expect(checkCase(kase(e, 'status of HG-21006?'), seen({ orders: ['HG-21006'] }), data)).not.toEqual([]);
  });

  it('finds facts with either decimal separator, and a guest order question may be answered with a sign-in notice', () => {
    expect(checkCase(kase({ says: ['4.99'] }), seen({ text: 'La livraison coûte 4,99 £.' }), data)).toEqual([]);
    expect(checkCase(kase({ says: ['4.99'] }), seen({ text: 'La livraison coûte 5 £.' }), data)).not.toEqual([]);
    expect(checkCase(kase({ plan: 'order_status' }, 'where is HG-20931?', 'guest'), seen({ text: 'Please sign in.', notices: ['sign_in_required'] }), data)).toEqual([]);
    expect(checkCase(kase({ plan: 'greeting' }), seen({ text: 'Hello!', products: [{ id: 'hg-x' }] }), data)).not.toEqual([]);
  });

  it('reads the reply as the widget shows it, without markdown escapes and bold markers', () => {
    const e = { says: ['hello@hedgerow-home.example', '28 days from delivery'] };
    expect(checkCase(kase(e), seen({ text: 'Email hello\\@hedgerow-home.example: you have **28 days** from delivery.' }), data)).toEqual([]);
    expect(checkCase(kase(e), seen({ text: 'Email hello@hedgerow-home.example: you have 30 days from delivery.' }), data)).not.toEqual([]);
    expect(checkCase(kase({ saysNot: ['leak@'] }), seen({ text: 'write to leak\\@example.test' }), data)).not.toEqual([]);
  });
});
