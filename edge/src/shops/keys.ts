import { sha256Hex } from '../lib/crypto';
import { newId, nowIso } from '../lib/ids';
import { newApiKey } from './store';

/** What admins see about a key: never its hash. */
export interface KeyView {
  id: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

interface KeyRow {
  id: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

const keyView = (r: KeyRow): KeyView => ({ id: r.id, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at });

/** Issues a new agent key; the plain key is returned once and only its SHA-256 is stored. */
export async function createAgentKey(db: D1Database, shopId: string, label: string | null): Promise<KeyView & { key: string }> {
  const key = newApiKey(shopId, 'agent');
  const id = newId('key', 12);
  const now = nowIso();
  await db
    .prepare("INSERT INTO shop_keys (id, shop_id, kind, hash, label, created_at) VALUES (?, ?, 'agent', ?, ?, ?)")
    .bind(id, shopId, await sha256Hex(key), label, now)
    .run();
  return { id, key, label, createdAt: now, revokedAt: null };
}

export async function listKeys(db: D1Database, shopId: string, kind: 'admin' | 'agent'): Promise<KeyView[]> {
  const { results } = await db
    .prepare('SELECT id, label, created_at, revoked_at FROM shop_keys WHERE shop_id = ? AND kind = ? ORDER BY created_at, id')
    .bind(shopId, kind)
    .all<KeyRow>();
  return results.map(keyView);
}

/**
 * Revokes one agent key of this shop. Keys are checked against D1 on every request,
 * so a revoked key stops working at once. Returns null when the shop has no such key.
 */
export async function revokeAgentKey(db: D1Database, shopId: string, id: string): Promise<KeyView | null> {
  await db
    .prepare("UPDATE shop_keys SET revoked_at = ? WHERE shop_id = ? AND id = ? AND kind = 'agent' AND revoked_at IS NULL")
    .bind(nowIso(), shopId, id)
    .run();
  const row = await db
    .prepare("SELECT id, label, created_at, revoked_at FROM shop_keys WHERE shop_id = ? AND id = ? AND kind = 'agent'")
    .bind(shopId, id)
    .first<KeyRow>();
  return row ? keyView(row) : null;
}

/** Replaces the admin key: the new one is inserted and every older admin key revoked in one batch. */
export async function rotateAdminKey(db: D1Database, shopId: string, label = 'rotated'): Promise<{ id: string; key: string; createdAt: string }> {
  const key = newApiKey(shopId, 'admin');
  const id = newId('key', 12);
  const now = nowIso();
  await db.batch([
    db.prepare("UPDATE shop_keys SET revoked_at = ? WHERE shop_id = ? AND kind = 'admin' AND revoked_at IS NULL").bind(now, shopId),
    db
      .prepare("INSERT INTO shop_keys (id, shop_id, kind, hash, label, created_at) VALUES (?, ?, 'admin', ?, ?, ?)")
      .bind(id, shopId, await sha256Hex(key), label, now),
  ]);
  return { id, key, createdAt: now };
}
