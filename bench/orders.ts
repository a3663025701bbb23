/**
 * Order benchmark: imports the tau-retail customers and orders (../shared/data, read at run
 * time) into a fresh local Worker through the admin API, then measures order lookups the way a
 * signed-in shopper makes them (customer token -> GET /me/orders), over HTTP and inside the
 * Worker (Server-Timing). It also checks, on every sampled answer, that no personal field and no
 * other customer's order comes back. Never part of npm test.
 *
 *   npm run bench:orders                 # 300 sampled customers
 *   npm run bench:orders -- --samples 1000
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signCustomerToken } from '../edge/src/identity/sign';
// @ts-expect-error plain ESM script shared with `npm start`
import { startStack } from '../scripts/stack.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(repoRoot, '../shared/data/tau-retail');
const BATCH = 500;
const samplesArg = process.argv.indexOf('--samples');
const SAMPLES = samplesArg > 0 ? Number(process.argv[samplesArg + 1]) : 300;

interface TauUser {
  name: { first_name: string; last_name: string };
  address: Record<string, string>;
  email: string;
  payment_methods: Record<string, { source: string; id: string; last_four?: string; brand?: string }>;
  orders: string[];
}
interface TauOrder {
  order_id: string;
  user_id: string;
  address: Record<string, string>;
  items: { name: string; product_id: string; item_id: string; price: number; options: Record<string, unknown> }[];
  fulfillments: { tracking_id: string[]; item_ids: string[] }[];
  status: string;
  payment_history: { transaction_type: string; amount: number; payment_method_id: string }[];
}

const STAGE: Record<string, string> = { pending: 'received', processed: 'shipped', delivered: 'delivered', cancelled: 'cancelled' };

/** tau-retail shapes -> Aisle's import format, at run time (nothing is copied into the repo). */
function adapt(users: Record<string, TauUser>, orders: Record<string, TauOrder>) {
  const customers = Object.entries(users).map(([id, u]) => ({ id, name: `${u.name.first_name} ${u.name.last_name}`, email: u.email }));
  const mapped = Object.values(orders).map((o) => {
    const pay = users[o.user_id]?.payment_methods[o.payment_history[0]?.payment_method_id ?? ''];
    const itemName = new Map(o.items.map((i) => [i.item_id, i.name]));
    return {
      number: o.order_id,
      customerId: o.user_id,
      stage: STAGE[o.status] ?? 'processing',
      status: o.status,
      currency: 'USD',
      total: Math.round(o.items.reduce((s, i) => s + i.price, 0) * 100) / 100,
      items: o.items.map((i) => ({
        name: i.name,
        quantity: 1,
        productId: i.product_id,
        variantId: i.item_id,
        options: Object.fromEntries(Object.entries(i.options).map(([k, v]) => [k, String(v)])),
        price: i.price,
      })),
      fulfilments: o.fulfillments.map((f) => ({
        trackingNumber: f.tracking_id[0],
        status: o.status === 'delivered' ? 'delivered' : 'in_transit',
        itemNames: f.item_ids.map((id) => itemName.get(id) ?? id),
      })),
      shippingAddress: o.address,
      ...(pay ? { payment: { method: pay.source, ...(pay.last_four ? { last4: pay.last_four } : {}) } } : {}),
    };
  });
  return { customers, orders: mapped };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(2)} ms  p95 ${pct(s, 95).toFixed(2)} ms  p99 ${pct(s, 99).toFixed(2)} ms  max ${s.at(-1)!.toFixed(2)} ms  (n=${s.length})`;
};

/** Deterministic sample so runs are comparable. */
function sample<T>(xs: T[], n: number, seed = 42): T[] {
  let state = seed;
  const rnd = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, Math.min(n, copy.length));
}

async function main() {
  for (const f of ['users.json', 'orders.json']) {
    if (!existsSync(path.join(dataDir, f))) throw new Error(`Missing ${path.join(dataDir, f)}: this benchmark reads ../shared/data/tau-retail`);
  }
  const users = JSON.parse(readFileSync(path.join(dataDir, 'users.json'), 'utf8')) as Record<string, TauUser>;
  const tauOrders = JSON.parse(readFileSync(path.join(dataDir, 'orders.json'), 'utf8')) as Record<string, TauOrder>;
  const data = adapt(users, tauOrders);

  const dir = mkdtempSync(path.join(tmpdir(), 'aisle-bench-orders-'));
  const devVarsFile = path.join(dir, '.dev.vars');
  writeFileSync(devVarsFile, '');
  let stack: { url: string; secrets: Record<string, string>; stop(): Promise<void> } | null = null;
  const stop = async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    console.log('Starting wrangler dev (local D1 in a temp folder)...');
    stack = await startStack({ persistTo: path.join(dir, 'state'), devVarsFile, quiet: true, seed: false });
    const { url } = stack!;
    const call = async (method: string, p: string, body?: unknown, key?: string) => {
      const res = await fetch(url + p, {
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${p} -> ${res.status}: ${JSON.stringify(json).slice(0, 800)}`);
      return json;
    };
    const shopId = 'bench-tau';
    const created = await call('POST', '/v1/shops', { id: shopId, name: 'tau retail (bench)' }, stack!.secrets.AISLE_OPERATOR_KEY);
    const { adminKey, identitySecret, identityKid } = created;

    // Import in batches of 500, as `aisle import orders` does.
    const t0 = performance.now();
    let serverMs = 0;
    const batches = Math.ceil(Math.max(data.customers.length, data.orders.length) / BATCH);
    for (let b = 0; b < batches; b++) {
      const body = { customers: data.customers.slice(b * BATCH, (b + 1) * BATCH), orders: data.orders.slice(b * BATCH, (b + 1) * BATCH) };
      const out = await call(b === 0 ? 'PUT' : 'POST', `/v1/shops/${shopId}/orders`, body, adminKey);
      serverMs += out.tookMs;
    }
    const importMs = performance.now() - t0;
    console.log(`\nImport: ${data.customers.length} customers, ${data.orders.length} orders in ${batches} batches`);
    console.log(`  wall ${importMs.toFixed(0)} ms (in-Worker ${serverMs} ms)  ->  ${((data.orders.length / importMs) * 1000).toFixed(0)} orders/s`);

    const people = sample(Object.keys(users).filter((id) => users[id].orders.length > 0), SAMPLES);
    const otherOrder = (id: string) => data.orders.find((o) => o.customerId !== id)!.number;
    const timings = { listHttp: [] as number[], listWorker: [] as number[], oneHttp: [] as number[], oneWorker: [] as number[] };
    const problems: string[] = [];
    const lookup = async (token: string, query: string) => {
      const started = performance.now();
      const res = await fetch(`${url}/v1/shops/${shopId}/me/orders${query}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      const http = performance.now() - started;
      const worker = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN);
      if (!res.ok) problems.push(`${query}: ${res.status} ${text.slice(0, 200)}`);
      return { http, worker, text, body: JSON.parse(text) as { orders: { number: string }[] } };
    };

    // One warm-up request so the first sample does not carry module start-up.
    await lookup(await signCustomerToken({ shopId, secret: identitySecret, kid: identityKid, customerId: people[0] }), '');
    for (const id of people) {
      const u = users[id];
      const token = await signCustomerToken({ shopId, secret: identitySecret, kid: identityKid, customerId: id });
      const list = await lookup(token, '?limit=10');
      timings.listHttp.push(list.http);
      timings.listWorker.push(list.worker);
      const expected = new Set(u.orders.slice(0, 10));
      if (list.body.orders.some((o) => !u.orders.includes(o.number))) problems.push(`${id}: list holds another customer's order`);
      if (list.body.orders.length !== Math.min(10, expected.size)) problems.push(`${id}: expected ${Math.min(10, expected.size)} orders, got ${list.body.orders.length}`);
      const personal = [u.email, u.address.address1, ...Object.values(u.payment_methods).map((p) => p.last_four).filter(Boolean)] as string[];
      for (const s of personal) if (list.text.includes(s)) problems.push(`${id}: personal field leaked (${s.slice(0, 3)}...)`);

      const one = await lookup(token, `?number=${encodeURIComponent(u.orders[0].replace('#', ''))}`);
      timings.oneHttp.push(one.http);
      timings.oneWorker.push(one.worker);
      if (one.body.orders[0]?.number !== u.orders[0]) problems.push(`${id}: own order ${u.orders[0]} not found by its digits`);
      const foreign = await lookup(token, `?number=${encodeURIComponent(otherOrder(id))}`);
      if (foreign.body.orders.length !== 0) problems.push(`${id}: read another customer's order ${otherOrder(id)}`);
    }

    console.log(`\nOrder lookups for ${people.length} sampled customers (sequential; token verify + D1 + cards):`);
    console.log(`  list   HTTP    ${summary(timings.listHttp)}`);
    console.log(`  list   Worker  ${summary(timings.listWorker)}`);
    console.log(`  by no. HTTP    ${summary(timings.oneHttp)}`);
    console.log(`  by no. Worker  ${summary(timings.oneWorker)}`);
    console.log(`\nIsolation checks: ${people.length * 3} answers, ${problems.length} problem(s)`);
    for (const p of problems.slice(0, 20)) console.log(`  - ${p}`);
    process.exitCode = problems.length ? 1 : 0;
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
