import { collapseRepeats, normalizeWord } from './lexicon';
import { cleanText, foldAccents, LEET_CHARS, leetReadings, unconfuse } from './normalise';
import { detectLanguage } from './detect';
import type { Lang } from './types';
import { CONCEPTS, CONTRACTIONS, isPackWord, packPenalty, POSSESSIVE_OF, SHORT_TYPO_FORMS, SHORT_TYPOS, STOP_WORDS, type ShortTypoSlot } from './vocabulary';

/** What a token read from the original text is, when it is not a word. */
export type EntityKind = 'email' | 'price' | 'percent' | 'reference' | 'size' | 'code' | 'number';

/** One token of a message: the original beside the normalised word. */
export interface Token {
  /** Position in the message, for proximity rules. */
  i: number;
  /**
   * The original chunk the token comes from, as typed (after entity/percent decoding, NFKC and
   * removal of invisible characters): case, accents and inner punctuation kept. Order numbers,
   * SKUs, sizes, prices and e-mails are read here.
   */
  raw: string;
  /** The normalised word the packs' concepts are matched against: lower case, no accents, repeats collapsed. */
  norm: string;
  /** The same word before repeats are collapsed and contractions spelled out ("shipped", not "shiped"). */
  word: string;
  /** Set for tokens that are read, never normalised: "jo@x.com", "€3,50", "100%", "#1042", "3XL", "WH-1000XM5", "12". */
  entity?: EntityKind;
  /** How a disguised word was recovered: look-alike letters, digits used as letters, or letters spaced one by one. */
  repaired?: 'confusable' | 'leet' | 'spaced';
}

const EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;
const CURRENCY = '[€$£¥₹]|eur|usd|gbp|chf|sek|nok|dkk|pln|brl';
const AMOUNT = '\\d{1,3}(?:[.,\\s]?\\d{3})*(?:[.,]\\d{1,2})?(?:[.,]-)?';
const PRICE = new RegExp(`^(?:(?:${CURRENCY})\\s?${AMOUNT}|${AMOUNT}\\s?(?:${CURRENCY}))$`, 'i');
const PERCENT = /^\d+(?:[.,]\d+)?%$/;
const REFERENCE = /^#[\p{L}\p{N}][\p{L}\p{N}-]*$/u;
/** Letter sizes: XS, XL, XXL, 3XL, 2XS; numeric sizes are plain numbers. */
const SIZE = /^(?:\d?x{1,4}[sl]|\d+x)$/i;
const NUMBER = /^\d+(?:[.,:/-]\d+)*$/;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{N}/u;
/** Punctuation around a chunk that belongs to the sentence, not to the token. */
const LEADING = /^[("'“”‘’«»¿¡[{<*_~`]+/;
const TRAILING = /[)"'“”‘’«»?!.,;:\]}>*_~`]+$/;
/** Separators between the letters of a word written one letter at a time ("r-e-f-u-n-d", "c.a.n.c.e.l"). */
const PIECES = /[^\p{L}\p{N}@$!|€]+/u;
const APOSTROPHES = /[’‘`´]/g;
const PLAIN_ASCII = /^[\x00-\x24\x27-\x7f]*$/;

/** Placeholders of template data ("{{Order Number}}") read as an order reference. */
const PLACEHOLDER = /\{\{[^}]*\}\}/g;

function accept(latin: string): boolean {
  return isPackWord(normalizeWord(latin));
}

/** The normalised words of one piece of text without entities: "can't" -> cannot, "l'adresse" -> l adresse, "dont" -> do not. */
function wordsOf(piece: string, out: { norm: string; word: string; repaired?: Token['repaired'] }[]) {
  const lower = piece.toLowerCase().replace(APOSTROPHES, "'");
  const unconfused = unconfuse(lower, accept);
  const repaired = unconfused !== lower ? ('confusable' as const) : undefined;
  let s = foldAccents(unconfused);
  s = s.replace(/\bcan't\b/g, 'cannot').replace(/\bwon't\b/g, 'will not').replace(/n't\b/g, ' not');
  for (const w of s.split(/[^a-z0-9]+/)) {
    if (!w) continue;
    const word = /[a-z]/.test(w) && !/[0-9]/.test(w) ? collapseRepeats(w) : w;
    const expanded = CONTRACTIONS.get(word);
    if (expanded) for (const e of expanded) out.push({ norm: e, word: e, repaired });
    else out.push({ norm: word, word: w, repaired });
  }
}

/** A chunk written with digits or symbols as letters ("r3fund", "c@nc3l"), when one reading is a pack word: [norm, word]. */
function leetWord(core: string): [string, string] | null {
  const letters = foldAccents(unconfuse(core.toLowerCase(), accept)).replace(/[-._'’]/g, '');
  if (!/[a-z]/.test(letters) || !/^[a-z0-9@$!|€]+$/.test(letters)) return null;
  for (const reading of leetReadings(letters)) {
    const norm = normalizeWord(reading);
    if (isPackWord(norm)) return [norm, reading];
  }
  return null;
}

function entityOf(core: string): EntityKind | null {
  if (EMAIL.test(core)) return 'email';
  if (PERCENT.test(core)) return 'percent';
  if (PRICE.test(core) && HAS_DIGIT.test(core)) return 'price';
  if (REFERENCE.test(core) && HAS_DIGIT.test(core)) return 'reference';
  if (SIZE.test(core)) return 'size';
  if (NUMBER.test(core)) return 'number';
  return null;
}

/**
 * The one tokenizer of shopper text. It keeps each token's original beside its normalised word,
 * reads entities (e-mails, prices, percentages, order references, sizes, model numbers, numbers)
 * from the original only, and undoes disguises: look-alike letters, digits used as letters and
 * letters spaced one by one are accepted only when the result is a word of some pack.
 */
export function tokenize(text: string): Token[] {
  const clean = cleanText(text).replace(PLACEHOLDER, ' orderref ');
  const out: Token[] = [];
  const push = (t: Omit<Token, 'i'>) => out.push({ ...t, i: out.length });
  for (const chunk of clean.split(/\s+/)) {
    const core = chunk.replace(LEADING, '').replace(TRAILING, '');
    if (!core) continue;
    const kind = entityOf(core);
    if (kind) {
      const norm = foldAccents(core).replace(/[^a-z0-9]/g, '');
      push({ raw: core, norm, word: norm, entity: kind });
      continue;
    }
    const pieces = core.split(PIECES).filter(Boolean);
    // One letter at a time: kept as single letters here, rejoined below when they spell a word.
    if (pieces.length > 1 && pieces.every((p) => [...p].length === 1)) {
      for (const p of pieces) {
        const words: { norm: string; word: string }[] = [];
        wordsOf(p, words);
        const norm = words[0]?.norm ?? p.toLowerCase();
        push({ raw: p, norm, word: norm });
      }
      continue;
    }
    if ([...core].some((c) => LEET_CHARS.has(c)) && HAS_LETTER.test(core)) {
      const leet = leetWord(core);
      if (leet) {
        push({ raw: core, norm: leet[0], word: leet[1], repaired: 'leet' });
        continue;
      }
      // Letters and digits that spell no word: a model number or SKU ("WH-1000XM5", "SKU-88"),
      // unless a part of it is a word ("order#1042").
      const parts: { norm: string; word: string }[] = [];
      wordsOf(core, parts);
      const wordy = parts.some((p) => p.norm.length >= 3 && !/[0-9]/.test(p.norm) && isPackWord(p.norm));
      if (!wordy && HAS_DIGIT.test(core)) {
        const norm = foldAccents(core).replace(/[^a-z0-9]/g, '');
        push({ raw: core, norm, word: norm, entity: 'code' });
        continue;
      }
    }
    const words: { norm: string; word: string; repaired?: Token['repaired'] }[] = [];
    wordsOf(core, words);
    for (const w of words) push({ raw: core, norm: w.norm, word: w.word, ...(w.repaired ? { repaired: w.repaired } : {}), ...(/^[0-9]+$/.test(w.norm) ? { entity: 'number' as const } : {}) });
  }
  return readShortTypos(rejoinSpaced(out), text);
}

/**
 * Four-letter typos of the message's own language, in the one place each is expected (see
 * `SHORT_TYPOS`): "wher is my ordr" reads "where is my order". The original stays in `raw`.
 */
function readShortTypos(tokens: Token[], text: string): Token[] {
  if (!tokens.some((t) => !t.entity && SHORT_TYPO_FORMS.has(t.norm))) return tokens;
  const guess = detectLanguage(text, tokens);
  const greeting = (t: Token) => CONCEPTS.exactly(t.norm).includes('GREETING');
  /** The one reading of `form` in a slot of these packs, if they agree. */
  const reading = (langs: readonly Lang[], slot: ShortTypoSlot, form: string) => {
    const found = new Set(langs.flatMap((l) => SHORT_TYPOS.get(l)?.get(slot)?.get(form) ?? []));
    return found.size === 1 ? [...found][0] : undefined;
  };
  return tokens.map((t, i) => {
    if (t.entity || !SHORT_TYPO_FORMS.has(t.norm)) return t;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const owners = prev && !prev.entity ? POSSESSIVE_OF.get(prev.norm) : undefined;
    const afterPossessive = owners ? reading(owners, 'after_possessive', t.norm) : undefined;
    const first = tokens.slice(0, i).every(greeting) && next && STOP_WORDS.has(next.norm) ? reading([guess.confident ?? guess.best], 'first', t.norm) : undefined;
    const word = afterPossessive ?? first;
    return word ? { ...t, norm: word, word } : t;
  });
}

const single = (t: Token) => [...t.raw].length === 1 && (t.entity === undefined || t.entity === 'number');

/** "r e f u n d", "c-a-n-c-e-l", "r 3 f u n d": runs of single characters that spell pack words become those words. */
function rejoinSpaced(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!single(tokens[i])) {
      out.push(tokens[i++]);
      continue;
    }
    let end = i;
    while (end < tokens.length && single(tokens[end])) end++;
    if (end - i < 3) {
      while (i < end) out.push(tokens[i++]);
      continue;
    }
    out.push(...spell(tokens.slice(i, end)));
    i = end;
  }
  return out.map((t, index) => (t.i === index ? t : { ...t, i: index }));
}

/** The pack word spelled by single characters and how many of them it accounts for ("r3fund" read as "refund"). */
function spelled(run: readonly Token[]): { norm: string; word: string; covered: number } | null {
  const letters = run.map((t) => t.raw.toLowerCase()).join('');
  let best: { norm: string; word: string; covered: number } | null = null;
  for (const r of [letters, ...leetReadings(letters)]) {
    const word = foldAccents(unconfuse(r, accept));
    const norm = normalizeWord(word);
    if (!/[a-z]/.test(norm)) continue;
    const penalty = packPenalty(norm);
    if (penalty >= 0 && (!best || run.length - penalty > best.covered)) best = { norm, word, covered: run.length - penalty };
  }
  return best;
}

/** Longest run of single characters read at once; longer runs are read in pieces of this size. */
const MAX_RUN = 40;

/**
 * Splits a run of single characters into pack words so that words cover as many characters as
 * possible ("r e f u n d m y o r d e r" -> refund my order); characters no word covers stay.
 */
function spell(run: readonly Token[]): Token[] {
  if (run.length > MAX_RUN) return [...spell(run.slice(0, MAX_RUN)), ...spell(run.slice(MAX_RUN))];
  const n = run.length;
  // best[k]: most characters covered from k on, with the step taken there (word length, or 1 = skip).
  const best = new Array<{ covered: number; words: number; step: number; norm?: string; word?: string }>(n + 1);
  best[n] = { covered: 0, words: 0, step: 0 };
  for (let k = n - 1; k >= 0; k--) {
    let choice = { covered: best[k + 1].covered, words: best[k + 1].words, step: 1 } as (typeof best)[number];
    for (let to = k + 2; to <= n; to++) {
      const word = spelled(run.slice(k, to));
      if (!word) continue;
      const covered = word.covered + best[to].covered;
      const words = 1 + best[to].words;
      if (covered > choice.covered || (covered === choice.covered && words < choice.words)) {
        choice = { covered, words, step: to - k, norm: word.norm, word: word.word };
      }
    }
    best[k] = choice;
  }
  const out: Token[] = [];
  for (let k = 0; k < n; ) {
    const { step, norm, word } = best[k];
    if (step > 1 && norm) out.push({ raw: run.slice(k, k + step).map((t) => t.raw).join(''), norm, word: word ?? norm, repaired: 'spaced', i: 0 });
    else out.push(run[k]);
    k += step;
  }
  return out;
}

/**
 * Search words, the way SQLite FTS5's unicode61 tokenizer splits text (lower case, no accents,
 * split on anything that is not a letter or digit), after the same character clean-up and
 * look-alike mapping as `tokenize`. Catalog and policy search index and query with it.
 */
export function searchWords(text: string): string[] {
  // Plain ASCII has nothing to clean, fold or map: split it as it is (the common case, and the hot
  // path of a catalog import).
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let clean = cleanText(text);
  // Only text with letters beyond the Latin blocks can hold look-alikes.
  if (/[^\x00-\u024f\u1e00-\u1eff]/.test(clean)) clean = clean.split(/(\s+)/).map((chunk) => unconfuse(chunk, () => false)).join('');
  const out = clean.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return out;
}

/**
 * Words as typed, for a product query: lower case, accents kept, inner apostrophes and hyphens
 * kept ("t-shirt", "wh-1000xm5"), template placeholders dropped.
 */
export function queryWords(text: string): string[] {
  return cleanText(text)
    .toLowerCase()
    .replace(PLACEHOLDER, ' ')
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter(Boolean);
}

/** A word that is only a number ("42", "#1042"). */
export const isNumeric = (word: string) => /^#?\d+$/.test(word);
