import { splitWords } from './lexicon';
import { foldAccents } from './normalise';
import { PACK_LIST } from './packs';
import { hasPhrase } from './phrases';
import type { LanguagePack } from './types';

/**
 * The search vocabulary of every pack (`search` and the price phrases), as catalog search and
 * the offline answers read it. Words are compared lower case without accents.
 */

const fold = (w: string) => foldAccents(w.toLowerCase());
const wordsOf = (pick: (s: LanguagePack['search']) => string) => new Set(PACK_LIST.flatMap((p) => splitWords(pick(p.search)).map(fold)));

const OPTION_CUES = wordsOf((s) => s.optionCues);
const FILLER = new Set([...OPTION_CUES, ...wordsOf((s) => s.filler)]);
const DOCUMENT_WORDS = wordsOf((s) => s.documentWords);
const CARD_WORDS = wordsOf((s) => s.cardWords);
const NOT_OPTIONS = wordsOf((s) => s.notOptions);

/** Introduces an option value: "size" in "size M", "talla" in "talla S". */
export const isOptionCue = (word: string) => OPTION_CUES.has(fold(word));
/** Names no product in a product question ("colour", "cheapest", "best") or introduces an option. */
export const isCatalogFiller = (word: string) => FILLER.has(fold(word));
/** Names a kind of page, not what it says ("guide", "policy", "tabla"). */
export const isDocumentWord = (word: string) => DOCUMENT_WORDS.has(fold(word));
/** A product card already answers it ("price", "stock"). */
export const isCardWord = (word: string) => CARD_WORDS.has(fold(word));
/** Follows "in" without naming an option ("in stock", "in store"). */
export const isNotOption = (word: string) => NOT_OPTIONS.has(fold(word));

type Size = keyof LanguagePack['search']['sizes'];
const SIZE_PHRASES: { size: Size; words: string[] }[] = PACK_LIST.flatMap((p) =>
  (Object.entries(p.search.sizes) as [Size, string][]).flatMap(([size, list]) =>
    list.split('|').map((ph) => ({ size, words: splitWords(ph).map(fold) })).filter((x) => x.words.length > 0),
  ),
);

/**
 * A size named in words at `i` of `words` (lower case): a phrase of two words or more anywhere
 * ("extra large"), one word only after an option cue ("size small"). Returns the size letter and
 * how many words it took.
 */
export function sizeWordAt(words: readonly string[], i: number): { size: Size; length: number } | null {
  let best: { size: Size; length: number } | null = null;
  for (const { size, words: ph } of SIZE_PHRASES) {
    if (ph.length === 1 && !(i > 0 && isOptionCue(words[i - 1]))) continue;
    if (ph.every((w, k) => fold(words[i + k] ?? '') === w) && (!best || ph.length > best.length)) best = { size, length: ph.length };
  }
  return best;
}

/** Letter sizes written as such: XS, XL, XXL, 3XL, 2XS (S, M and L alone are ambiguous and left to the caller). */
export const isLetterSize = (word: string) => /^\d?x{1,4}[sl]$/i.test(word);

const CURRENCY_SIGNS = '[€$£]';
const CURRENCY_CODES = ['eur', 'usd', 'gbp'];
const CURRENCY_WORDS = [...new Set([...CURRENCY_CODES, ...PACK_LIST.flatMap((p) => splitWords(p.search.currencies).map(fold))])];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A price-bound pattern over accent-free text: a bound phrase of some pack, an amount, a currency. */
function boundPattern(id: 'PRICEBELOW' | 'PRICEABOVE'): RegExp {
  const phrases = PACK_LIST.flatMap((p) => p.phrases[id].split('|').map((ph) => splitWords(ph.trim()).map(escape).join("[\\s'’]+")).filter(Boolean));
  // Longest first, so "less than" wins over a shorter phrase it contains.
  phrases.sort((a, b) => b.length - a.length);
  const currency = `(?:${CURRENCY_SIGNS}|${CURRENCY_WORDS.sort((a, b) => b.length - a.length).map(escape).join('|')})`;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})\\s*(?:${CURRENCY_SIGNS}\\s*)?(\\d+(?:[.,]\\d{1,2})?)\\s*(?:${currency}(?![\\p{L}]))?`, 'iu');
}
const BELOW = boundPattern('PRICEBELOW');
const ABOVE = boundPattern('PRICEABOVE');

/** Text without accents (the form price bounds and size words are read in). */
export const withoutAccents = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '');

/**
 * Pulls price bounds out of a product question ("under 100 €", "menos de 50", "fino a 30 euro"):
 * the text without them, and the bounds found (only those not already given).
 */
export function priceBounds(text: string, given: { minPrice?: number; maxPrice?: number } = {}): { text: string; minPrice?: number; maxPrice?: number } {
  let rest = withoutAccents(text);
  let { minPrice, maxPrice } = given;
  if (maxPrice === undefined) {
    const m = rest.match(BELOW);
    if (m) (maxPrice = Number(m[1].replace(',', '.'))), (rest = rest.replace(m[0], ' '));
  }
  if (minPrice === undefined) {
    const m = rest.match(ABOVE);
    if (m) (minPrice = Number(m[1].replace(',', '.'))), (rest = rest.replace(m[0], ' '));
  }
  return { text: rest, minPrice, maxPrice };
}

/** Collapses runs of white space to one space, trimmed. */
export const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Words of a product question with their case (so "M" can be told from "m"), accents removed. */
export const casedWords = (text: string) => withoutAccents(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Asks for the cheapest (1) or the dearest (-1) of the matches, or neither (0); `words` are plain words. */
export const priceOrder = (words: string): 1 | -1 | 0 => (hasPhrase(words, 'CHEAPEST') ? 1 : hasPhrase(words, 'DEAREST') ? -1 : 0);

const FACT_WORDS = new Map<string, string[]>();
for (const p of PACK_LIST) {
  for (const [word, list] of Object.entries(p.search.factWords)) FACT_WORDS.set(fold(word), [...new Set([...(FACT_WORDS.get(fold(word)) ?? []), ...splitWords(list)])]);
}
/** The catalog's words for a fact a shopper names otherwise ("heavy" -> weight, kg), from every pack. */
export const factWordsOf = (word: string): readonly string[] | undefined => FACT_WORDS.get(fold(word));

/** Every pack's words naming a kind of page ("policy", "guide"), for callers that compare stems. */
export const documentWords = (): string[] => [...DOCUMENT_WORDS];
