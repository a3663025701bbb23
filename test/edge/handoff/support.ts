import { env } from 'cloudflare:test';
import { inject } from 'vitest';
import type { AisleDataParts, Locale } from '../../../shared/chat';
import type { PolicyPassage } from '../../../shared/catalog';
import type { Identity } from '../../../shared/identity';
import { newEvidence, type DataPartOut, type Turn } from '../../../edge/src/turn/context';
import { insertMessage, listMessages, openConversation } from '../../../edge/src/conversations/store';
import { getShop, type ShopRecord } from '../../../edge/src/shops/store';
import { api, createShop, json, type TestShop } from '../helpers';

export interface HandoffShop extends TestShop {
  shop: ShopRecord;
}

/** A shop created through the real operator API, plus its stored record for building turns. */
export async function handoffShop(extra: Record<string, unknown> = {}): Promise<HandoffShop> {
  const created = await createShop(undefined, extra);
  return { ...created, shop: (await getShop(env.DB, created.shopId))! };
}

export interface TurnOptions {
  identity?: Identity;
  text: string;
  /** Earlier shopper lines stored in the conversation before this turn (assistant replies interleaved). */
  earlier?: string[];
  orders?: AisleDataParts['order'][];
  passages?: PolicyPassage[];
  locale?: Locale;
  conversationId?: string;
  /** Replaces bindings for fault injection (e.g. a queue whose send fails). */
  envOverrides?: Partial<Env>;
}

/**
 * A chat turn as the pipeline builds it: the conversation and its earlier messages are stored
 * with the real conversation store, and `history` is read back from D1.
 */
export async function makeTurn(shop: ShopRecord, options: TurnOptions): Promise<{ turn: Turn; emitted: DataPartOut[] }> {
  const identity = options.identity ?? { level: 'guest' };
  const conversationId = options.conversationId ?? crypto.randomUUID();
  const conv = await openConversation(env.DB, { id: conversationId, shopId: shop.id, identity });
  if (!conv) throw new Error('conversation not accessible');
  for (const line of options.earlier ?? []) {
    await env.DB.batch(insertMessage(env.DB, { id: conversationId, shopId: shop.id }, 'user', [{ type: 'text', text: line }]));
    await env.DB.batch(insertMessage(env.DB, { id: conversationId, shopId: shop.id }, 'assistant', [{ type: 'text', text: 'Let me check that for you.' }]));
  }
  const history = await listMessages(env.DB, conversationId);
  const evidence = newEvidence();
  evidence.orders.push(...(options.orders ?? []));
  evidence.passages.push(...(options.passages ?? []));
  const emitted: DataPartOut[] = [];
  const turnEnv = { ...env, ...options.envOverrides } as Env;
  const turn: Turn = {
    env: turnEnv,
    db: turnEnv.DB,
    shop,
    identity,
    conversationId,
    turnId: crypto.randomUUID(),
    text: options.text,
    locale: options.locale ?? 'en',
    history,
    signal: new AbortController().signal,
    evidence,
    emit: (part) => emitted.push(part),
    publicOrigin: 'https://shop.example',
  };
  return { turn, emitted };
}

/** A queue producer that always fails: the network to the queue is down. */
export const brokenQueue = { send: async () => Promise.reject(new Error('queue unavailable')), sendBatch: async () => Promise.reject(new Error('queue unavailable')) } as unknown as Queue;

// --- The 127.0.0.1 receiver started by receiver.global-setup.ts ---

export interface Received {
  webhookId: string | null;
  timestamp: string | null;
  signature: string | null;
  verified: boolean;
  answered: number;
  type: string | null;
  ticketId: string | null;
}

export const receiverUrl = () => inject('webhookReceiverUrl');

/** A fresh receiver path; `statuses` are answered in order, the last one repeats. */
export async function receiver(opts: { secrets?: string[]; statuses?: number[]; location?: string; retryAfter?: string } = {}) {
  const key = `r${crypto.randomUUID().slice(0, 8)}`;
  const base = receiverUrl();
  const configure = async (next: { secrets?: string[]; statuses?: number[]; location?: string; retryAfter?: string }) => {
    const res = await fetch(`${base}/_control/${key}`, { method: 'PUT', body: JSON.stringify(next) });
    if (res.status !== 204) throw new Error(`receiver control ${res.status}`);
  };
  if (Object.keys(opts).length) await configure(opts);
  return {
    key,
    url: `${base}/hook/${key}`,
    configure,
    received: async (): Promise<Received[]> => ((await (await fetch(`${base}/_control/${key}`)).json()) as { received: Received[] }).received,
  };
}

/** Registers a webhook endpoint through the admin API and tells the receiver its secret. */
export async function registerEndpoint(s: TestShop, rcv: Awaited<ReturnType<typeof receiver>>, statuses?: number[]) {
  const res = await api(`/v1/shops/${s.shopId}/webhook-endpoints`, json({ url: rcv.url }, { authorization: `Bearer ${s.adminKey}` }));
  if (res.status !== 201) throw new Error(`register endpoint ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { id: string; url: string; secret: string };
  await rcv.configure({ secrets: [body.secret], ...(statuses ? { statuses } : {}) });
  return body;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export const outboxStatus = async (eventId: string) =>
  (await env.DB.prepare('SELECT status FROM outbox_events WHERE id = ?').bind(eventId).first<{ status: string }>())!.status;

/** Polls `read` until `done` says so or `ms` pass (queues and receivers answer asynchronously). */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() - start > ms) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
