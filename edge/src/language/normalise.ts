import confusableData from 'unhomoglyph/data.json';

/**
 * Character-level normalisation, the first step of every analysis. Each step undoes one way of
 * writing a word so that it looks the same to a person but different to a program:
 *
 * 1. HTML entities (`&#114;`, `&eacute;`) and percent-encoding (`%72`) are decoded, but only
 *    where they form a valid sequence: "100%" and "AT&T" stay as typed.
 * 2. NFKC folds fullwidth, mathematical, circled and compatibility letters into plain ones.
 * 3. Format characters are removed: zero-width spaces and joiners, soft hyphens, word joiners,
 *    bidi controls, Unicode tag characters, variation selectors.
 *
 * The result (`cleanText`) keeps case, accents and punctuation: order numbers, SKUs, sizes, model
 * numbers, prices and e-mail addresses are read from it. Letter-level steps (look-alike letters,
 * accents, digits used as letters) happen per token in `tokenize.ts`, where a token's own script
 * and the language packs' words decide whether they apply.
 *
 * Look-alike data: the TR39 confusables mapping (Unicode `confusables.txt` 13.0.0) as shipped by
 * the `unhomoglyph` package 1.0.6 (nodeca). Only its JSON table is imported: no fs, no native code.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e',
  rlm: '\u200f', euro: '€', pound: '£', yen: '¥', cent: '¢', hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', iexcl: '¡', iquest: '¿', szlig: 'ß', aelig: 'æ', oelig: 'œ', oslash: 'ø',
  ccedil: 'ç', ntilde: 'ñ', times: '×', deg: '°', sup2: '²', sup3: '³', ordm: 'º', ordf: 'ª', num: '#', percnt: '%',
  commat: '@', dollar: '$', period: '.', comma: ',', colon: ':', excl: '!', quest: '?', hyphen: '-', dash: '-', sol: '/',
};
/** Combining marks of the `&eacute;`-style entities. */
const ENTITY_MARKS: Record<string, string> = {
  acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', tilde: '\u0303', cedil: '\u0327', ring: '\u030a', caron: '\u030c',
};

function entity(body: string): string | null {
  if (body[0] === '#') {
    const hex = body[1] === 'x' || body[1] === 'X';
    const digits = body.slice(hex ? 2 : 1);
    if (!digits || !(hex ? /^[0-9a-f]+$/i : /^[0-9]+$/).test(digits)) return null;
    const cp = parseInt(digits, hex ? 16 : 10);
    if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    return String.fromCodePoint(cp);
  }
  const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
  if (named) return named;
  const m = /^([a-z])(acute|grave|circ|uml|tilde|cedil|ring|caron)$/i.exec(body);
  return m ? (m[1] + ENTITY_MARKS[m[2].toLowerCase()]).normalize('NFC') : null;
}

/** Decodes `&name;`, `&#NNN;` and `&#xHH;` where they are real entities; anything else stays. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});/g, (all, body: string) => entity(body) ?? all);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes runs of `%HH` that form valid UTF-8 text without control characters; "100% cotton" stays. */
export function decodePercent(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    try {
      const decoded = UTF8.decode(bytes);
      return /[\u0000-\u001f\u007f]/.test(decoded.replace(/[\t\n\r]/g, ' ')) ? run : decoded;
    } catch {
      return run;
    }
  });
}

/**
 * Characters that draw nothing: format characters (zero-width space and joiners, soft hyphen,
 * word joiner, bidi controls, tag characters), variation selectors, the combining grapheme
 * joiner and the Hangul fillers.
 */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0\u180b-\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** Entity and percent decoding (twice, for double encoding), NFKC, invisible characters removed. */
export function cleanText(text: string): string {
  let s = text;
  for (let round = 0; round < 2; round++) {
    const next = decodePercent(decodeEntities(s));
    if (next === s) break;
    s = next;
  }
  // NFKC reads the ordinal sign of "nº" as the letter o, which makes the number sign a "no".
  return s.replace(/º/g, '°').normalize('NFKC').replace(INVISIBLE, '');
}

const CONFUSABLES = confusableData as Record<string, string>;

const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

/** Latin letters that have no decomposition but are ordinary letters of European languages. */
const LATIN_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i', ŀ: 'l' };

/** A Latin letter that is an ordinary letter: ASCII, or ASCII plus accents, or one of LATIN_FOLDS. */
function ordinaryLatin(ch: string): boolean {
  if (ch < '\u0080') return true;
  if (LATIN_FOLDS[ch] !== undefined) return true;
  const base = ch.normalize('NFD')[0];
  return base < '\u0080' && base !== ch;
}

/** The Latin skeleton of one character, when TR39 maps it to plain letters. */
function latinOf(ch: string): string | null {
  const mapped = CONFUSABLES[ch] ?? CONFUSABLES[ch.toUpperCase()];
  if (!mapped) return null;
  const lower = mapped.toLowerCase();
  return /^[a-z]+$/.test(lower) ? lower : null;
}

/**
 * Maps look-alike letters of one word to Latin, when the word is disguised: it mixes Latin with
 * another script ("rеfund" with a Cyrillic е), or uses Latin-script look-alikes that are no
 * ordinary letter (small capitals "ʀᴇꜰᴜɴᴅ"). A word wholly in another script is mapped only when
 * `accept` takes the result (a pack word): a Greek or Russian word stays itself. Plain Latin text
 * is never touched: the full skeleton would turn "m" into "rn".
 */
export function unconfuse(word: string, accept: (latin: string) => boolean): string {
  let latin = 0;
  let other = 0;
  let oddLatin = 0;
  for (const ch of word) {
    if (!LETTER.test(ch)) continue;
    if (LATIN.test(ch)) {
      latin++;
      if (!ordinaryLatin(ch)) oddLatin++;
    } else other++;
  }
  if (other === 0 && oddLatin === 0) return word;
  let out = '';
  let unmapped = 0;
  for (const ch of word) {
    const isLatin = LATIN.test(ch);
    if (LETTER.test(ch) && (!isLatin || !ordinaryLatin(ch))) {
      const m = latinOf(ch);
      if (m) out += m;
      else {
        out += ch;
        unmapped++;
      }
    } else out += ch;
  }
  if (latin === 0 && oddLatin === 0) return unmapped === 0 && accept(out) ? out : word;
  return out;
}

/** Lower-case letters without accents: "Rückerstattung" -> "ruckerstattung", "ß" -> "ss". */
export function foldAccents(word: string): string {
  let s = word.toLowerCase();
  if (/[ßæœøđłþðıŀ]/.test(s)) s = s.replace(/[ßæœøđłþðıŀ]/g, (c) => LATIN_FOLDS[c]);
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Digits and symbols used as letters ("r3fund", "c@ncel"); 1 may be i or l. */
const LEET: Record<string, string[]> = {
  '0': ['o'], '1': ['i', 'l'], '2': ['z'], '3': ['e'], '4': ['a'], '5': ['s'], '6': ['g'], '7': ['t'], '8': ['b'], '9': ['g'],
  '@': ['a'], $: ['s'], '!': ['i'], '|': ['l'], '€': ['e'],
};
export const LEET_CHARS = new Set(Object.keys(LEET));

/** Every reading of a word with its digits taken as letters (at most 16), or [] when it has none. */
export function leetReadings(word: string): string[] {
  if (![...word].some((c) => LEET_CHARS.has(c))) return [];
  let readings = [''];
  for (const ch of word) {
    const options = LEET[ch] ?? [ch];
    const next: string[] = [];
    for (const r of readings) for (const o of options) if (next.length < 16) next.push(r + o);
    readings = next;
  }
  return readings;
}
