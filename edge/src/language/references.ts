import { foldAccents } from './normalise';
import { cleanText } from './normalise';
import { splitWords } from './lexicon';
import { PACK_LIST } from './packs';

/**
 * Order references a shopper types: "#1042", "order 1042", "pedido nº 1042", "commande n° W-88312",
 * "Bestellnummer: 88312", "ordine n. 1042", "Bestellung 100.045.990", "order 100,045,990" (thousands grouped). The words come from every pack's `orderRef`. An id must
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
const ID = `([A-Za-z]{0,4}-?\\d[A-Za-z0-9-]{0,23}(?:[.,]\\d{3}(?!\\d))*)(?![A-Za-z0-9-]|\\s*(?:${UNITS.map(escape).join('|')}|€|\\$|%|£)(?![\\p{L}]))`;

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

/** Whether a message holds a digit at all (after NFKC: full-width digits count): only then can it name an order. */
export function hasDigit(text: string): boolean {
  return /\p{Nd}/u.test(cleanText(text));
}

/** Letters and digits only, upper-cased: every spelling of one number meets ("nw 10231" = "NW-10231"). */
const keyOf = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
const digitsOf = (s: string) => s.normalize('NFKC').replace(/\D/g, '');
/** What joins the parts of one typed number: spaces, dashes, "#". Dots, commas and slashes do not ("102.31", "10/12"), */
const JOIN = /^[\s#\-‐‑–—_]{1,3}$/u;
/** except a dot or a comma before a group of three digits, as thousands are written ("100.045.990", "100,045,990"). */
const joins = (sep: string, before: string, after: string) => JOIN.test(sep) || ((sep === '.' || sep === ',') && /^\d+$/.test(before) && /^\d{3}$/.test(after));
const RUN = /[\p{L}\p{N}]+/gu;
/**
 * A number typed in parts: "HG 209 58", "100 045 660", or one digit at a time ("1 0 0 0 4 5 6 6 0").
 * Only a run that is one of theirs, or of their shape, is read, so a longer window invents nothing.
 */
const MAX_PARTS = 16;
/**
 * Letters typed for look-alike digits inside the digits of a number ("HG-2O958", "10004566O",
 * "NW-1O23l"): from the first digit on, O reads 0 and I or L read 1. Only an exact match with one of
 * their own numbers is taken this way, never a number of their shape.
 */
function digitsRead(key: string): string {
  const first = key.search(/\d/);
  if (first < 0) return key;
  return key.slice(0, first) + key.slice(first).replace(/O/g, '0').replace(/[IL]/g, '1');
}
/** The shape of an order number: its letters before the digits, and how many digits ("HG-20958": HG, 5). */
const shapeOf = (key: string) => {
  const m = /^(\p{L}*)(\d+)$/u.exec(key);
  return m ? { prefix: m[1], digits: m[2].length } : null;
};

/**
 * Order references found by the customer's own order numbers, however they are typed: with or
 * without the shop's prefix, "#", spaces or dashes inside, digits only, full-width digits, with
 * or without a word for "order". `own` are the verified customer's own numbers; a match returns
 * the number as the shop writes it. A number of the same shape as theirs that is not one of
 * theirs ("hg 21999" or "21999" when theirs are "HG-2xxxx", five digits or more) is
 * returned the way the shop writes its numbers ("HG-21999", "21999"), so it is looked up and reads "not found" like any missing order. First
 * mention first.
 */
export function findOwnOrderNumbers(text: string, own: readonly string[]): string[] {
  const keys = new Map<string, string>();
  const digits = new Map<string, string[]>();
  const shapes: { prefix: string; digits: number; like: string }[] = [];
  for (const number of own) {
    const key = keyOf(number);
    if (!key) continue;
    keys.set(key, number);
    const d = digitsOf(number);
    if (d.length >= 3) digits.set(d, [...(digits.get(d) ?? []), number]);
    const shape = shapeOf(key);
    if (shape && !shapes.some((s) => s.prefix === shape.prefix && s.digits === shape.digits)) shapes.push({ ...shape, like: number });
  }
  if (keys.size === 0) return [];
  const clean = cleanText(text).normalize('NFKC');
  const runs = [...clean.matchAll(RUN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const found: string[] = [];
  const add = (n: string) => {
    if (!found.some((f) => keyOf(f) === keyOf(n))) found.push(n);
  };
  for (let i = 0; i < runs.length; i++) {
    // The longest run of parts joined by spaces or dashes that is one of theirs, or of their shape.
    let joined = '';
    let best: { number: string; last: number } | null = null;
    for (let j = i; j < runs.length && j < i + MAX_PARTS; j++) {
      if (j > i && !joins(clean.slice(runs[j - 1].end, runs[j].start), runs[j - 1].text, runs[j].text)) break;
      joined += runs[j].text.toUpperCase();
      const mine = keys.get(joined) ?? keys.get(digitsRead(joined)) ?? (/^\d+$/.test(joined) && digits.get(joined)?.length === 1 ? digits.get(joined)![0] : undefined);
      const shape = mine ? null : shapeOf(joined);
      const sameShape = shape && shapes.find((s) => s.digits === shape.digits && (shape.prefix ? s.prefix === shape.prefix : s.digits >= 5));
      if (mine) best = { number: mine, last: j };
      // Written the way the shop writes its numbers ("hg 21999" reads HG-21999), digits alone as digits.
      else if (sameShape && shape) best = { number: shape.prefix ? sameShape.like.replace(/\d+/, joined.slice(shape.prefix.length)) : joined, last: j };
    }
    if (best) {
      add(best.number);
      i = best.last;
    }
  }
  return found;
}

/**
 * The references of a message for a customer whose own numbers are known: those typed the usual
 * way ("order 1042", "#1042"), each as the shop writes it when it is one of theirs, then those
 * found by their own numbers and shapes.
 */
export function mergeOrderReferences(typed: readonly string[], text: string, own: readonly string[]): string[] {
  const ownKeys = new Map(own.map((n) => [keyOf(n), n]));
  const canonical = (t: string) => {
    const byKey = ownKeys.get(keyOf(t)) ?? ownKeys.get(digitsRead(keyOf(t)));
    if (byKey) return byKey;
    const d = digitsOf(t);
    const byDigits = d.length >= 3 ? own.filter((n) => digitsOf(n) === d) : [];
    return byDigits.length === 1 ? byDigits[0] : t;
  };
  const found = findOwnOrderNumbers(text, own);
  // A typed reference that is only the first part of a number read whole ("#100 045 660" typed "100") is no number of its own.
  const fragment = (t: string) => !ownKeys.has(keyOf(t)) && found.some((n) => keyOf(n).length > keyOf(t).length && keyOf(n).startsWith(keyOf(t)));
  const out: string[] = [];
  for (const n of [...typed.map(canonical).filter((t) => !fragment(t)), ...found]) if (!out.some((o) => keyOf(o) === keyOf(n))) out.push(n);
  return out;
}
