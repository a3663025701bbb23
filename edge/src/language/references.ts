import { foldAccents } from './normalise';
import { cleanText } from './normalise';
import { splitWords } from './lexicon';
import { PACK_LIST } from './packs';

/**
 * Order references a shopper types: "#1042", "order 1042", "pedido nº 1042", "commande n° W-88312",
 * "Bestellnummer: 88312", "ordine n. 1042". The words come from every pack's `orderRef`. An id must
 * contain a digit so that "order status" or "#hashtag" are not mistaken for numbers, and a number
 * followed by a unit ("3 days", "2 items", "50 €") is not an id.
 */

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const listOf = (pick: (p: (typeof PACK_LIST)[number]) => string) =>
  [...new Set(PACK_LIST.flatMap((p) => splitWords(pick(p)).map(foldAccents)))].sort((a, b) => b.length - a.length);

const ORDER_WORDS = listOf((p) => p.orderRef.words);
const NUMBER_WORDS = listOf((p) => p.orderRef.numberWords);
const UNITS = listOf((p) => p.orderRef.units);

const NUMBER_WORD = `(?:(?:${NUMBER_WORDS.map((w) => `${escape(w)}\\.?`).join('|')}|#)\\s*)?`;
/** "n°", "nr.", "no.": a number word alone introduces a reference too, when it is not a plain word. */
const ALONE = NUMBER_WORDS.filter((w) => /[^a-z]/.test(w)).map(escape).concat(NUMBER_WORDS.filter((w) => /^[a-z]{1,2}$/.test(w)).map((w) => `${escape(w)}\\.`));
const ORDER_WORD = `(?:${ORDER_WORDS.map(escape).join('|')}|${ALONE.join('|')})`;
const ID = `([A-Za-z]{0,4}-?\\d[A-Za-z0-9-]{0,23})(?![A-Za-z0-9-]|\\s*(?:${UNITS.map(escape).join('|')}|€|\\$|%|£)(?![\\p{L}]))`;

const AFTER_WORD = new RegExp(`(?:^|[^\\p{L}])${ORDER_WORD}\\s*${NUMBER_WORD}[:#]?\\s*${ID}`, 'giu');
const HASH = /#\s?([A-Za-z]{0,4}-?\d[A-Za-z0-9-]{0,23})/g;

/** The order references in a message, as typed (case kept), first mention first. */
export function findOrderNumbers(text: string): string[] {
  const clean = cleanText(text);
  const folded = clean.normalize('NFD').replace(/\p{M}+/gu, '');
  const found: string[] = [];
  const add = (id: string) => {
    const trimmed = id.replace(/[-.]+$/, '');
    if (/\d/.test(trimmed) && (trimmed.length >= 3 || /[A-Za-z]/.test(trimmed)) && !found.includes(trimmed)) found.push(trimmed);
  };
  for (const m of folded.matchAll(HASH)) add(m[1]);
  for (const m of folded.matchAll(AFTER_WORD)) add(m[1]);
  return found;
}
