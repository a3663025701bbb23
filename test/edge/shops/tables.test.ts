import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { runRetention } from '../../../edge/src/retention';
import { TABLE_FATES, isShadowTable } from '../../../edge/src/retention/tables';
import { deleteCustomerData } from '../../../edge/src/shops/customer-data';
import { createShop } from '../helpers';

const tablesInDatabase = async () =>
  (
    await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'").all<{ name: string }>()
  ).results
    .map((t) => t.name)
    .filter((name) => !isShadowTable(name));

describe('every table has a fate under retention and customer deletion', () => {
  it('lists every table of the migrations in TABLE_FATES, and nothing that does not exist', async () => {
    const tables = await tablesInDatabase();
    expect(tables.length).toBeGreaterThan(20);
    const missing = tables.filter((t) => !TABLE_FATES[t]);
    expect(missing, `tables without a retention and deletion fate in edge/src/retention/tables.ts: ${missing.join(', ')}`).toEqual([]);
    expect(Object.keys(TABLE_FATES).filter((t) => !tables.includes(t))).toEqual([]);
    for (const [table, fate] of Object.entries(TABLE_FATES)) {
      expect(fate.retention.length, table).toBeGreaterThan(3);
      expect(fate.deletion.length, table).toBeGreaterThan(3);
    }
  });

  it('retention removes old sent mail and expired sessions, and keeps pending mail and live sessions', async () => {
    const shop = await createShop();
    const now = Date.now();
    const old = new Date(now - 400 * 86_400_000).toISOString();
    const fresh = new Date(now).toISOString();
    const mail = (id: string, status: string, at: string) =>
      env.DB.prepare("INSERT INTO mail_outbox (id, shop_id, to_address, from_address, subject, text_body, status, created_at, updated_at) VALUES (?, ?, 'a@example.com', 'shop@example.com', 's', 't', ?, ?, ?)").bind(
        id,
        shop.shopId,
        status,
        at,
        at,
      );
    const key = await env.DB.prepare("SELECT id FROM shop_keys WHERE shop_id = ? AND kind = 'agent'").bind(shop.shopId).first<{ id: string }>();
    const session = (hash: string, expires: string) =>
      env.DB.prepare("INSERT INTO people_sessions (id_hash, shop_id, key_id, kind, csrf_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, 'agent', 'x', ?, ?, ?)").bind(
        hash,
        shop.shopId,
        key!.id,
        old,
        old,
        expires,
      );
    await env.DB.batch([
      mail('mail_old_sent', 'sent', old),
      mail('mail_old_pending', 'pending', old),
      mail('mail_new_sent', 'sent', fresh),
      session('expired', new Date(now - 1000).toISOString()),
      session('live', new Date(now + 3_600_000).toISOString()),
    ]);
    const [report] = (await runRetention(env, new Date(now))).filter((r) => r.shopId === shop.shopId);
    expect(report).toMatchObject({ mail: 1, sessions: 1 });
    const ids = async (sql: string) => (await env.DB.prepare(sql).bind(shop.shopId).all<{ id: string }>()).results.map((r) => r.id).sort();
    expect(await ids('SELECT id FROM mail_outbox WHERE shop_id = ?')).toEqual(['mail_new_sent', 'mail_old_pending']);
    expect(await ids('SELECT id_hash AS id FROM people_sessions WHERE shop_id = ?')).toEqual(['live']);
  });

  it("customer deletion removes mail about the customer (by id or their address) and nobody else's", async () => {
    const shop = await createShop();
    const now = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO customers (shop_id, id, name, email, updated_at) VALUES (?, 'cus_1', 'Ann', 'Ann@Example.com', ?)").bind(shop.shopId, now),
      ...[
        ['mail_by_id', 'cus_1', 'other@example.com'],
        ['mail_by_address', null, 'ann@example.com'],
        ['mail_someone_else', 'cus_2', 'bo@example.com'],
      ].map(([id, customer, to]) =>
        env.DB.prepare("INSERT INTO mail_outbox (id, shop_id, customer_id, to_address, from_address, subject, text_body, created_at, updated_at) VALUES (?, ?, ?, ?, 'shop@example.com', 's', 't', ?, ?)").bind(
          id,
          shop.shopId,
          customer,
          to,
          now,
          now,
        ),
      ),
    ]);
    const deleted = await deleteCustomerData(env.DB, shop.shopId, 'cus_1');
    expect(deleted.mail).toBe(2);
    const left = (await env.DB.prepare('SELECT id FROM mail_outbox WHERE shop_id = ?').bind(shop.shopId).all<{ id: string }>()).results.map((r) => r.id);
    expect(left).toEqual(['mail_someone_else']);
  });
});
