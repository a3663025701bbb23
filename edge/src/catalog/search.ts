import type { Product, Variant } from '../../../shared/catalog';
import { categoryKey, loadVocabulary, measured, type SearchStats } from './store';
import { casedWords, isCatalogFiller, isLetterSize, isNumeric, isOptionCue, priceBounds, priceOrder, sizeWordAt, squeeze } from '../language';
import { compoundParts, editDistance, ftsQuote, isStopWord, nearGoodsWord, shopToken, stem, synonymPhraseAt, synonymsOf, tokenize, typoBudget } from './text';

export interface CatalogQuery {
  query: string;
  /** Only products some variant of which can be bought now. */
  inStock?: boolean;
  minPrice?: number;
  maxPrice?: number;
  /** A category name as the shop uses it; case and plural do not matter. */
  category?: string;
  limit?: number;
}

export type { SearchStats };

export interface ProductHit {
  product: Product;
  score: number;
  /** The variant that matches the options the shopper named (colour, size...), when one does. */
  variant?: Variant;
}

/** One thing the shopper asked for: a word (with synonyms or its typo correction), a size or a number. */
interface Concept {
  kind: 'word' | 'size' | 'number';
  /** Tokens or phrases to look for; the first is what the shopper wrote (or its correction). */
  alternatives: string[];
  /** Stems of the single-token alternatives, for re-ranking in JS. */
  stems: Set<string>;
  primaryStem: string;
}

/** Pulls "under 100 €" / "over 50" out of free text when the caller gave no explicit bounds (words of every pack). */
const extractPriceBounds = (text: string, q: CatalogQuery) => priceBounds(text, q);

/** The text without its price bounds ("sofas under $1000" -> "sofas"), or null when it names none. */
export function withoutPriceBounds(text: string): string | null {
  const { text: rest, minPrice, maxPrice } = extractPriceBounds(text, { query: text });
  return minPrice === undefined && maxPrice === undefined ? null : squeeze(rest);
}

function wordConcept(word: string, others: readonly string[] = synonymsOf(word)): Concept {
  const alternatives = [word, ...others];
  const stems = new Set(alternatives.filter((a) => !a.includes(' ')).map(stem));
  return { kind: 'word', alternatives, stems, primaryStem: stem(word) };
}

type Vocab = Awaited<ReturnType<typeof loadVocabulary>>;
/** Whether the shop's catalog uses every word of a word or phrase. */
const usedBy = (vocab: Vocab, words: string) => tokenize(words).every((t) => vocab.stems.has(stem(t)));

/** The concept with only the alternatives the shop uses (the shopper's own word always kept); null when the shop uses none. */
function withinVocabulary(vocab: Vocab, concept: Concept): Concept | null {
  const kept = concept.alternatives.filter((a, i) => i === 0 || usedBy(vocab, a));
  if (kept.length === 1 && !usedBy(vocab, kept[0])) return null;
  return { ...concept, alternatives: kept, stems: new Set(kept.filter((a) => !a.includes(' ')).map(stem)) };
}

/** The shop's word nearest a word the shop never uses, within its typo budget (none when nothing is near). */
function nearestTerm(vocab: Vocab, token: string): string | undefined {
  const budget = typoBudget(token.length);
  let best: string | undefined;
  let bestDistance = budget + 1;
  if (budget === 0) return undefined;
  for (const term of vocab.terms) {
    if (Math.abs(term.length - token.length) > budget) continue;
    // People rarely mistype a word's first letter (unless they swap the first two), and
    // allowing it turns other words into products: "weather" into "leather", "match" into "watch".
    if (term[0] !== token[0] && !(term[0] === token[1] && term[1] === token[0])) continue;
    const d = editDistance(token, term, budget);
    if (d < bestDistance || (d === bestDistance && best !== undefined && term[0] === token[0] && best[0] !== token[0])) {
      best = term;
      bestDistance = d;
    }
  }
  return best;
}

/** Turns the shopper's words into concepts; words the shop has never used are corrected or dropped. */
async function parseQuery(db: D1Database, shopId: string, text: string, stats?: SearchStats): Promise<{ concepts: Concept[]; hadContent: boolean; unknownWords: number }> {
  // Keep the original casing to tell "M" (a size) from "m" (as in "I'm").
  const raw = casedWords(text);
  const lower = raw.map((w) => w.toLowerCase());
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  let hadContent = false;
  let unknownWords = 0;
  let vocab: Vocab | undefined;
  for (let i = 0; i < raw.length; i++) {
    const original = raw[i];
    const token = lower[i];
    let size: string | undefined;
    // Letter sizes are written alike in every language; "S", "M" and "L" only in capitals or after "size".
    if (isLetterSize(token)) size = token;
    else if (token.length === 1 && 'sml'.includes(token) && (isOptionCue(lower[i - 1] ?? '') || original === original.toUpperCase())) size = token;
    else {
      const named = sizeWordAt(lower, i);
      if (named) (size = named.size), (i += named.length - 1);
    }
    if (size) {
      hadContent = true;
      if (!seen.has(`size:${size}`)) {
        seen.add(`size:${size}`);
        concepts.push({ kind: 'size', alternatives: [size], stems: new Set([size]), primaryStem: size });
      }
      continue;
    }
    if (isNumeric(token)) {
      hadContent = true;
      if (!seen.has(token)) seen.add(token), concepts.push({ kind: 'number', alternatives: [token], stems: new Set([token]), primaryStem: token });
      continue;
    }
    // A phrase for a thing ("sac de couchage", "lampada frontale") the shop sells under some name of it.
    const phrase = synonymPhraseAt(lower, i);
    if (phrase) {
      vocab ??= await loadVocabulary(db, shopId, stats);
      const concept = withinVocabulary(vocab, wordConcept(phrase.phrase, phrase.others));
      if (concept) {
        hadContent = true;
        i += phrase.length - 1;
        if (!seen.has(concept.primaryStem)) seen.add(concept.primaryStem), concepts.push(concept);
        continue;
      }
    }
    if (isStopWord(token) || isCatalogFiller(token) || token.length < 2) continue;
    hadContent = true;
    let concept = wordConcept(token);
    if (token.length >= 3) {
      vocab ??= await loadVocabulary(db, shopId, stats);
      const known = concept.alternatives.some((a) => usedBy(vocab!, a));
      // A German compound of words the shop uses in its own language ("Daunenjacke": down, jacket).
      const parts = known ? null : compoundParts(token)?.flatMap(({ part, others }) => withinVocabulary(vocab!, wordConcept(part, others)) ?? []);
      if (parts?.length) {
        for (const part of parts) if (!seen.has(part.primaryStem)) seen.add(part.primaryStem), concepts.push(part);
        continue;
      }
      if (!known) {
        // A typo of a plural or another form ("hedlamps"): its stem is one edit from the shop's word.
        const base = stem(token);
        const best = nearestTerm(vocab, token) ?? (base !== token ? nearestTerm(vocab, base) : undefined);
        // A misspelt goods word of the shopper's language ("Rasentrimer", "impermeabli"): what it means, if the shop uses that.
        if (!best) {
          const near = nearGoodsWord(token);
          const meant = near ? (withinVocabulary(vocab, wordConcept(near)) ?? null) : null;
          const parts = near && !meant ? compoundParts(near)?.flatMap(({ part, others }) => withinVocabulary(vocab!, wordConcept(part, others)) ?? []) : undefined;
          if (parts?.length) {
            for (const part of parts) if (!seen.has(part.primaryStem)) seen.add(part.primaryStem), concepts.push(part);
            continue;
          }
          if (meant) {
            if (!seen.has(meant.primaryStem)) seen.add(meant.primaryStem), concepts.push(meant);
            continue;
          }
        }
        // A word the shop never uses (and no near spelling of one): it cannot match anything.
        if (!best) {
          unknownWords++;
          continue;
        }
        concept = wordConcept(best);
      }
    }
    // Synonyms the shop never uses cost FTS5 work and find nothing.
    if (vocab) concept = withinVocabulary(vocab, concept) ?? { ...concept, alternatives: concept.alternatives.slice(0, 1), stems: new Set([concept.primaryStem]) };
    if (seen.has(concept.primaryStem)) continue;
    seen.add(concept.primaryStem);
    concepts.push(concept);
  }
  return { concepts, hadContent, unknownWords };
}

type Tier = 'all' | 'most' | 'any';

/**
 * FTS5 expression for one tier: every concept, all but one, or any. Scoring every product
 * that shares one common word with the question is what costs time (bm25 runs per matching
 * row), so search starts strict and relaxes only when nothing is found.
 */
function matchExpression(shopId: string, concepts: Concept[], tier: Tier): string {
  // Sizes match most products ("M"): they only choose the variant, in the re-rank.
  const parts = concepts
    .filter((c) => c.kind !== 'size')
    .map((c) => {
      const alts = c.alternatives.map((a) => ftsQuote(tokenize(a).join(' '))).join(' OR ');
      if (c.kind === 'number') return `({title options} : (${alts}))`;
      // No column filter: the shop column holds only the shop token, and FTS5 checks a filter
      // against every position of every candidate row (about a tenth of the SQL time).
      return `(${alts})`;
    });
  let expr: string;
  if (tier === 'all') expr = parts.join(' AND ');
  else if (tier === 'most') expr = parts.map((_, skip) => `(${parts.filter((__, i) => i !== skip).join(' AND ')})`).join(' OR ');
  else expr = parts.join(' OR ');
  return `shop : ${ftsQuote(shopToken(shopId))} AND (${expr})`;
}

function tiersFor(concepts: Concept[]): Tier[] {
  const n = concepts.filter((c) => c.kind !== 'size').length;
  if (n <= 1) return ['all'];
  return n >= 3 && n <= 6 ? ['all', 'most', 'any'] : ['all', 'any'];
}

/**
 * Stems of a text, kept per isolate: every product turn re-ranks up to 60 candidates, and the
 * same products' titles, descriptions and options come back turn after turn. Bounded (the oldest
 * text goes first); the sets are only read.
 */
const STEMS_MAX = 2000;
const stemsCache = new Map<string, ReadonlySet<string>>();
const stemsOf = (text: string): ReadonlySet<string> => {
  let stems = stemsCache.get(text);
  if (!stems) {
    stems = new Set(tokenize(text).map(stem));
    if (stemsCache.size >= STEMS_MAX) stemsCache.delete(stemsCache.keys().next().value!);
    stemsCache.set(text, stems);
  }
  return stems;
};

/** 1 when the shopper's own word is there, 0.8 for a synonym or phrase, 0 otherwise. */
function fit(stems: ReadonlySet<string>, concept: Concept): number {
  if (stems.has(concept.primaryStem)) return 1;
  return hasAny(stems, concept) ? 0.8 : 0;
}

function hasAny(stems: ReadonlySet<string>, concept: Concept): boolean {
  for (const s of concept.stems) if (stems.has(s)) return true;
  // Phrases ("united kingdom") are matched token by token.
  return concept.alternatives.some((a) => a.includes(' ') && tokenize(a).every((t) => stems.has(stem(t))));
}

const AVAILABLE = new Set(['in_stock', 'low_stock']);

/** Scores one candidate: how much of the question it covers, where, and which variant fits. */
function rerank(product: Product, rank: number, bestRank: number, concepts: Concept[]): ProductHit & { coverage: number; strong: boolean } {
  const title = stemsOf(product.title);
  const meta = stemsOf([product.vendor, product.category, ...product.tags].filter(Boolean).join(' '));
  const body = stemsOf(`${product.description} ${Object.entries(product.attributes).map(([k, v]) => `${k} ${v}`).join(' ')}`);
  const variantStems = product.variants.map((v) => stemsOf(Object.values(v.options).join(' ')));
  const anyOption = new Set<string>(variantStems.flatMap((s) => [...s]));

  let covered = 0;
  let total = 0;
  let strong = false;
  const optionConcepts: Concept[] = [];
  for (const c of concepts) {
    const weight = c.kind === 'size' ? 0.5 : 1;
    total += weight;
    const exactTitle = title.has(c.primaryStem);
    let level = 0;
    if (c.kind === 'size') level = hasAny(anyOption, c) ? 1 : 0;
    else if (hasAny(title, c)) level = exactTitle ? 1 : 0.85;
    else if (hasAny(meta, c) || hasAny(anyOption, c)) level = 0.8;
    else if (hasAny(body, c)) level = 0.4;
    covered += level * weight;
    if (level >= 0.8 && c.kind !== 'size') strong = true;
    if (c.kind !== 'number' && hasAny(anyOption, c)) optionConcepts.push(c);
    else if (c.kind === 'number' && hasAny(anyOption, c)) optionConcepts.push(c);
  }
  const coverage = total ? covered / total : 0;

  let variant: Variant | undefined;
  let variantFit = 0;
  if (optionConcepts.length) {
    const fitOf = (i: number) => optionConcepts.reduce((sum, c) => sum + fit(variantStems[i], c), 0);
    let bestFit = 0;
    product.variants.forEach((v, i) => {
      const f = fitOf(i);
      // Same fit: an available variant wins over one that cannot be bought.
      const better = f > bestFit || (f === bestFit && f > 0 && variant && !AVAILABLE.has(variant.availability) && AVAILABLE.has(v.availability));
      if (better) (bestFit = f), (variant = v);
    });
    variantFit = bestFit / optionConcepts.length;
  }
  // Between equally good matches, the title with fewer words the shopper did not ask for wins
  // ("trail running shoe" prefers "Flint Trail Running Shoe" to its waterproof sibling).
  let titleHits = 0;
  for (const t of title) if (concepts.some((c) => c.stems.has(t))) titleHits++;
  const titleFit = title.size ? titleHits / title.size : 0;
  const bm25 = bestRank < 0 ? Math.min(1, rank / bestRank) : 0;
  const available = product.variants.length ? product.variants.some((v) => AVAILABLE.has(v.availability)) : AVAILABLE.has(product.availability ?? 'in_stock');
  const score = 10 * coverage + 2 * bm25 + 1.5 * variantFit + 0.8 * titleFit + (available ? 0.3 : 0);
  return { product, score: Math.round(score * 1000) / 1000, ...(variant ? { variant } : {}), coverage, strong };
}

/**
 * Full-text search over one shop's catalog: FTS5 BM25 (title weighted highest) to find
 * candidates, then a re-rank by how much of the question each product covers and whether a
 * variant matches the named options. Typos are corrected against the shop's own words;
 * words the shop never uses are dropped, and a question made only of such words finds nothing.
 */
export async function searchCatalog(db: D1Database, shopId: string, q: CatalogQuery, stats?: SearchStats): Promise<ProductHit[]> {
  const limit = Math.min(Math.max(q.limit ?? 8, 1), 50);
  const { text, minPrice, maxPrice } = extractPriceBounds(q.query ?? '', q);
  const { concepts, hadContent, unknownWords } = await parseQuery(db, shopId, text, stats);
  if (hadContent && concepts.length === 0) return [];
  // Only sizes or numbers ("size 10"): not enough to say which product is meant.
  if (concepts.length > 0 && concepts.every((c) => c.kind === 'size')) return [];

  const filters: string[] = ['p.shop_id = ?'];
  const params: unknown[] = [shopId];
  if (q.inStock) filters.push("p.availability IN ('in_stock', 'low_stock')");
  if (minPrice !== undefined) filters.push('p.max_price >= ?'), params.push(minPrice);
  if (maxPrice !== undefined) filters.push('p.min_price <= ?'), params.push(maxPrice);
  const catKey = categoryKey(q.category?.trim() || undefined);
  if (catKey) filters.push('(p.category_key = ? OR p.category_key LIKE ?)'), params.push(catKey, `%${catKey}%`);

  if (concepts.length === 0) {
    if (!catKey && minPrice === undefined && maxPrice === undefined && !q.inStock) return [];
    const { results } = await measured(stats, () =>
      db
        .prepare(`SELECT p.data FROM products p WHERE ${filters.join(' AND ')} ORDER BY p.availability IN ('in_stock', 'low_stock') DESC, p.min_price LIMIT ?`)
        .bind(...params, limit)
        .all<{ data: string }>(),
    );
    return results.map((r, i) => ({ product: JSON.parse(r.data) as Product, score: Math.round((1 - i / (results.length + 1)) * 1000) / 1000 }));
  }

  const candidates = Math.min(Math.max(limit * 4, 24), 60);
  // Rank rowids first and read the (large) product JSON only for the top candidates: a sorter
  // carrying `data` for every matching row costs far more than the ranking itself.
  const filtered = filters.length > 1;
  const statement = db.prepare(
    `WITH top AS (
       SELECT products_fts.rowid AS rid, bm25(products_fts, 0.0, 10.0, 4.0, 1.0, 3.0) AS rank
       FROM products_fts ${filtered ? 'JOIN products p ON p.rowid = products_fts.rowid' : ''}
       WHERE products_fts MATCH ? ${filtered ? `AND ${filters.join(' AND ')}` : ''}
       ORDER BY rank LIMIT ?)
     SELECT p.data, top.rank FROM top JOIN products p ON p.rowid = top.rid WHERE p.shop_id = ? ORDER BY top.rank`,
  );
  let results: { data: string; rank: number }[] = [];
  for (const tier of tiersFor(concepts)) {
    ({ results } = await measured(stats, () =>
      statement.bind(matchExpression(shopId, concepts, tier), ...(filtered ? params : []), candidates, shopId).all<{ data: string; rank: number }>(),
    ));
    if (results.length > 0) break;
  }
  if (results.length === 0) return [];
  const bestRank = results[0].rank;
  const singleThing = concepts.filter((c) => c.kind === 'word').length === 1;
  const hits = results.map((r) => rerank(JSON.parse(r.data) as Product, r.rank, bestRank, concepts));
  const bestCoverage = Math.max(...hits.map((h) => h.coverage));
  const byPrice = priceOrder(tokenize(text).join(' '));
  const priceOf = (h: ProductHit) => h.variant?.price ?? Math.min(h.product.price, ...h.product.variants.map((v) => v.price ?? h.product.price));
  return hits
    // Products covering much less of the question than the best one are noise ("canvas backpack" is not a canvas shoe).
    .filter((h) => h.coverage > 0 && h.coverage >= bestCoverage * 0.6)
    // The question named something the shop never mentions ("surfboard wax"): a word buried in
    // a description ("waxed canvas") is not a match; the product's name, tags or options must be.
    .filter((h) => unknownWords === 0 || h.strong)
    // One thing asked for ("skis") that only appears in descriptions ("great for ski touring"):
    // the shop does not sell it; showing products that merely mention it would mislead.
    .filter((_h, _i, all) => !singleThing || all.some((h) => h.strong))
    // Asked for the cheapest (or dearest): among equally good matches, by price.
    .sort((a, b) => (byPrice ? b.coverage - a.coverage || byPrice * (priceOf(a) - priceOf(b)) : 0) || b.score - a.score)
    .slice(0, limit)
    .map(({ coverage: _coverage, strong: _strong, ...hit }) => hit);
}
