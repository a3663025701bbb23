import { foldAccents } from './normalise';
import { cleanText } from './normalise';
import { splitWords } from './lexicon';
import { PACK_LIST } from './packs';

/**
 * Typed values in a text (a reply, a policy passage, a product description): amounts with their
 * currency, percentages, dates, durations and code-like tokens (discount codes, order numbers,
 * SKUs). Numerals and formats are normalised for every pack at once ("€3,50" = "3.50 EUR",
 * "21. November" = "2026-11-21", "one business day" = "1 day"), so a reply's figures can be
 * compared with the evidence whatever language either is written in.
 */

export type DurationUnit = 'hour' | 'day' | 'week' | 'month' | 'year';
export type Value =
  | { kind: 'money'; amounts: number[]; currency: string | null; text: string }
  | { kind: 'percent'; value: number; text: string }
  | { kind: 'date'; month: number; day: number; year: number | null; text: string }
  | { kind: 'duration'; n: number; unit: DurationUnit; text: string }
  | { kind: 'code'; code: string; text: string };

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (w: string) => w.split('|').filter(Boolean);

/** Month number by folded name, from every pack. */
const MONTHS = new Map<string, number>();
/** Duration unit by folded word; `contains` entries for compounds ("Werktage"). */
const UNITS = new Map<string, DurationUnit>();
const UNIT_PARTS: [string, DurationUnit][] = [];
const NUMBERS = new Map<string, number>();
const PERCENT_WORDS: string[] = [];
for (const p of PACK_LIST) {
  splitWords(p.values.months).forEach((m, i) => alternatives(m).forEach((name) => MONTHS.set(foldAccents(name), i + 1)));
  for (const [unit, list] of Object.entries(p.values.units) as [DurationUnit, string][]) {
    for (const w of splitWords(list)) {
      if (w.startsWith('*')) UNIT_PARTS.push([foldAccents(w.slice(1)), unit]);
      else UNITS.set(foldAccents(w), unit);
    }
  }
  splitWords(p.values.numbers).forEach((n, i) => alternatives(n).forEach((w) => NUMBERS.set(foldAccents(w), i + 1)));
  PERCENT_WORDS.push(...alternatives(foldAccents(p.values.percent)));
}

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', '£': 'GBP', $: 'USD', us$: 'USD', 'fr.': 'CHF' };
const CURRENCY_WORDS: Record<string, string> = {
  eur: 'EUR', euro: 'EUR', euros: 'EUR', usd: 'USD', dollar: 'USD', dollars: 'USD', dolares: 'USD', dollari: 'USD', gbp: 'GBP',
  pound: 'GBP', pounds: 'GBP', libras: 'GBP', sterline: 'GBP', chf: 'CHF', franken: 'CHF',
};
const NUM = String.raw`\d{1,3}(?:[.,' \u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SYMBOL = String.raw`US\$|€|£|\$|fr\.`;
const CODE_WORD = String.raw`[A-Za-z]{3,}|euros?`;
const MONEY_BEFORE = new RegExp(String.raw`(${SYMBOL}|\b(?:EUR|USD|GBP|CHF)\b)\s?(${NUM})`, 'gi');
const MONEY_AFTER = new RegExp(String.raw`(${NUM})\s?(${SYMBOL}|(?:${CODE_WORD})\b)`, 'gi');
const PERCENT = new RegExp(String.raw`(\d+(?:[.,]\d+)?)\s?(%|${PERCENT_WORDS.map(escape).join('|')})`, 'gi');
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const MONTH_NAMES = [...MONTHS.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th|\.|º|er)?\s+(?:de\s+|di\s+)?(${MONTH_NAMES})\b\.?(?:,?\s+(?:de\s+)?(\d{4}))?`, 'gi');
const MONTH_DAY = new RegExp(String.raw`\b(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?`, 'gi');
const NUMERIC_DATE = /\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b/g;
const WORD = /[\p{L}\p{N}]+/gu;
const CODE = /(?<![\p{L}\p{N}-])(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9](?:[A-Z0-9-]{2,22}[A-Z0-9])(?![\p{L}\p{N}-])|(?<![\p{L}\p{N}.,-])\d{5,}(?![\p{L}\p{N}.,-])/gu;

/** The amounts a written number may mean: "1.234" is 1234 in German and 1.234 in English. */
export function amountsOf(written: string): number[] {
  const s = written.replace(/[\s\u00a0\u202f']/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    return [Number(s.split(thousands).join('').replace(decimal, '.'))];
  }
  const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
  if (!sep) return [Number(s)];
  const parts = s.split(sep);
  const tail = parts[parts.length - 1]!;
  const asDecimal = Number(parts.slice(0, -1).join('') + '.' + tail);
  const asThousands = Number(parts.join(''));
  if (parts.length > 2) return [asThousands];
  return tail.length === 3 ? [asThousands, asDecimal] : [asDecimal];
}

function unitOf(word: string): DurationUnit | null {
  const unit = UNITS.get(word);
  if (unit) return unit;
  for (const [part, u] of UNIT_PARTS) if (word.length > part.length && word.endsWith(part)) return u;
  return null;
}

/**
 * Read values per text, kept per isolate: the same product descriptions and policy passages are
 * read on every turn that shows them (the grounding check walks every tool result). Bounded; the
 * oldest text goes first. Results are frozen, as they are shared between turns.
 */
const READ_CACHE_MAX = 2000;
const readCache = new Map<string, readonly Value[]>();

/** Every typed value in a text. */
export function readValues(text: string): Value[] {
  const hit = readCache.get(text);
  if (hit) return hit as Value[];
  const values = Object.freeze(readValuesUncached(text).map((v) => Object.freeze(v)));
  if (readCache.size >= READ_CACHE_MAX) readCache.delete(readCache.keys().next().value!);
  readCache.set(text, values);
  return values as Value[];
}

function readValuesUncached(text: string): Value[] {
  const clean = cleanText(text).replace(/\*\*|__/g, '');
  const folded = foldAccents(clean);
  const out: Value[] = [];
  const taken: [number, number][] = [];
  const free = (from: number, to: number) => !taken.some(([a, b]) => from < b && to > a);
  const take = (m: RegExpMatchArray) => taken.push([m.index!, m.index! + m[0].length]);

  for (const m of clean.matchAll(MONEY_BEFORE)) {
    const currency = CURRENCY_SYMBOLS[m[1]!.toLowerCase()] ?? m[1]!.toUpperCase();
    out.push({ kind: 'money', amounts: amountsOf(m[2]!), currency, text: m[0] });
    take(m);
  }
  for (const m of clean.matchAll(MONEY_AFTER)) {
    if (!free(m.index!, m.index! + m[0].length)) continue;
    const unit = m[2]!.toLowerCase();
    const currency = CURRENCY_SYMBOLS[unit] ?? CURRENCY_WORDS[foldAccents(unit)] ?? null;
    if (!currency) continue;
    out.push({ kind: 'money', amounts: amountsOf(m[1]!), currency, text: m[0] });
    take(m);
  }
  for (const m of folded.matchAll(PERCENT)) {
    out.push({ kind: 'percent', value: Number(m[1]!.replace(',', '.')), text: m[0] });
    take(m);
  }
  for (const m of folded.matchAll(ISO_DATE)) {
    out.push({ kind: 'date', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), text: m[0] });
    take(m);
  }
  for (const m of folded.matchAll(DAY_MONTH)) {
    if (!free(m.index!, m.index! + m[0].length)) continue;
    out.push({ kind: 'date', day: Number(m[1]), month: MONTHS.get(m[2]!)!, year: m[3] ? Number(m[3]) : null, text: m[0] });
    take(m);
  }
  for (const m of folded.matchAll(MONTH_DAY)) {
    if (!free(m.index!, m.index! + m[0].length)) continue;
    out.push({ kind: 'date', day: Number(m[2]), month: MONTHS.get(m[1]!)!, year: m[3] ? Number(m[3]) : null, text: m[0] });
    take(m);
  }
  for (const m of folded.matchAll(NUMERIC_DATE)) {
    if (!free(m.index!, m.index! + m[0].length)) continue;
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    // Day first in most of Europe, month first in the US: both readings are kept.
    out.push({ kind: 'date', day: Number(m[1]), month: Number(m[2]), year, text: m[0] });
    out.push({ kind: 'date', day: Number(m[2]), month: Number(m[1]), year, text: m[0] });
    take(m);
  }
  // Durations: a number (or a number word, or a range "3-5") and a unit, at most one word apart.
  const words = [...folded.matchAll(WORD)];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]![0];
    const n = /^\d+$/.test(w) ? Number(w) : NUMBERS.get(w);
    if (n === undefined || !free(words[i]!.index!, words[i]!.index! + w.length)) continue;
    // "3-5 days", "3 to 5 days", "5 working days", "3 to 5 working days": numbers and at most two words between.
    let between = 0;
    for (let k = i + 1; k <= i + 4 && k < words.length; k++) {
      const unit = unitOf(words[k]![0]);
      if (unit) {
        out.push({ kind: 'duration', n, unit, text: folded.slice(words[i]!.index!, words[k]!.index! + words[k]![0].length) });
        break;
      }
      if (!/^\d+$/.test(words[k]![0]) && ++between > 2) break;
    }
  }
  for (const m of clean.matchAll(CODE)) {
    if (!free(m.index!, m.index! + m[0].length)) continue;
    out.push({ kind: 'code', code: m[0].toUpperCase(), text: m[0] });
  }
  return out;
}
