import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../../edge/src/index';
import { RETENTION_CRON, runRetention } from '../../../edge/src/retention';
import { chat, createShop, type TestShop } from '../helpers';
import { call } from './support';

const DAY = 86_400_000;
const ago = (days: number, now = Date.now()) => new Date(now - days * DAY).toISOString();

/** Writes a conversation with one message per timestamp and an audit record per message, as the chat pipeline would. */
async function seedConversation(shopId: string, messageTimes: string[]) {
  const id = crypto.randomUUID();
  const first = messageTimes[0];
  const last = messageTimes[messageTimes.length - 1];
  await env.DB.prepare('INSERT INTO conversations (id, shop_id, customer_id, locale, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?)')
    .bind(id, shopId, 'en', first, last)
    .run();
  await env.DB.batch(
    messageTimes.flatMap((at, i) => [
      env.DB.prepare('INSERT INTO messages (id, conversation_id, shop_id, role, parts, created_at) VALUES (?, ?, ?, ?, ?, ?)').bind(
        `msg_${id}_${i}`,
        id,
        shopId,
        'user',
        JSON.stringify([{ type: 'text', text: `message ${i}` }]),
        at,
      ),
      env.DB.prepare('INSERT INTO audit_events (id, shop_id, conversation_id, turn_id, kind, customer_id, data, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)').bind(
        `aud_${id}_${i}`,
        shopId,
        id,
        `turn_${i}`,
        'turn',
        JSON.stringify({ message: `message ${i}` }),
        at,
      ),
    ]),
  );
  return id;
}

const count = async (sql: string, ...args: unknown[]) => ((await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!).n;
const conversationExists = (id: string) => count('SELECT COUNT(*) AS n FROM conversations WHERE id = ?', id).then((n) => n === 1);
const messagesOf = (id: string) => count('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?', id);
const auditOf = (id: string) => count('SELECT COUNT(*) AS n FROM audit_events WHERE conversation_id = ?', id);

async function shopWithRetention(days: number): Promise<TestShop> {
  const s = await createShop();
  const res = await call('PATCH', `/v1/shops/${s.shopId}`, s.adminKey, { settings: { retentionDays: days } });
  expect(res.status).toBe(200);
  return s;
}

describe('retention', () => {
  it("deletes each shop's conversations, messages and audit records older than its own retentionDays", async () => {
    const short = await shopWithRetention(30);
    const long = await shopWithRetention(365);
    const now = Date.now();

    const oldInShort = await seedConversation(short.shopId, [ago(100, now), ago(99, now)]);
    const oldInLong = await seedConversation(long.shopId, [ago(100, now), ago(99, now)]);
    const ancientInLong = await seedConversation(long.shopId, [ago(400, now)]);
    // Started long ago, still in use: only its old message and audit record go.
    const ongoing = await seedConversation(short.shopId, [ago(45, now), ago(2, now)]);
    // A real conversation from today, through the chat API.
    const fresh = await chat(short.shopId, { text: 'hello' });
    expect(fresh.res.status).toBe(200);
    expect(await messagesOf(fresh.conversationId)).toBe(2);

    const reports = await runRetention(env, new Date(now));
    const shortReport = reports.find((r) => r.shopId === short.shopId)!;
    expect(shortReport).toMatchObject({ retentionDays: 30, conversations: 1, messages: 3, auditRecords: 3 });

    expect(await conversationExists(oldInShort)).toBe(false);
    expect(await messagesOf(oldInShort)).toBe(0);
    expect(await auditOf(oldInShort)).toBe(0);

    expect(await conversationExists(ongoing)).toBe(true);
    expect(await messagesOf(ongoing)).toBe(1);
    expect(await auditOf(ongoing)).toBe(1);

    expect(await conversationExists(fresh.conversationId)).toBe(true);
    expect(await messagesOf(fresh.conversationId)).toBe(2);
    expect(await auditOf(fresh.conversationId)).toBeGreaterThan(0);

    // The other shop keeps a year: its 100-day-old conversation stays, the 400-day-old one goes.
    expect(await conversationExists(oldInLong)).toBe(true);
    expect(await messagesOf(oldInLong)).toBe(2);
    expect(await auditOf(oldInLong)).toBe(2);
    expect(await conversationExists(ancientInLong)).toBe(false);
    expect(await auditOf(ancientInLong)).toBe(0);

    // The shopper sees the fresh conversation, not the deleted one.
    const restored = await fetchConversationStatus(short.shopId, fresh.conversationId);
    expect(restored).toBe(200);
    expect(await fetchConversationStatus(short.shopId, oldInShort)).toBe(404);
  });

  it('clears old webhook delivery bookkeeping but keeps events still pending and the tickets', async () => {
    const s = await shopWithRetention(30);
    const now = Date.now();
    const old = ago(60, now);
    const recent = ago(1, now);
    const event = (id: string, status: string, at: string) =>
      env.DB.prepare('INSERT INTO outbox_events (id, shop_id, type, ticket_id, payload, status, queued_at, send_attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)').bind(
        id, s.shopId, 'ticket.created', 'tkt_x', '{}', status, at, at, at,
      );
    const attempt = (id: string, eventId: string, at: string) =>
      env.DB.prepare('INSERT INTO webhook_deliveries (id, shop_id, event_id, endpoint_id, attempt, outcome, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)').bind(id, s.shopId, eventId, 'whe_x', 'delivered', at);
    await env.DB.batch([
      event('evt_old_done', 'delivered', old),
      event('evt_old_pending', 'pending', old),
      event('evt_new_done', 'delivered', recent),
      attempt('del_old', 'evt_old_done', old),
      attempt('del_new', 'evt_new_done', recent),
      env.DB.prepare('INSERT INTO order_webhook_receipts (shop_id, platform, delivery_id, received_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?)').bind(
        s.shopId, 'shopify', 'old-delivery', old, s.shopId, 'shopify', 'new-delivery', recent,
      ),
    ]);
    const [report] = (await runRetention(env, new Date(now))).filter((r) => r.shopId === s.shopId);
    expect(report.deliveryLog).toBe(3);
    const ids = async (sql: string) => (await env.DB.prepare(sql).bind(s.shopId).all<{ id: string }>()).results.map((r) => r.id).sort();
    expect(await ids('SELECT id FROM outbox_events WHERE shop_id = ?')).toEqual(['evt_new_done', 'evt_old_pending']);
    expect(await ids('SELECT id FROM webhook_deliveries WHERE shop_id = ?')).toEqual(['del_new']);
    expect(await ids('SELECT delivery_id AS id FROM order_webhook_receipts WHERE shop_id = ?')).toEqual(['new-delivery']);
  });

  it('deletes more rows than one chunk in a single run', async () => {
    const s = await shopWithRetention(7);
    const times = Array.from({ length: 120 }, (_, i) => ago(30 + i / 1000));
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await seedConversation(s.shopId, times));
    expect(await count('SELECT COUNT(*) AS n FROM messages WHERE shop_id = ?', s.shopId)).toBe(720);
    const [report] = (await runRetention(env)).filter((r) => r.shopId === s.shopId);
    expect(report).toMatchObject({ conversations: 6, messages: 720, auditRecords: 720 });
    expect(await count('SELECT COUNT(*) AS n FROM messages WHERE shop_id = ?', s.shopId)).toBe(0);
  });

  it('runs from the daily cron of the scheduled handler, and not from the every-minute one', async () => {
    const s = await shopWithRetention(10);
    const old = await seedConversation(s.shopId, [ago(20)]);

    const minute = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), env, minute);
    await waitOnExecutionContext(minute);
    expect(await conversationExists(old)).toBe(true);

    const daily = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: RETENTION_CRON, scheduledTime: Date.now() }), env, daily);
    await waitOnExecutionContext(daily);
    expect(await conversationExists(old)).toBe(false);
    expect(await auditOf(old)).toBe(0);
  });
});

async function fetchConversationStatus(shopId: string, id: string) {
  const res = await call('GET', `/v1/shops/${shopId}/conversations/${id}`);
  await res.body?.cancel();
  return res.status;
}
