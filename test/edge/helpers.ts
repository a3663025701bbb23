import { createExecutionContext, env, SELF } from 'cloudflare:test';
import { sign } from 'hono/jwt';
import { chooseEngine, type EngineChoice } from '../../edge/src/chat/pipeline';
import { createApp } from '../../edge/src/index';

export const BASE = 'http://aisle.test';
export const OPERATOR_KEY = 'test-operator-key';

/** The app requests go to while a test replaces the language model; the Worker itself otherwise. */
let withEngine: ReturnType<typeof createApp> | null = null;

/**
 * Replaces the language model (and only it) for the requests that follow: `pick` returns the
 * engine for a turn, or null for the product's own choice. The real app is built with it as its
 * dependency (`createApp`), so production code holds no swappable global. `useEngine(null)` goes
 * back to the Worker.
 */
export function useEngine(pick: ((env: Env) => EngineChoice | null) | null): void {
  withEngine = pick ? createApp({ chooseEngine: (e) => pick(e) ?? chooseEngine(e) }) : null;
}

export const api = (path: string, init?: RequestInit): Promise<Response> =>
  withEngine ? Promise.resolve(withEngine.fetch(new Request(BASE + path, init), env, createExecutionContext())) : SELF.fetch(BASE + path, init);

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export interface TestShop {
  shopId: string;
  adminKey: string;
  agentKey: string;
  identitySecret: string;
  identityKid: string;
}

let counter = 0;
/** Creates a shop through the real operator API. */
export async function createShop(id = `shop-${Date.now().toString(36)}-${counter++}`, extra: Record<string, unknown> = {}): Promise<TestShop> {
  const res = await api('/v1/shops', json({ id, name: `Test shop ${id}`, ...extra }, { authorization: `Bearer ${OPERATOR_KEY}` }));
  if (res.status !== 201) throw new Error(`createShop ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { adminKey: string; agentKey: string; identitySecret: string; identityKid: string };
  return { shopId: id, ...body };
}

/** Signs a customer token the way a merchant's server does. Overrides let tests break it. */
export async function signCustomerToken(
  shop: Pick<TestShop, 'shopId' | 'identitySecret'>,
  customerId: string,
  overrides: { claims?: Record<string, unknown>; secret?: string; header?: { kid?: string } } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: shop.shopId, aud: 'aisle', sub: customerId, iat: now, exp: now + 900, ...overrides.claims };
  const token = await sign(payload, overrides.secret ?? shop.identitySecret, 'HS256');
  if (!overrides.header) return token;
  // hono/jwt signs without a kid; re-sign with a custom header when a test needs one.
  const [, body] = token.split('.');
  const head = btoa(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...overrides.header })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(overrides.secret ?? shop.identitySecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${head}.${body}`)));
  const sigB64 = btoa(String.fromCharCode(...sig)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${head}.${body}.${sigB64}`;
}

export interface StreamPart {
  type: string;
  [key: string]: unknown;
}

/** Reads a UI message stream (SSE) into its parts. */
export async function readStream(res: Response): Promise<StreamPart[]> {
  const text = await res.text();
  const parts: StreamPart[] = [];
  for (const block of text.split('\n\n')) {
    const line = block.split('\n').find((l) => l.startsWith('data: '));
    if (!line) continue;
    const data = line.slice(6);
    if (data === '[DONE]') continue;
    parts.push(JSON.parse(data));
  }
  return parts;
}

export const textOf = (parts: StreamPart[]) =>
  parts
    .filter((p) => p.type === 'text-delta')
    .map((p) => p.delta as string)
    .join('');

export const dataOf = <T = unknown>(parts: StreamPart[], name: string): T[] =>
  parts.filter((p) => p.type === `data-${name}`).map((p) => p.data as T);

export interface ChatResult {
  res: Response;
  parts: StreamPart[];
  text: string;
}

/** Sends one chat message through the real app and reads the whole stream. */
export async function chat(
  shopId: string,
  body: { conversationId?: string; text: string; locale?: string; extra?: Record<string, unknown> },
  opts: { token?: string; origin?: string } = {},
): Promise<ChatResult & { conversationId: string }> {
  const conversationId = body.conversationId ?? crypto.randomUUID();
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.origin) headers.origin = opts.origin;
  const res = await api(
    `/v1/shops/${shopId}/chat`,
    json({ conversationId, message: { text: body.text }, ...(body.locale ? { locale: body.locale } : {}), ...body.extra }, headers),
  );
  if (!res.ok) return { res, parts: [], text: '', conversationId };
  const parts = await readStream(res);
  return { res, parts, text: textOf(parts), conversationId };
}

/**
 * A shop seeded with the demo data through the real admin APIs (catalog, policies,
 * customers and orders), as `npm start` does. Each test file has isolated storage.
 */
export async function seedDemoShop(id?: string): Promise<TestShop> {
  const [catalog, policies, orders] = await Promise.all([
    import('../../edge/src/demo/data/catalog.json'),
    import('../../edge/src/demo/data/policies.json'),
    import('../../edge/src/demo/data/orders.json'),
  ]);
  const shop = await createShop(id);
  const admin = { authorization: `Bearer ${shop.adminKey}` };
  const put = async (path: string, body: unknown) => {
    const res = await api(`/v1/shops/${shop.shopId}${path}`, { ...json(body, admin), method: 'PUT' });
    if (!res.ok) throw new Error(`seed ${path}: ${res.status} ${await res.text()}`);
  };
  await put('/catalog', { format: 'aisle', products: catalog.default.products });
  await put('/policies', { policies: policies.default.policies });
  await put('/orders', { customers: orders.default.customers, orders: orders.default.orders });
  return shop;
}

/** Scripted mock language model: each call to the model plays the next script entry. */
export type ScriptStep =
  | { text: string }
  | { toolCalls: { toolName: string; input: Record<string, unknown> }[] }
  | { error: Error }
  | { hang: true };
