import { DEFAULT_WEBHOOK_EVENTS, type WebhookEventSelector } from '../../../shared/ticket';
import { decryptSecret, encryptSecret } from '../lib/crypto';
import { newId, nowIso } from '../lib/ids';
import { newWebhookSecret } from './signing';

/** Webhook endpoints of a shop. Secrets are stored sealed with AISLE_SECRET_KEY, newest first. */

export interface EndpointRow {
  id: string;
  shop_id: string;
  url: string;
  secrets: string;
  events: string;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_at: string;
}

export interface EndpointView {
  id: string;
  url: string;
  events: string[];
  /** How many secrets are live: 2 during a rotation. */
  liveSecrets: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export const endpointView = (row: EndpointRow): EndpointView => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events),
  liveSecrets: (JSON.parse(row.secrets) as string[]).length,
  disabledAt: row.disabled_at,
  disabledReason: row.disabled_reason,
  createdAt: row.created_at,
});

/**
 * Why a URL may not receive webhooks, or null when it may. Only https, except plain http to
 * this machine when local receivers are allowed (tests and `npm start`).
 */
export function webhookUrlProblem(raw: string, allowLocal: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not contain credentials';
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (local && !allowLocal) return 'local addresses are only allowed in demo mode or with ALLOW_LOCAL_WEBHOOKS=true';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && local && allowLocal) return null;
  return 'must use https';
}

export const allowLocalWebhooks = (env: Env) => env.DEMO_MODE === 'true' || env.ALLOW_LOCAL_WEBHOOKS === 'true';

/** `events` (added in v1.1) opts in to more event types; the default is both ticket events. */
export async function createEndpoint(
  db: D1Database,
  secretKey: string,
  shopId: string,
  url: string,
  events: readonly WebhookEventSelector[] = DEFAULT_WEBHOOK_EVENTS,
): Promise<{ row: EndpointRow; secret: string }> {
  const secret = newWebhookSecret();
  const row: EndpointRow = {
    id: newId('whe', 16),
    shop_id: shopId,
    url,
    secrets: JSON.stringify([await encryptSecret(secretKey, secret)]),
    events: JSON.stringify([...new Set(events)]),
    disabled_at: null,
    disabled_reason: null,
    created_at: nowIso(),
  };
  await db
    .prepare('INSERT INTO webhook_endpoints (id, shop_id, url, secrets, events, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(row.id, row.shop_id, row.url, row.secrets, row.events, row.created_at)
    .run();
  return { row, secret };
}

export const getEndpoint = (db: D1Database, shopId: string, id: string) =>
  db.prepare('SELECT * FROM webhook_endpoints WHERE shop_id = ? AND id = ?').bind(shopId, id).first<EndpointRow>();

export async function listEndpoints(db: D1Database, shopId: string, opts: { enabledOnly?: boolean } = {}): Promise<EndpointRow[]> {
  const sql = `SELECT * FROM webhook_endpoints WHERE shop_id = ?${opts.enabledOnly ? ' AND disabled_at IS NULL' : ''} ORDER BY created_at, rowid`;
  const { results } = await db.prepare(sql).bind(shopId).all<EndpointRow>();
  return results;
}

/** Adds a new secret in front; the previous one stays valid until `dropOldSecrets`. At most two are live. */
export async function rotateSecret(db: D1Database, secretKey: string, row: EndpointRow): Promise<string> {
  const secret = newWebhookSecret();
  const sealed = [await encryptSecret(secretKey, secret), ...(JSON.parse(row.secrets) as string[])].slice(0, 2);
  await db.prepare('UPDATE webhook_endpoints SET secrets = ? WHERE shop_id = ? AND id = ?').bind(JSON.stringify(sealed), row.shop_id, row.id).run();
  return secret;
}

export async function dropOldSecrets(db: D1Database, row: EndpointRow): Promise<void> {
  const sealed = (JSON.parse(row.secrets) as string[]).slice(0, 1);
  await db.prepare('UPDATE webhook_endpoints SET secrets = ? WHERE shop_id = ? AND id = ?').bind(JSON.stringify(sealed), row.shop_id, row.id).run();
}

export async function deleteEndpoint(db: D1Database, shopId: string, id: string): Promise<boolean> {
  const res = await db.prepare('DELETE FROM webhook_endpoints WHERE shop_id = ? AND id = ?').bind(shopId, id).run();
  return res.meta.changes > 0;
}

export async function setEndpointDisabled(db: D1Database, shopId: string, id: string, reason: string | null): Promise<void> {
  await db
    .prepare('UPDATE webhook_endpoints SET disabled_at = ?, disabled_reason = ? WHERE shop_id = ? AND id = ?')
    .bind(reason ? nowIso() : null, reason, shopId, id)
    .run();
}

export async function openSecrets(secretKey: string, row: EndpointRow): Promise<string[]> {
  return Promise.all((JSON.parse(row.secrets) as string[]).map((s) => decryptSecret(secretKey, s)));
}
