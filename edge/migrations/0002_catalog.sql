-- Shop knowledge: products and policy passages, searched with SQLite FTS5 (BM25).
-- FTS5 has no per-shop index, so every FTS row carries a `shop` token (digits derived from
-- the shop id, see edge/src/catalog/text.ts shopToken) and every MATCH names it.

CREATE TABLE products (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  handle TEXT,
  title TEXT NOT NULL,
  -- JSON: the validated Product (shared/catalog.ts).
  data TEXT NOT NULL,
  price REAL NOT NULL,
  currency TEXT NOT NULL,
  category TEXT,
  -- Category tokens, lower-cased and stemmed, for the category filter ("jacket" finds "Jackets").
  category_key TEXT,
  -- Summary over variants: in_stock | low_stock | out_of_stock | preorder.
  availability TEXT NOT NULL,
  min_price REAL NOT NULL,
  max_price REAL NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, id)
);
CREATE INDEX products_shop_handle ON products(shop_id, handle);

-- rowid = products.rowid. Columns: shop token, title, vendor + category + tags,
-- description + attributes, variant option values.
CREATE VIRTUAL TABLE products_fts USING fts5(
  shop, title, meta, body, options,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Words of each shop's catalog (lower-case, unstemmed), for typo correction.
-- Rebuilt on replace; upserts only add (a stale word can only make a correction find nothing).
CREATE TABLE catalog_terms (
  shop_id TEXT NOT NULL,
  term TEXT NOT NULL,
  PRIMARY KEY (shop_id, term)
) WITHOUT ROWID;

-- Every write is staged here first, then moved in one D1 batch, so a catalog is never half
-- replaced. Multi-request imports share an import_id; the final request swaps them in.
CREATE TABLE catalog_staging (
  shop_id TEXT NOT NULL,
  import_id TEXT NOT NULL,
  id TEXT NOT NULL,
  handle TEXT,
  title TEXT NOT NULL,
  data TEXT NOT NULL,
  price REAL NOT NULL,
  currency TEXT NOT NULL,
  category TEXT,
  category_key TEXT,
  availability TEXT NOT NULL,
  min_price REAL NOT NULL,
  max_price REAL NOT NULL,
  fts_title TEXT NOT NULL,
  fts_meta TEXT NOT NULL,
  fts_body TEXT NOT NULL,
  fts_options TEXT NOT NULL,
  -- JSON array of the product's words for catalog_terms.
  terms TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, import_id, id)
);
CREATE INDEX catalog_staging_created ON catalog_staging(shop_id, created_at);

CREATE TABLE policy_documents (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT,
  body TEXT NOT NULL,
  updated_at TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, id)
);

CREATE TABLE policy_passages (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  document_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  heading TEXT,
  text TEXT NOT NULL,
  PRIMARY KEY (shop_id, id)
);
CREATE INDEX policy_passages_document ON policy_passages(shop_id, document_id, position);

-- rowid = policy_passages.rowid. Columns: shop token, document title + heading, passage text.
CREATE VIRTUAL TABLE policy_fts USING fts5(
  shop, heading, text,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Stemmed words of each shop's policies with their passage counts: lets search weigh how
-- much of a question the best passage covers (a question about something the policies never
-- mention gets no answer rather than a loosely related passage).
CREATE TABLE policy_terms (
  shop_id TEXT NOT NULL,
  term TEXT NOT NULL,
  df INTEGER NOT NULL,
  PRIMARY KEY (shop_id, term)
) WITHOUT ROWID;
