/**
 * The load run shared by both halves of `npm run bench:load`: the node client that talks to
 * `wrangler dev` over HTTP, and bench/workerd/load.bench.ts that calls the Worker's fetch inside
 * workerd. Both hand it a `send` function and get the same counts back, so a difference between
 * the two is the dev proxy's, not the app's.
 *
 * N conversations run at once, each from its own client address (cf-connecting-ip), each a few
 * turns in a row from a mix of product, policy, verified order and handoff questions. The client
 * never retries: every non-2xx, network error or stream without its finish part is an error.
 * Afterwards every conversation, its audit trail and the shop's tickets are read back.
 */
import catalog from '../edge/src/demo/data/catalog.json';
import orders from '../edge/src/demo/data/orders.json';
import policies from '../edge/src/demo/data/policies.json';
import { signCustomerToken } from '../edge/src/identity/sign';
import { HANDOFF_CATEGORIES } from '../shared/ticket';

export type Send = (req: Request) => Promise<Response>;
export type TurnClass = 'product' | 'policy' | 'order' | 'handoff';

export interface LoadShop {
  shopId: string;
  adminKey: string;
  agentKey: string;
  identitySecret: string;
  identityKid: string;
}

export interface LoadOptions {
  conversations: number;
  turns: number;
  /** Per-request client timeout; the run as a whole ends when the slowest conversation does. */
  timeoutMs?: number;
  /** Called after each turn's stream has been read to the end, with the turn id the Worker sent. */
  onTurnRead?: (turnId: string | null, planned: TurnClass) => void;
}

export interface TurnRecord {
  conversation: number;
  /** 0 for the conversation's first turn. */
  position: number;
  planned: TurnClass;
  text: string;
  status: number;
  error: string | null;
  turnId: string | null;
  ticketIds: string[];
  headersMs: number;
  totalMs: number;
}

export interface LoadResult {
  turns: TurnRecord[];
  wallMs: number;
  errors: number;
  errorKinds: Map<string, number>;
  lostTurns: number;
  conversationsWithLoss: number;
  /** Handoff turns whose stream announced no ticket. */
  handoffsWithoutTicket: number;
  announcedTickets: number;
  lostTickets: number;
  duplicateTickets: number;
  /** turnId -> the answer class the Worker recorded in the turn's audit record. */
  answerClass: Map<string, string>;
}

const BASE = 'http://aisle.load';

const PRODUCT = ['Do you have a waterproof jacket?', 'merino t-shirt in size M', 'show me fleece jackets', 'hiking trousers under 100', 'a warm down jacket for winter', 'do you sell rain jackets?', 'softshell jacket for men', 'merino leggings'];
const POLICY = ['What is your return policy?', 'How long does shipping take?', 'Do you ship internationally?', 'What payment methods do you accept?', 'How does the warranty work?', 'Can I exchange an item for another size?'];
const HANDOFF = ['I want a refund for my order', 'My parcel arrived damaged', 'Can I get a discount?', 'Please cancel my order'];

interface Plan {
  customer: string | null;
  turns: { kind: TurnClass; text: string }[];
}

/** Conversation i's turns: four shapes in rotation, two of them from signed-in customers. */
function plan(i: number, turns: number): Plan {
  const customers = orders.customers.filter((c) => orders.orders.some((o) => o.customerId === c.id));
  const customer = customers[i % customers.length];
  const order = orders.orders.filter((o) => o.customerId === customer.id)[Math.floor(i / customers.length) % 2] ?? orders.orders.find((o) => o.customerId === customer.id)!;
  const pick = (xs: string[], k: number) => xs[(i + k) % xs.length];
  const shapes: { verified: boolean; kinds: TurnClass[] }[] = [
    { verified: false, kinds: ['product', 'policy', 'product'] },
    { verified: false, kinds: ['policy', 'product', 'handoff'] },
    { verified: true, kinds: ['order', 'product', 'policy'] },
    { verified: true, kinds: ['order', 'policy', 'handoff'] },
  ];
  const shape = shapes[i % shapes.length];
  const kinds = Array.from({ length: turns }, (_, k) => shape.kinds[k % shape.kinds.length]);
  // One handoff per conversation: a second one of the same category would (rightly) reuse the ticket.
  const seenHandoff = kinds.map((k, n) => (k === 'handoff' && kinds.indexOf('handoff') !== n ? 'product' : k));
  return {
    customer: shape.verified ? customer.id : null,
    turns: seenHandoff.map((kind, k) => ({
      kind,
      text:
        kind === 'product' ? pick(PRODUCT, k) : kind === 'policy' ? pick(POLICY, k) : kind === 'handoff' ? pick(HANDOFF, k) : k === 0 ? `Where is my order ${order.number}?` : 'Has my last order shipped?',
    })),
  };
}

async function call(send: Send, method: string, path: string, key?: string, body?: unknown) {
  const res = await send(
    new Request(BASE + path, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : {};
}

/** Creates a shop through the operator API and imports the demo catalog, policies, customers and orders. */
export async function seedLoadShop(send: Send, operatorKey: string, shopId: string): Promise<LoadShop> {
  const created = await call(send, 'POST', '/v1/shops', operatorKey, { id: shopId, name: 'Load shop' });
  const keys: LoadShop = { shopId, adminKey: created.adminKey, agentKey: created.agentKey, identitySecret: created.identitySecret, identityKid: created.identityKid };
  await call(send, 'PUT', `/v1/shops/${shopId}/catalog`, keys.adminKey, { format: 'aisle', products: catalog.products });
  await call(send, 'PUT', `/v1/shops/${shopId}/policies`, keys.adminKey, { policies: policies.policies });
  await call(send, 'PUT', `/v1/shops/${shopId}/orders`, keys.adminKey, orders);
  return keys;
}

/** A client address per conversation, as Cloudflare would set it. */
const clientIp = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

interface Part {
  type: string;
  data?: { ticketId?: string; id?: string };
}

function readParts(text: string): Part[] {
  const parts: Part[] = [];
  for (const block of text.split('\n\n')) {
    const line = block.split('\n').find((l) => l.startsWith('data: '));
    if (!line || line === 'data: [DONE]') continue;
    try {
      parts.push(JSON.parse(line.slice(6)));
    } catch {
      parts.push({ type: 'unreadable' });
    }
  }
  return parts;
}

async function oneTurn(send: Send, shop: LoadShop, conv: { id: string; i: number; token: string | null }, turn: { kind: TurnClass; text: string }, position: number, timeoutMs: number): Promise<TurnRecord> {
  const started = performance.now();
  const rec: TurnRecord = { conversation: conv.i, position, planned: turn.kind, text: turn.text, status: 0, error: null, turnId: null, ticketIds: [], headersMs: 0, totalMs: 0 };
  try {
    const res = await send(
      new Request(`${BASE}/v1/shops/${shop.shopId}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': clientIp(conv.i), ...(conv.token ? { authorization: `Bearer ${conv.token}` } : {}) },
        body: JSON.stringify({ conversationId: conv.id, message: { text: turn.text } }),
        signal: AbortSignal.timeout(timeoutMs),
      }),
    );
    rec.status = res.status;
    rec.headersMs = performance.now() - started;
    rec.turnId = res.headers.get('x-aisle-turn');
    const body = await res.text();
    if (!res.ok) rec.error = `HTTP ${res.status}: ${body.replace(/\s+/g, ' ').slice(0, 80)}`;
    else {
      const parts = readParts(body);
      if (parts.some((p) => p.type === 'error')) rec.error = 'stream error part';
      else if (!parts.some((p) => p.type === 'finish')) rec.error = 'stream ended without finish';
      rec.ticketIds = parts.filter((p) => p.type === 'data-handoff').map((p) => p.data?.ticketId ?? p.data?.id ?? '').filter(Boolean);
    }
  } catch (err) {
    rec.error = `client: ${(err as Error).name}: ${(err as Error).message}`.slice(0, 120);
  }
  rec.totalMs = performance.now() - started;
  return rec;
}

export async function runLoad(send: Send, shop: LoadShop, options: LoadOptions): Promise<LoadResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const convs = await Promise.all(
    Array.from({ length: options.conversations }, async (_, i) => {
      const p = plan(i, options.turns);
      const token = p.customer ? await signCustomerToken({ shopId: shop.shopId, secret: shop.identitySecret, kid: shop.identityKid, customerId: p.customer, ttlSeconds: 3600 }) : null;
      return { id: crypto.randomUUID(), i, token, plan: p };
    }),
  );
  const started = performance.now();
  const records = (
    await Promise.all(
      convs.map(async (conv) => {
        const out: TurnRecord[] = [];
        for (const [position, turn] of conv.plan.turns.entries()) {
          const rec = await oneTurn(send, shop, conv, turn, position, timeoutMs);
          options.onTurnRead?.(rec.turnId, turn.kind);
          out.push(rec);
        }
        return out;
      }),
    )
  ).flat();
  const wallMs = performance.now() - started;

  // Read back every conversation (as its own shopper) and its audit trail (as an agent).
  const answerClass = new Map<string, string>();
  let lostTurns = 0;
  let conversationsWithLoss = 0;
  const storedTicketsByConv = new Map<string, number>();
  for (const conv of convs) {
    const history = await call(send, 'GET', `/v1/shops/${shop.shopId}/conversations/${conv.id}`, conv.token ?? undefined).catch(() => ({ messages: [] }));
    const messages = history.messages as { role: string; parts: { type: string; text?: string }[] }[];
    const texts = messages.map((m) => ({ role: m.role, text: m.parts.filter((p) => p.type === 'text').map((p) => p.text).join('') }));
    let lost = 0;
    let at = 0;
    for (const turn of conv.plan.turns) {
      // A stored turn: the shopper's message, followed by the assistant's reply.
      const k = texts.findIndex((m, n) => n >= at && m.role === 'user' && m.text === turn.text);
      if (k < 0 || texts[k + 1]?.role !== 'assistant') lost++;
      else at = k + 2;
    }
    lostTurns += lost;
    if (lost) conversationsWithLoss++;
    const audit = await call(send, 'GET', `/v1/shops/${shop.shopId}/conversations/${conv.id}/audit`, shop.agentKey).catch(() => ({ audit: [] }));
    for (const a of audit.audit as { kind: string; turnId: string; answerClass?: string }[]) if (a.kind === 'turn' && a.turnId) answerClass.set(a.turnId, a.answerClass ?? 'other');
  }
  const tickets: { id: string; conversationId: string; category: string }[] = [];
  for (const status of ['open', 'pending', 'resolved'] as const) {
    for (const category of HANDOFF_CATEGORIES) {
      const out = await call(send, 'GET', `/v1/shops/${shop.shopId}/tickets?${new URLSearchParams({ status, category, limit: '200' })}`, shop.agentKey).catch(() => ({ tickets: [] }));
      tickets.push(...(out.tickets as typeof tickets));
    }
  }
  const storedIds = new Set(tickets.map((t) => t.id));
  const announced = new Set(records.flatMap((r) => r.ticketIds));
  for (const t of tickets) storedTicketsByConv.set(`${t.conversationId}:${t.category}`, (storedTicketsByConv.get(`${t.conversationId}:${t.category}`) ?? 0) + 1);
  const duplicateTickets = [...storedTicketsByConv.values()].reduce((s, n) => s + (n - 1), 0) + (tickets.length - storedIds.size);

  const errorKinds = new Map<string, number>();
  for (const r of records) if (r.error) errorKinds.set(`${r.planned}: ${r.error.replace(/[0-9a-f]{8,}/g, '…')}`, (errorKinds.get(`${r.planned}: ${r.error.replace(/[0-9a-f]{8,}/g, '…')}`) ?? 0) + 1);
  return {
    turns: records,
    wallMs,
    errors: records.filter((r) => r.error).length,
    errorKinds,
    lostTurns,
    conversationsWithLoss,
    handoffsWithoutTicket: records.filter((r) => r.planned === 'handoff' && !r.error && r.ticketIds.length === 0).length,
    announcedTickets: announced.size,
    lostTickets: [...announced].filter((id) => !storedIds.has(id)).length,
    duplicateTickets,
    answerClass,
  };
}

export const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** The report both halves print. */
export function describeLoad(label: string, r: LoadResult, extra: string[] = []): string {
  const ms = (xs: number[]) => ['p50', 'p90', 'p99', 'max'].map((k, n) => `${k} ${(k === 'max' ? Math.max(...xs) : pct(xs, [50, 90, 99][n])).toFixed(0)}`).join(', ');
  const ok = r.turns.filter((t) => !t.error);
  const byPlanned = (['product', 'policy', 'order', 'handoff'] as const).map((k) => {
    const ts = r.turns.filter((t) => t.planned === k);
    return `${k} ${ts.length - ts.filter((t) => t.error).length}/${ts.length}`;
  });
  const conversations = new Set(r.turns.map((t) => t.conversation)).size;
  const lines = [
    `${label}: ${conversations} conversations x ${r.turns.length / conversations} turns at once, ${(r.wallMs / 1000).toFixed(1)} s`,
    `    answered ${ok.length}/${r.turns.length} (${byPlanned.join(', ')}; by position in the conversation ${[...new Set(r.turns.map((t) => t.position))].map((p) => `${p + 1}: ${r.turns.filter((t) => t.position === p && !t.error).length}/${r.turns.filter((t) => t.position === p).length}`).join(', ')})`,
    `    errors ${r.errors}; lost turns ${r.lostTurns} (in ${r.conversationsWithLoss} conversations); tickets announced ${r.announcedTickets}, lost ${r.lostTickets}, duplicate ${r.duplicateTickets}; handoff turns without a ticket ${r.handoffsWithoutTicket}`,
    ...[...r.errorKinds].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, n]) => `      ${n} x ${k}`),
    `    latency ms, whole turn (stream read to the end): ${ms(ok.map((t) => t.totalMs))}`,
    `    latency ms, to response headers:                ${ms(ok.map((t) => t.headersMs))}`,
    ...extra,
  ];
  return lines.join('\n');
}
