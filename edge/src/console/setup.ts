import type { SetupChecklist } from '../../../shared/console';
import type { ShopRecord } from '../shops/store';

const WEEK_MS = 7 * 86_400_000;

export async function readSetupChecklist(db: D1Database, shop: ShopRecord, workerOrigin: string, now = new Date()): Promise<SetupChecklist> {
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const [catalog, policies, passages, orders, endpoints, delivered, failures] = await db.batch([
    db.prepare('SELECT COUNT(*) AS n, MAX(updated_at) AS last FROM products WHERE shop_id = ?').bind(shop.id),
    db.prepare('SELECT COUNT(*) AS n, MAX(COALESCE(updated_at, created_at)) AS last, MAX(created_at) AS imported FROM policy_documents WHERE shop_id = ?').bind(shop.id),
    db.prepare('SELECT COUNT(*) AS n FROM policy_passages WHERE shop_id = ?').bind(shop.id),
    db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS customers, MAX(updated_at) AS last FROM orders WHERE shop_id = ?').bind(shop.id),
    db.prepare('SELECT id, url, events, disabled_at, disabled_reason, created_at FROM webhook_endpoints WHERE shop_id = ? ORDER BY created_at').bind(shop.id),
    db
      .prepare(
        `SELECT endpoint_id, created_at, status_code FROM webhook_deliveries d WHERE shop_id = ? AND outcome = 'delivered'
         AND created_at = (SELECT MAX(created_at) FROM webhook_deliveries WHERE shop_id = d.shop_id AND endpoint_id = d.endpoint_id AND outcome = 'delivered')`,
      )
      .bind(shop.id),
    db
      .prepare(
        `SELECT endpoint_id, COUNT(*) AS n, MAX(created_at) AS last,
           (SELECT status_code FROM webhook_deliveries f WHERE f.shop_id = d.shop_id AND f.endpoint_id = d.endpoint_id AND f.outcome IN ('failed', 'dead', 'disabled') ORDER BY created_at DESC LIMIT 1) AS status_code,
           (SELECT error FROM webhook_deliveries f WHERE f.shop_id = d.shop_id AND f.endpoint_id = d.endpoint_id AND f.outcome IN ('failed', 'dead', 'disabled') ORDER BY created_at DESC LIMIT 1) AS error
         FROM webhook_deliveries d WHERE shop_id = ? AND outcome IN ('failed', 'dead', 'disabled') AND created_at >= ? GROUP BY endpoint_id`,
      )
      .bind(shop.id, since),
  ]);
  type Count = { n: number; last: string | null; customers?: number; imported?: string | null };
  const one = (r: D1Result) => (r.results[0] ?? { n: 0, last: null }) as Count;
  const lastDelivery = new Map((delivered.results as { endpoint_id: string; created_at: string; status_code: number | null }[]).map((r) => [r.endpoint_id, r]));
  const failed = new Map(
    (failures.results as { endpoint_id: string; n: number; last: string; status_code: number | null; error: string | null }[]).map((r) => [r.endpoint_id, r]),
  );
  const policyRow = one(policies);
  return {
    shopId: shop.id,
    allowedOrigins: shop.allowedOrigins,
    snippet: embedSnippet(shop, workerOrigin),
    catalog: { products: one(catalog).n, lastImportAt: one(catalog).last },
    policies: { documents: policyRow.n, passages: one(passages).n, lastImportAt: policyRow.imported ?? policyRow.last },
    orders: { orders: one(orders).n, customers: one(orders).customers ?? 0, lastImportAt: one(orders).last },
    webhooks: (endpoints.results as { id: string; url: string; events: string; disabled_at: string | null; disabled_reason: string | null; created_at: string }[]).map((e) => {
      const d = lastDelivery.get(e.id);
      const f = failed.get(e.id);
      return {
        id: e.id,
        url: e.url,
        events: JSON.parse(e.events) as string[],
        disabled: e.disabled_at !== null,
        disabledReason: e.disabled_reason,
        createdAt: e.created_at,
        lastDelivery: d ? { at: d.created_at, statusCode: d.status_code } : null,
        failures7d: f?.n ?? 0,
        lastFailure: f ? { at: f.last, statusCode: f.status_code, error: f.error } : null,
      };
    }),
    identityKeys: shop.identityKeys.map(({ kid, createdAt }) => ({ kid, createdAt })),
  };
}

const attr = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * The widget reads its look from the tag's data-* attributes (it fetches no settings), so the
 * tag carries the saved look, as cli/commands/snippet.mjs prints it for the Worker's own origin.
 */
export function embedSnippet(shop: ShopRecord, workerOrigin: string): string {
  const w = shop.settings.widget;
  const attrs: [string, string | undefined][] = [
    ['src', `${workerOrigin}/widget.js`],
    ['data-shop', shop.id],
    ['data-title', shop.name],
    ['data-color', w.color],
    ['data-position', w.position],
    ['data-greeting', w.greeting],
    ['data-locale', w.locale],
  ];
  return `<script ${attrs
    .filter((a): a is [string, string] => a[1] !== undefined && a[1] !== '')
    .map(([k, v]) => `${k}="${attr(v)}"`)
    .join(' ')} async></script>`;
}
