import type { Availability, Product } from '../../../shared/catalog';
import { nowIso } from '../lib/ids';
import { shopToken, stem, tokenize } from './text';

/** Availability of the product as a whole: the best any variant offers. */
export function summarizeAvailability(product: Product): Availability {
  if (product.variants.length === 0) return product.availability ?? 'in_stock';
  const seen = new Set(product.variants.map((v) => v.availability));
  for (const a of ['in_stock', 'low_stock', 'preorder'] as const) if (seen.has(a)) return a;
  return 'out_of_stock';
}

export const categoryKey = (category: string | undefined) => (category ? tokenize(category).map(stem).join(' ') : null);

/** One product as stored: product columns, FTS columns and its words. */
interface StagedRow {
  id: string;
  handle: string | null;
  title: string;
  data: string;
  price: number;
  currency: string;
  category: string | null;
  categoryKey: string | null;
  availability: Availability;
  minPrice: number;
  maxPrice: number;
  ftsTitle: string;
  ftsMeta: string;
  ftsBody: string;
  ftsOptions: string;
  terms: string[];
}

function attributesText(attributes: Product['attributes']): string {
  return Object.entries(attributes)
    .filter(([, v]) => typeof v !== 'boolean' || v)
    .map(([k, v]) => (typeof v === 'boolean' ? k.replace(/_/g, ' ') : `${k.replace(/_/g, ' ')} ${v}`))
    .join('. ');
}

function toStagedRow(product: Product): StagedRow {
  const prices = product.variants.map((v) => v.price ?? product.price);
  const optionValues = new Set<string>();
  for (const v of product.variants) for (const value of Object.values(v.options)) optionValues.add(value);
  const ftsMeta = [product.vendor, product.category, ...product.tags].filter(Boolean).join(' | ');
  const ftsBody = [product.description, attributesText(product.attributes)].filter(Boolean).join('\n');
  const ftsOptions = [...optionValues].join(' | ');
  const terms = new Set<string>();
  for (const t of tokenize(`${product.title} ${ftsMeta} ${ftsOptions}`)) if (t.length >= 3 && !/^\d+$/.test(t)) terms.add(t);
  for (const t of tokenize(product.description)) if (t.length >= 4 && !/\d/.test(t)) terms.add(t);
  return {
    id: product.id,
    handle: product.handle ?? null,
    title: product.title,
    data: JSON.stringify(product),
    price: product.price,
    currency: product.currency,
    category: product.category ?? null,
    categoryKey: categoryKey(product.category),
    availability: summarizeAvailability(product),
    minPrice: prices.length ? Math.min(...prices) : product.price,
    maxPrice: prices.length ? Math.max(...prices) : product.price,
    ftsTitle: product.title,
    ftsMeta,
    ftsBody,
    ftsOptions,
    terms: [...terms],
  };
}

const STAGE_SQL = `INSERT OR REPLACE INTO catalog_staging
  (shop_id, import_id, id, handle, title, data, price, currency, category, category_key, availability, min_price, max_price,
   fts_title, fts_meta, fts_body, fts_options, terms, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function stageStatements(db: D1Database, shopId: string, importId: string, products: Product[]): D1PreparedStatement[] {
  const now = nowIso();
  const stmt = db.prepare(STAGE_SQL);
  return products.map((p) => {
    const r = toStagedRow(p);
    return stmt.bind(
      shopId, importId, r.id, r.handle, r.title, r.data, r.price, r.currency, r.category, r.categoryKey, r.availability,
      r.minPrice, r.maxPrice, r.ftsTitle, r.ftsMeta, r.ftsBody, r.ftsOptions, JSON.stringify(r.terms), now,
    );
  });
}

const PRODUCT_COLUMNS = 'shop_id, id, handle, title, data, price, currency, category, category_key, availability, min_price, max_price';

/** Statements that move one staged import into the live tables; `replace` drops the old catalog first. */
function mergeStatements(db: D1Database, shopId: string, importId: string, replace: boolean): D1PreparedStatement[] {
  const token = shopToken(shopId);
  const now = nowIso();
  const out: D1PreparedStatement[] = [];
  if (replace) {
    out.push(
      db.prepare('DELETE FROM products_fts WHERE rowid IN (SELECT rowid FROM products WHERE shop_id = ?)').bind(shopId),
      db.prepare('DELETE FROM products WHERE shop_id = ?').bind(shopId),
      db.prepare('DELETE FROM catalog_terms WHERE shop_id = ?').bind(shopId),
    );
  } else {
    out.push(
      db
        .prepare(
          `DELETE FROM products_fts WHERE rowid IN (
             SELECT p.rowid FROM products p JOIN catalog_staging s ON s.shop_id = p.shop_id AND s.id = p.id
             WHERE s.shop_id = ? AND s.import_id = ?)`,
        )
        .bind(shopId, importId),
    );
  }
  out.push(
    db
      .prepare(
        `INSERT INTO products (${PRODUCT_COLUMNS}, updated_at)
         SELECT ${PRODUCT_COLUMNS}, ? FROM catalog_staging WHERE shop_id = ? AND import_id = ? AND true
         ON CONFLICT (shop_id, id) DO UPDATE SET handle = excluded.handle, title = excluded.title, data = excluded.data,
           price = excluded.price, currency = excluded.currency, category = excluded.category, category_key = excluded.category_key,
           availability = excluded.availability, min_price = excluded.min_price, max_price = excluded.max_price, updated_at = excluded.updated_at`,
      )
      .bind(now, shopId, importId),
    db
      .prepare(
        `INSERT INTO products_fts (rowid, shop, title, meta, body, options)
         SELECT p.rowid, ?, s.fts_title, s.fts_meta, s.fts_body, s.fts_options
         FROM catalog_staging s JOIN products p ON p.shop_id = s.shop_id AND p.id = s.id
         WHERE s.shop_id = ? AND s.import_id = ?`,
      )
      .bind(token, shopId, importId),
    db
      .prepare(
        `INSERT OR IGNORE INTO catalog_terms (shop_id, term)
         SELECT DISTINCT s.shop_id, j.value FROM catalog_staging s, json_each(s.terms) j WHERE s.shop_id = ? AND s.import_id = ?`,
      )
      .bind(shopId, importId),
    db.prepare('DELETE FROM catalog_staging WHERE shop_id = ? AND import_id = ?').bind(shopId, importId),
  );
  return out;
}

const countProducts = async (db: D1Database, shopId: string) =>
  (await db.prepare('SELECT count(*) AS n FROM products WHERE shop_id = ?').bind(shopId).first<{ n: number }>())!.n;

export interface WriteResult {
  mode: 'replace' | 'upsert' | 'staged';
  accepted: number;
  total: number;
}

/** Staged rows older than this belong to imports that never sent their final batch. */
const STAGING_TTL_MS = 24 * 3600 * 1000;

/**
 * Writes validated products. Every mode is one D1 batch (one transaction): a failure leaves
 * the previous catalog exactly as it was.
 * - `replace`: these products become the whole catalog (with `importId`, together with the batches staged before);
 * - `upsert`: these products are added or updated, others are kept;
 * - `stage`: kept aside under `importId` until the final batch of that import.
 */
export async function writeCatalog(
  db: D1Database,
  shopId: string,
  products: Product[],
  opts: { mode: 'replace' | 'upsert' | 'stage'; importId?: string },
): Promise<WriteResult> {
  const importId = opts.importId ?? `req_${crypto.randomUUID()}`;
  const statements = [
    db.prepare('DELETE FROM catalog_staging WHERE shop_id = ? AND created_at < ?').bind(shopId, new Date(Date.now() - STAGING_TTL_MS).toISOString()),
    ...stageStatements(db, shopId, importId, products),
  ];
  if (opts.mode === 'stage') {
    await db.batch(statements);
    const staged = await db
      .prepare('SELECT count(*) AS n FROM catalog_staging WHERE shop_id = ? AND import_id = ?')
      .bind(shopId, importId)
      .first<{ n: number }>();
    invalidateVocabulary(shopId);
    return { mode: 'staged', accepted: products.length, total: staged!.n };
  }
  await db.batch([...statements, ...mergeStatements(db, shopId, importId, opts.mode === 'replace')]);
  invalidateVocabulary(shopId);
  return { mode: opts.mode, accepted: products.length, total: await countProducts(db, shopId) };
}

/** Removes one product; true when it existed. */
export async function deleteProduct(db: D1Database, shopId: string, id: string): Promise<boolean> {
  const [, res] = await db.batch([
    db.prepare('DELETE FROM products_fts WHERE rowid IN (SELECT rowid FROM products WHERE shop_id = ? AND id = ?)').bind(shopId, id),
    db.prepare('DELETE FROM products WHERE shop_id = ? AND id = ?').bind(shopId, id),
  ]);
  return (res.meta.changes ?? 0) > 0;
}

/** A product by its id or its handle, within one shop. */
export async function getProduct(db: D1Database, shopId: string, idOrHandle: string): Promise<Product | null> {
  const row = await db
    .prepare('SELECT data FROM products WHERE shop_id = ?1 AND (id = ?2 OR handle = ?2) ORDER BY id = ?2 DESC LIMIT 1')
    .bind(shopId, idOrHandle)
    .first<{ data: string }>();
  return row ? (JSON.parse(row.data) as Product) : null;
}

// --- Per-isolate vocabulary cache for typo correction. ---

interface Vocabulary {
  terms: string[];
  /** stem -> true, to tell whether a query word is in the catalog at all. */
  stems: Set<string>;
  loadedAt: number;
}

const VOCABULARY_TTL_MS = 60_000;
const vocabularies = new Map<string, Vocabulary>();
/** Loads in flight: concurrent turns on a cold cache share one read instead of each loading its own copy. */
const loading = new Map<string, { promise: Promise<Vocabulary> }>();

/** Writes in this isolate drop the cache at once; other isolates pick changes up within a minute. */
export function invalidateVocabulary(shopId: string) {
  vocabularies.delete(shopId);
  loading.delete(shopId);
}

/** What a search cost in D1, filled in when the caller asks (the search endpoint does, for `bench:search`). */
export interface SearchStats {
  /** Statements sent to D1. */
  queries: number;
  /** Time the Worker waited for them: the trip to D1 and back plus the SQL. */
  waitMs: number;
  /** Time D1 reports spending on the SQL itself (`meta.duration`). */
  sqlMs: number;
}

/** Runs one D1 statement and, when `stats` is given, adds what it cost. */
export async function measured<T>(stats: SearchStats | undefined, run: () => Promise<D1Result<T>>): Promise<D1Result<T>> {
  if (!stats) return run();
  const started = performance.now();
  const out = await run();
  stats.waitMs += performance.now() - started;
  stats.queries++;
  stats.sqlMs += out.meta.duration ?? 0;
  return out;
}

export async function loadVocabulary(db: D1Database, shopId: string, stats?: SearchStats): Promise<Vocabulary> {
  const cached = vocabularies.get(shopId);
  if (cached && Date.now() - cached.loadedAt < VOCABULARY_TTL_MS) return cached;
  const pending = loading.get(shopId);
  if (pending) return pending.promise;
  const entry = {} as { promise: Promise<Vocabulary> };
  entry.promise = (async () => {
    const { results } = await measured(stats, () => db.prepare('SELECT term FROM catalog_terms WHERE shop_id = ?').bind(shopId).all<{ term: string }>());
    const fresh = results.map((r) => r.term);
    // An unchanged list keeps its stems (and its identity for what is kept per list): no restemming every minute.
    const old = cached && cached.terms.length === fresh.length && cached.terms.every((t, i) => t === fresh[i]) ? cached : null;
    const terms = old?.terms ?? fresh;
    const vocab: Vocabulary = { terms, stems: old?.stems ?? new Set(terms.map(stem)), loadedAt: Date.now() };
    // Only if no write dropped this load meanwhile.
    if (loading.get(shopId) === entry) {
      if (vocabularies.size > 200) vocabularies.clear();
      vocabularies.set(shopId, vocab);
    }
    return vocab;
  })().finally(() => {
    if (loading.get(shopId) === entry) loading.delete(shopId);
  });
  loading.set(shopId, entry);
  return entry.promise;
}
