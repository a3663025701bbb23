import type { Lang } from './types';

/**
 * One stemmer per language. English is the Porter stemmer (M. F. Porter, 1980), the algorithm
 * SQLite FTS5's `porter` tokenizer implements: catalog and policy search stem with it so their
 * term tables agree with the full-text index. The others are light suffix strippers (plural and
 * common inflections), enough to meet a word's forms in the packs and the shop's text.
 */


const isConsonant = (w: string, i: number): boolean => {
  const c = w[i];
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
};

/** Number of VC sequences in w[0..end). */
function measure(w: string, end = w.length): number {
  let n = 0;
  let i = 0;
  while (i < end && isConsonant(w, i)) i++;
  while (i < end) {
    while (i < end && !isConsonant(w, i)) i++;
    if (i >= end) break;
    while (i < end && isConsonant(w, i)) i++;
    n++;
  }
  return n;
}

const hasVowel = (w: string, end = w.length) => {
  for (let i = 0; i < end; i++) if (!isConsonant(w, i)) return true;
  return false;
};
const endsDoubleConsonant = (w: string) => w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonant(w, w.length - 1);
/** consonant-vowel-consonant at the end, last not w, x or y. */
const endsCvc = (w: string) => {
  const n = w.length;
  if (n < 3) return false;
  if (!isConsonant(w, n - 1) || isConsonant(w, n - 2) || !isConsonant(w, n - 3)) return false;
  return !'wxy'.includes(w[n - 1]);
};

function replaceSuffix(w: string, rules: [string, string][], minMeasure: number): string {
  for (const [suffix, repl] of rules) {
    if (w.endsWith(suffix)) {
      const stem = w.slice(0, w.length - suffix.length);
      return measure(stem) > minMeasure ? stem + repl : w;
    }
  }
  return w;
}

const STEP2: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: [string, string][] = [['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

const stemCache = new Map<string, string>();

/** Porter stem of one lower-case token; non-ASCII and short tokens pass through. */
export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let w = word;
  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b
  let extra = false;
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    extra = true;
  } else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    extra = true;
  }
  if (extra) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (endsDoubleConsonant(w) && !'lsz'.includes(w[w.length - 1])) w = w.slice(0, -1);
    else if (measure(w) === 1 && endsCvc(w)) w += 'e';
  }
  // Step 1c
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';
  // Steps 2 and 3
  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);
  // Step 4
  for (const suffix of STEP4) {
    if (w.endsWith(suffix)) {
      const s = w.slice(0, w.length - suffix.length);
      if (measure(s) > 1 && (suffix !== 'ion' || /[st]$/.test(s))) w = s;
      break;
    }
  }
  // Step 5
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1);
  if (stemCache.size > 20_000) stemCache.clear();
  stemCache.set(word, w);
  return w;
}


/** Suffixes stripped by the light stemmers, longest first; a stem keeps at least four letters. */
const LIGHT_SUFFIXES: Record<Exclude<Lang, 'en'>, string[]> = {
  es: ['amientos', 'imientos', 'amiento', 'imiento', 'aciones', 'uciones', 'acion', 'ucion', 'mente', 'ando', 'iendo', 'ados', 'idas', 'idos', 'adas', 'ado', 'ada', 'ido', 'ida', 'es', 's', 'a', 'o', 'e'],
  pt: ['amentos', 'imentos', 'amento', 'imento', 'acoes', 'ucoes', 'acao', 'ucao', 'mente', 'ando', 'endo', 'ados', 'idas', 'idos', 'adas', 'ado', 'ada', 'ido', 'ida', 'oes', 'aes', 'es', 's', 'a', 'o', 'e'],
  it: ['amenti', 'imenti', 'amento', 'imento', 'azioni', 'uzioni', 'azione', 'uzione', 'mente', 'ando', 'endo', 'ati', 'ate', 'iti', 'ite', 'ato', 'ata', 'ito', 'ita', 'i', 'e', 'a', 'o'],
  fr: ['issements', 'issement', 'ements', 'ement', 'ations', 'ation', 'ments', 'ment', 'euses', 'euse', 'ees', 'es', 'ee', 'e', 's', 'x'],
  de: ['ungen', 'heiten', 'keiten', 'heit', 'keit', 'ung', 'ern', 'em', 'en', 'er', 'es', 'e', 'n', 's'],
};

function lightStem(word: string, suffixes: string[]): string {
  for (const s of suffixes) if (word.length - s.length >= 4 && word.endsWith(s)) return word.slice(0, -s.length);
  return word;
}

/** The stem of a lower-case, accent-free word in a language. */
export function stem(word: string, lang: Lang = 'en'): string {
  return lang === 'en' ? porterStem(word) : lightStem(word, LIGHT_SUFFIXES[lang]);
}
