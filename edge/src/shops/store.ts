import { ShopSettings, type ShopView } from '../../../shared/shop';
import { decryptSecret, encryptSecret, randomSecret, sha256Hex } from '../lib/crypto';
import { newId, nowIso } from '../lib/ids';

export interface IdentityKey {
  kid: string;
  /** AES-GCM sealed with AISLE_SECRET_KEY. */
  secret: string;
  createdAt: string;
}

export interface ShopRecord {
  id: string;
  name: string;
  settings: ShopSettings;
  allowedOrigins: string[];
  identityKeys: IdentityKey[];
  createdAt: string;
  updatedAt: string;
}

interface ShopRow {
  id: string;
  name: string;
  settings: string;
  allowed_origins: string;
  identity_secrets: string;
  created_at: string;
  updated_at: string;
}

function fromRow(row: ShopRow): ShopRecord {
  return {
    id: row.id,
    name: row.name,
    settings: ShopSettings.parse(JSON.parse(row.settings)),
    allowedOrigins: JSON.parse(row.allowed_origins),
    identityKeys: JSON.parse(row.identity_secrets),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function shopView(shop: ShopRecord): ShopView {
  return {
    id: shop.id,
    name: shop.name,
    allowedOrigins: shop.allowedOrigins,
    settings: shop.settings,
    identityKeys: shop.identityKeys.map(({ kid, createdAt }) => ({ kid, createdAt })),
    createdAt: shop.createdAt,
  };
}

/**
 * The parsed shop per isolate, keyed by id and reused while its row is unchanged: every request
 * reads the row (so a change is seen at once), and parsing and validating its JSON columns runs
 * only when they differ from the last read. Bounded; the oldest shop goes first.
 */
const SHOP_CACHE_MAX = 256;
const shopCache = new Map<string, { row: ShopRow; record: ShopRecord }>();
const sameRow = (a: ShopRow, b: ShopRow) =>
  a.name === b.name && a.settings === b.settings && a.allowed_origins === b.allowed_origins && a.identity_secrets === b.identity_secrets && a.created_at === b.created_at && a.updated_at === b.updated_at;

export async function getShop(db: D1Database, id: string): Promise<ShopRecord | null> {
  const row = await db.prepare('SELECT * FROM shops WHERE id = ?').bind(id).first<ShopRow>();
  if (!row) return null;
  const hit = shopCache.get(id);
  if (hit && sameRow(hit.row, row)) return hit.record;
  const record = fromRow(row);
  shopCache.delete(id);
  if (shopCache.size >= SHOP_CACHE_MAX) shopCache.delete(shopCache.keys().next().value!);
  shopCache.set(id, { row, record });
  return record;
}

/** Keys look like `ask_admin_<shop>_<random>`; only their SHA-256 is stored. */
export const newApiKey = (shopId: string, kind: 'admin' | 'agent') => `ask_${kind}_${shopId}_${randomSecret(24)}`;

export interface CreatedShop {
  shop: ShopRecord;
  adminKey: string;
  agentKey: string;
  identitySecret: string;
}

export async function createShop(
  db: D1Database,
  secretKey: string,
  input: { id: string; name: string; allowedOrigins: string[]; settings?: Partial<ShopSettings> },
): Promise<CreatedShop> {
  const now = nowIso();
  const identitySecret = randomSecret(32);
  const identityKeys: IdentityKey[] = [{ kid: 'k1', secret: await encryptSecret(secretKey, identitySecret), createdAt: now }];
  const settings = ShopSettings.parse(input.settings ?? {});
  const adminKey = newApiKey(input.id, 'admin');
  const agentKey = newApiKey(input.id, 'agent');
  await db.batch([
    db
      .prepare('INSERT INTO shops (id, name, settings, allowed_origins, identity_secrets, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .bind(input.id, input.name, JSON.stringify(settings), JSON.stringify(input.allowedOrigins), JSON.stringify(identityKeys), now, now),
    insertKey(db, input.id, 'admin', await sha256Hex(adminKey), 'created with shop', now),
    insertKey(db, input.id, 'agent', await sha256Hex(agentKey), 'created with shop', now),
  ]);
  const shop = (await getShop(db, input.id))!;
  return { shop, adminKey, agentKey, identitySecret };
}

export const insertKey = (db: D1Database, shopId: string, kind: 'admin' | 'agent', hash: string, label: string | null, now = nowIso()) =>
  db
    .prepare('INSERT INTO shop_keys (id, shop_id, kind, hash, label, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(newId('key', 12), shopId, kind, hash, label, now);

/** Finds the live (not revoked) key of this shop and kind; a key of another shop never matches. */
export async function findKey(db: D1Database, shopId: string, kind: 'admin' | 'agent', presented: string) {
  const hash = await sha256Hex(presented);
  return db
    .prepare('SELECT id, label FROM shop_keys WHERE hash = ? AND shop_id = ? AND kind = ? AND revoked_at IS NULL')
    .bind(hash, shopId, kind)
    .first<{ id: string; label: string | null }>();
}

export async function updateShop(
  db: D1Database,
  id: string,
  patch: { name?: string; settings?: ShopSettings; allowedOrigins?: string[]; identityKeys?: IdentityKey[] },
) {
  const sets: string[] = [];
  const values: unknown[] = [];
  if (patch.name !== undefined) sets.push('name = ?'), values.push(patch.name);
  if (patch.settings !== undefined) sets.push('settings = ?'), values.push(JSON.stringify(patch.settings));
  if (patch.allowedOrigins !== undefined) sets.push('allowed_origins = ?'), values.push(JSON.stringify(patch.allowedOrigins));
  if (patch.identityKeys !== undefined) sets.push('identity_secrets = ?'), values.push(JSON.stringify(patch.identityKeys));
  sets.push('updated_at = ?');
  values.push(nowIso(), id);
  await db.prepare(`UPDATE shops SET ${sets.join(', ')} WHERE id = ?`).bind(...values).run();
}

/** Plain identity secrets by kid, for token verification. */
export async function identitySecrets(secretKey: string, shop: ShopRecord): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const k of shop.identityKeys) out.set(k.kid, await decryptSecret(secretKey, k.secret));
  return out;
}
