import { decryptSecret, encryptSecret } from '../lib/crypto';
import { nowIso } from '../lib/ids';

export type OrderPlatform = 'shopify' | 'woocommerce';
export const ORDER_PLATFORMS: OrderPlatform[] = ['shopify', 'woocommerce'];

/** Stores (or with null, removes) a platform's webhook secret, sealed with AISLE_SECRET_KEY. */
export async function setWebhookSecret(db: D1Database, secretKey: string, shopId: string, platform: OrderPlatform, secret: string | null) {
  if (secret === null) {
    await db.prepare('DELETE FROM order_webhook_secrets WHERE shop_id = ? AND platform = ?').bind(shopId, platform).run();
    return;
  }
  await db
    .prepare(
      `INSERT INTO order_webhook_secrets (shop_id, platform, secret, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (shop_id, platform) DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at`,
    )
    .bind(shopId, platform, await encryptSecret(secretKey, secret), nowIso())
    .run();
}

export async function getWebhookSecret(db: D1Database, secretKey: string, shopId: string, platform: OrderPlatform): Promise<string | null> {
  const row = await db
    .prepare('SELECT secret FROM order_webhook_secrets WHERE shop_id = ? AND platform = ?')
    .bind(shopId, platform)
    .first<{ secret: string }>();
  return row ? decryptSecret(secretKey, row.secret) : null;
}

export async function configuredPlatforms(db: D1Database, shopId: string): Promise<Record<OrderPlatform, boolean>> {
  const { results } = await db.prepare('SELECT platform FROM order_webhook_secrets WHERE shop_id = ?').bind(shopId).all<{ platform: OrderPlatform }>();
  const set = new Set(results.map((r) => r.platform));
  return { shopify: set.has('shopify'), woocommerce: set.has('woocommerce') };
}
