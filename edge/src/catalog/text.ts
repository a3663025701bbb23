/**
 * Search helpers of catalog and policy search. The language knowledge (words, stemming, stop
 * words, synonyms, typo policy) lives in `language/`; this module names the search view of it
 * and adds what is particular to SQLite FTS5.
 */
export { compoundParts, editDistance, isStopWord, nearGoodsWord, porterStem as stem, searchWords as tokenize, synonymPhraseAt, synonymsOf, typoBudget } from '../language';

/** Quotes a token for an FTS5 MATCH expression. */
export const ftsQuote = (token: string) => `"${token.replace(/"/g, '""')}"`;

/**
 * FTS5 has no per-shop index, so every row carries a token naming its shop. Digits only,
 * so neither unicode61 nor the porter stemmer can change it.
 */
export function shopToken(shopId: string): string {
  let out = 'z';
  for (const ch of shopId) out += ch.codePointAt(0)!.toString().padStart(3, '0');
  return out;
}
