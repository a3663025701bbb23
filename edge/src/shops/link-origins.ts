import { linkPolicy, type LinkPolicy } from '../turn';
import type { ShopRecord } from './store';

/** The origin of every https URL in `column` for a shop, computed in SQL (no rows are shipped). */
const originsSql = (expr: string, table: string) => `
  SELECT DISTINCT substr(u, 1, CASE WHEN instr(substr(u, 9), '/') > 0 THEN instr(substr(u, 9), '/') + 7 ELSE length(u) END) AS origin
  FROM (SELECT ${expr} AS u FROM ${table} WHERE shop_id = ?1) WHERE u LIKE 'https://%'`;

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; origins: string[] }>();

/** Origins of the shop's imported product and policy URLs (cached for a minute per isolate). */
export async function importedOrigins(db: D1Database, shopId: string): Promise<string[]> {
  const hit = cache.get(shopId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.origins;
  // One statement for both tables: a turn's D1 statements are counted (at most 25, README).
  const { results } = await db
    .prepare(`${originsSql(`json_extract(data, '$.url')`, 'products')} UNION ${originsSql('url', 'policy_documents')}`)
    .bind(shopId)
    .all<{ origin: string }>();
  const origins = [...new Set(results.map((r) => r.origin))];
  cache.set(shopId, { at: Date.now(), origins });
  return origins;
}

/**
 * Where replies may link: the shop's allowed origins, its `linkOrigins` setting and the
 * origins of its imported product and policy URLs; relative links resolve against the
 * storefront origin. If the catalog cannot be read, the configured origins still apply.
 */
export async function shopLinkPolicy(db: D1Database, shop: ShopRecord, storefrontOrigin: string): Promise<LinkPolicy> {
  const imported = await importedOrigins(db, shop.id).catch(() => [] as string[]);
  return linkPolicy(storefrontOrigin, [...shop.allowedOrigins, ...(shop.settings.linkOrigins ?? []), ...imported]);
}
