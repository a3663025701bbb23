/**
 * `npm run bench:corpus`: every case of test/corpus/ sent through the real Worker inside workerd
 * (Miniflare, as in npm test): the demo shop and the fixture shops are created and seeded through
 * the real operator and admin APIs, each case's turns go to the chat API as the case's identity
 * (a customer token from the admin token endpoint, or none for a guest), and the streamed parts
 * are checked against the case's `expect` (test/corpus/README.md).
 *
 * Prints pass rates per split, language, shop and class. Held-out failures are printed as ids
 * only, never their text, so nobody tunes on them; tuning failures print what went wrong.
 * Fails only when the run itself is broken (a shop cannot be seeded, a request errors).
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { app } from '../../edge/src/index';
import {
  type CorpusCase,
  type CorpusShopData,
  type Observed,
  type Outcome,
  checkCase,
  formatReport,
  splitOf,
} from './corpus-check';

const BASE = 'http://aisle.bench';
const only = (env as unknown as { CORPUS_SPLIT?: string }).CORPUS_SPLIT || '';

// Vite inlines these at build time (no node:fs inside workerd).
const files = import.meta.glob(['../../test/corpus/heldout/*.json', '../../test/corpus/tuning/*.json'], {
  eager: true,
  import: 'default',
}) as Record<string, CorpusCase[]>;
const shopFiles = import.meta.glob(['../../edge/src/demo/data/*.json', '../../test/fixtures/shops/*/*.json'], {
  eager: true,
  import: 'default',
}) as Record<string, unknown>;

function shopData(id: string): CorpusShopData & { setup: { name: string; allowedOrigins?: string[]; settings?: unknown } } {
  const dir = id === 'demo' ? '../../edge/src/demo/data/' : `../../test/fixtures/shops/${id}/`;
  const get = <T>(name: string) => shopFiles[dir + name] as T | undefined;
  const catalog = get<{ products: unknown[] }>('catalog.json');
  const policies = get<{ policies: unknown[] }>('policies.json');
  const orders = get<{ customers: unknown[]; orders: { number: string }[] }>('orders.json');
  if (!catalog || !policies || !orders) throw new Error(`shop ${id}: catalog, policies and orders files are needed`);
  const setup = get<{ name: string; allowedOrigins?: string[]; settings?: unknown }>('shop.json') ?? { name: 'Northwind Outfitters' };
  return { catalog, policies, orders, orderNumbers: orders.orders.map((o) => o.number), setup };
}

async function call(method: string, path: string, key: string | undefined, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const req = new Request(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const ctx = createExecutionContext();
  const res = await app.fetch(req, env, ctx);
  // Read the whole body first (a chat reply streams), then let background work finish.
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return new Response(text, { status: res.status, headers: res.headers });
}

async function ok<T>(method: string, path: string, key: string | undefined, body?: unknown): Promise<T> {
  const res = await call(method, path, key, body);
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return (await res.json()) as T;
}

interface Seeded {
  id: string;
  adminKey: string;
  data: CorpusShopData;
}

async function seed(id: string): Promise<Seeded> {
  const data = shopData(id);
  const { adminKey } = await ok<{ adminKey: string }>('POST', '/v1/shops', env.AISLE_OPERATOR_KEY, { id, ...data.setup });
  await ok('PUT', `/v1/shops/${id}/catalog`, adminKey, { format: 'aisle', products: data.catalog.products });
  await ok('PUT', `/v1/shops/${id}/policies`, adminKey, { policies: data.policies.policies });
  await ok('PUT', `/v1/shops/${id}/orders`, adminKey, { customers: data.orders.customers, orders: data.orders.orders });
  return { id, adminKey, data };
}

interface StreamPart {
  type: string;
  data?: unknown;
  delta?: string;
}

function parse(sse: string): StreamPart[] {
  const parts: StreamPart[] = [];
  for (const block of sse.split('\n\n')) {
    const line = block.split('\n').find((l) => l.startsWith('data: '));
    if (!line || line === 'data: [DONE]') continue;
    parts.push(JSON.parse(line.slice(6)) as StreamPart);
  }
  return parts;
}

async function run(shop: Seeded, c: CorpusCase): Promise<Observed> {
  const token =
    c.as === 'guest'
      ? undefined
      : (await ok<{ token: string }>('POST', `/v1/shops/${shop.id}/tokens`, shop.adminKey, { customerId: c.as, ttlSeconds: 900 })).token;
  const conversationId = crypto.randomUUID();
  let parts: StreamPart[] = [];
  for (const turn of c.turns) {
    const res = await call('POST', `/v1/shops/${shop.id}/chat`, token, { conversationId, message: { text: turn.user }, locale: c.lang, ...(turn.context ? { context: turn.context } : {}) });
    if (!res.ok) throw new Error(`case ${c.id}: chat -> ${res.status}`);
    parts = parse(await res.text());
  }
  const of = <T>(name: string) => parts.filter((p) => p.type === `data-${name}`).map((p) => p.data as T);
  const handoffs = of<{ ticketId: string; category: string }>('handoff');
  let ticket: Observed['ticket'];
  if (c.expect.ticket && handoffs[0]) {
    const res = await call('GET', `/v1/shops/${shop.id}/tickets/${handoffs[0].ticketId}`, shop.adminKey);
    if (res.ok) {
      const t = ((await res.json()) as { ticket: { category: string; categories: string[]; orders: { number: string }[]; details?: { key: string; value: string }[] } }).ticket;
      ticket = { category: t.category, categories: t.categories, orders: t.orders.map((o) => o.number), details: t.details ?? [] };
    }
  }
  return {
    text: parts.filter((p) => p.type === 'text-delta').map((p) => p.delta ?? '').join(''),
    handoffs: handoffs.map((h) => h.category),
    orders: of<{ number: string }>('order').map((o) => o.number),
    products: of<{ products: Observed['products'] }>('products').flatMap((p) => p.products),
    citations: of<{ citations: { documentId: string }[] }>('citations').flatMap((p) => p.citations.map((x) => x.documentId)),
    notices: of<{ code: string }>('notice').map((n) => n.code),
    ticket,
  };
}

it('runs the conversation corpus through the real Worker', async () => {
  const cases = Object.entries(files)
    .filter(([file]) => !only || splitOf(file) === only)
    .flatMap(([file, list]) => list.map((c) => ({ ...c, split: splitOf(file) })));
  expect(cases.length).toBeGreaterThan(0);
  const shops = new Map<string, Seeded>();
  for (const id of new Set(cases.map((c) => c.shop))) shops.set(id, await seed(id));

  const started = performance.now();
  const outcomes: Outcome[] = [];
  for (const c of cases) {
    const shop = shops.get(c.shop)!;
    const observed = await run(shop, c);
    outcomes.push({ case: c, failures: checkCase(c, observed, shop.data), observed });
  }
  console.log(formatReport(outcomes, performance.now() - started));
});
