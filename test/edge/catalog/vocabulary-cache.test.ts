import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { invalidateVocabulary, loadVocabulary } from '../../../edge/src/catalog/store';
import { seedDemoShop } from '../helpers';

it('turns arriving together on a cold vocabulary cache share one read of it', async () => {
  const shop = await seedDemoShop();
  invalidateVocabulary(shop.shopId);
  let reads = 0;
  const db = { prepare: (sql: string) => (sql.includes('catalog_terms') && reads++, env.DB.prepare(sql)) } as unknown as D1Database;
  const loaded = await Promise.all(Array.from({ length: 50 }, () => loadVocabulary(db, shop.shopId)));
  expect(reads).toBe(1);
  expect(new Set(loaded).size).toBe(1);
  expect(loaded[0].terms.length).toBeGreaterThan(10);
  // A catalog write drops it; the next turn reads it again, once.
  invalidateVocabulary(shop.shopId);
  await Promise.all([loadVocabulary(db, shop.shopId), loadVocabulary(db, shop.shopId)]);
  expect(reads).toBe(2);
});
