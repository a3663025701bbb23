/**
 * Text normalisation and fuzzy keyword matching shared by the gate, the
 * intent detector and the promise guard. Pure and allocation-light: it runs
 * on every chat message inside the Worker.
 */

export type Language = 'en' | 'es' | 'fr' | 'de';

/** One word of a message: `norm` is what the lexicon matches against. */
export interface Token {
  norm: string;
  /** Index of the token in the message, for proximity rules. */
  i: number;
}

/** Collapses runs of one letter ("pleeease" -> "please"); digits are left alone (order numbers). */
function collapseRepeats(word: string): string {
  return word.replace(/([a-z])\1+/g, '$1');
}

/**
 * Lowercase, strip diacritics (ß -> ss, æ -> ae), spell out English
 * contractions so negation survives, split French elisions, and remove
 * punctuation. `{{Placeholder}}` templates become a neutral order reference.
 */
export function normalize(text: string): string {
  let s = text.toLowerCase();
  s = s.replace(/\{\{[^}]*\}\}/g, ' orderref ');
  s = s.replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o');
  s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(/[’‘`´]/g, "'");
  s = s.replace(/\bcan't\b/g, 'cannot').replace(/\bwon't\b/g, 'will not').replace(/n't\b/g, ' not');
  s = s.replace(/'/g, ' ');
  return s;
}

const CONTRACTIONS: Record<string, string[]> = {
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  cant: ['cannot'],
  cannt: ['cannot'],
  couldnt: ['could', 'not'],
  wont: ['will', 'not'],
  wouldnt: ['would', 'not'],
  isnt: ['is', 'not'],
  arent: ['are', 'not'],
  wasnt: ['was', 'not'],
  werent: ['were', 'not'],
  hasnt: ['has', 'not'],
  havent: ['have', 'not'],
  hadnt: ['had', 'not'],
  aint: ['is', 'not'],
  im: ['i', 'am'],
  ive: ['i', 'have'],
  wanna: ['want', 'to'],
  gotta: ['got', 'to'],
  pls: ['please'],
  plz: ['please'],
  plese: ['please'],
  u: ['you'],
  ur: ['your'],
  uhelp: ['you', 'help'],
  utell: ['you', 'tell'],
};

/** Splits normalised text into word tokens; letters are de-duplicated, numbers kept verbatim. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const raw of normalize(text).split(/[^a-z0-9]+/)) {
    if (!raw) continue;
    const word = /[a-z]/.test(raw) && !/[0-9]/.test(raw) ? collapseRepeats(raw) : raw;
    const expanded = CONTRACTIONS[word] ?? [word];
    for (const w of expanded) out.push({ norm: w, i: out.length });
  }
  return out;
}

/** Normalises a single lexicon word exactly as message words are normalised. */
export function normalizeWord(word: string): string {
  return collapseRepeats(normalize(word).replace(/[^a-z0-9]/g, ''));
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance, giving up as soon
 * as the distance must exceed `max` (returns max + 1 then).
 */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/** Typos allowed for a keyword of this length (keywords under 5 letters must match exactly). */
export function allowedTypos(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

const GLUE_WORDS = ['to', 'my', 'the', 'an', 'a', 'me', 'it', 'mi', 'el', 'la', 'le', 'ma', 'mon', 'de', 'die', 'der', 'zu'];

type Mode = 'word' | 'prefix' | 'contains';
interface Entry {
  stem: string;
  concept: string;
  mode: Mode;
}

/**
 * A keyword index. Lexicon words are written as `word` (whole word),
 * `stem*` (prefix) or `*part` (inside a compound, for German). Tokens that
 * match nothing exactly are compared with a bounded edit distance, unless
 * they are listed as known words (real words that sit one typo away from a
 * keyword, such as "older" and "order").
 */
export class Lexicon {
  private readonly words = new Map<string, string[]>();
  private readonly prefixes = new Map<string, Entry[]>();
  private readonly parts: Entry[] = [];
  /** Typo candidates by first letter: typos rarely touch it, so only one bucket (two with a swap) is searched. */
  private readonly fuzzy = new Map<string, Entry[]>();
  private readonly known: Set<string>;
  private readonly cache = new Map<string, readonly string[]>();

  /**
   * `minTypoLength`: shortest word compared by edit distance. Topic words need more letters than
   * request words: five-letter product nouns ("paper", "stove", "table") sit one letter away from
   * "payer", "store" and "tabla".
   */
  constructor(
    concepts: Record<string, string>,
    knownWords: string,
    private readonly minTypoLength = 5,
  ) {
    for (const [concept, list] of Object.entries(concepts)) {
      for (const item of list.split(/\s+/)) {
        if (!item) continue;
        const mode: Mode = item.startsWith('*') ? 'contains' : item.endsWith('*') ? 'prefix' : 'word';
        const stem = normalizeWord(item.replace(/\*/g, ''));
        if (!stem) continue;
        const entry = { stem, concept, mode };
        if (mode === 'word') {
          const list = this.words.get(stem) ?? [];
          if (!list.includes(concept)) list.push(concept);
          this.words.set(stem, list);
        } else if (mode === 'prefix') {
          const bucket = this.prefixes.get(stem[0]);
          if (bucket) bucket.push(entry);
          else this.prefixes.set(stem[0], [entry]);
        }
        else this.parts.push(entry);
        if (stem.length >= 5) {
          const bucket = this.fuzzy.get(stem[0]);
          if (bucket) bucket.push(entry);
          else this.fuzzy.set(stem[0], [entry]);
        }
      }
    }
    this.known = new Set(knownWords.split(/\s+/).filter(Boolean).map(normalizeWord));
  }

  /** Concepts of one normalised word, exact matches first, typo-tolerant otherwise. */
  lookup(word: string): readonly string[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    let found = this.exact(word);
    // German spellings without umlauts ("Rueckerstattung") and with them ("Rückerstattung") meet here.
    if (found.length === 0 && /ae|oe|ue/.test(word)) found = this.exact(word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u'));
    if (found.length === 0 && word.length >= this.minTypoLength && !/[0-9]/.test(word) && !this.known.has(word)) found = this.approximate(word);
    if (found.length === 0 && word.length >= 6) found = this.joined(word);
    const result = Object.freeze(found);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  /** A keyword glued to a small word by a missing space: "tocontact", "editmy". */
  private joined(word: string): string[] {
    for (const glue of GLUE_WORDS) {
      if (word.length - glue.length < 4) continue;
      if (word.startsWith(glue)) {
        const rest = this.exact(word.slice(glue.length));
        if (rest.length) return rest;
      }
      if (word.endsWith(glue)) {
        const head = this.exact(word.slice(0, -glue.length));
        if (head.length) return head;
      }
    }
    return [];
  }

  private exact(word: string): string[] {
    const found = new Set<string>(this.words.get(word) ?? []);
    for (const e of this.prefixes.get(word[0]) ?? []) if (word.startsWith(e.stem)) found.add(e.concept);
    for (const e of this.parts) if (word.includes(e.stem)) found.add(e.concept);
    return [...found];
  }

  private approximate(word: string): string[] {
    const found = new Set<string>();
    // Typos rarely touch the first letter; requiring it keeps "canada" from becoming "dañada".
    const candidates = (this.fuzzy.get(word[0]) ?? []).concat((this.fuzzy.get(word[1]) ?? []).filter((e) => e.stem[1] === word[0]));
    for (const e of candidates) {
      if (found.has(e.concept)) continue;
      if (word.length < e.stem.length - 2) continue;
      // Measured on the shorter of the two: a four-letter word ("case") is too short to be a typo
      // of a five-letter keyword ("casse", French for broken).
      const max = allowedTypos(Math.min(word.length, e.stem.length));
      if (e.mode === 'word') {
        if (editDistance(word, e.stem, max) <= max) found.add(e.concept);
        continue;
      }
      if (e.mode === 'contains') {
        if (word.length > e.stem.length + 2 && word.includes(e.stem.slice(0, 4))) {
          const at = word.indexOf(e.stem.slice(0, 4));
          if (editDistance(word.slice(at, at + e.stem.length), e.stem, max) <= max) found.add(e.concept);
        }
        continue;
      }
      // A short prefix stem says too little to guess at: "storn*" (stornieren) must not take
      // "stormline", a product name. Short stems match exactly or through their word forms.
      if (e.stem.length < 6) continue;
      // A prefix stem may have lost or gained a letter, so try the nearby prefix lengths.
      for (let len = e.stem.length - max; len <= e.stem.length + max; len++) {
        if (len < 4 || len > word.length) continue;
        if (editDistance(word.slice(0, len), e.stem, max) <= max) {
          found.add(e.concept);
          break;
        }
      }
    }
    return [...found];
  }
}

/** A tokenised message annotated with lexicon concepts, with proximity helpers for rules. */
export class Annotated {
  readonly tokens: Token[];
  readonly concepts: (readonly string[])[];
  private readonly positions = new Map<string, number[]>();

  constructor(text: string, lexicon: Lexicon) {
    this.tokens = tokenize(text);
    this.concepts = this.tokens.map((t) => lexicon.lookup(t.norm));
    this.concepts.forEach((cs, i) => {
      for (const c of cs) {
        const list = this.positions.get(c);
        if (list) list.push(i);
        else this.positions.set(c, [i]);
      }
    });
  }

  get length(): number {
    return this.tokens.length;
  }

  has(concept: string): boolean {
    return this.positions.has(concept);
  }

  at(concept: string): number[] {
    return this.positions.get(concept) ?? [];
  }

  is(index: number, concept: string): boolean {
    return this.concepts[index]?.includes(concept) ?? false;
  }

  word(index: number): string {
    return this.tokens[index]?.norm ?? '';
  }

  /** Whether any of these words occurs (they are normalised like the message). */
  hasWord(...words: string[]): boolean {
    const wanted = words.map(normalizeWord);
    return this.tokens.some((t) => wanted.includes(t.norm));
  }

  /** Whether the token at `index` is one of these words. */
  isWord(index: number, ...words: string[]): boolean {
    const w = this.word(index);
    return w !== '' && words.some((x) => normalizeWord(x) === w);
  }

  /** True when some `a` is within `window` tokens of some `b` (either order, or only after when `ordered`). */
  near(a: string, b: string, window: number, ordered = false): boolean {
    const pa = this.at(a);
    const pb = this.at(b);
    for (const i of pa) {
      for (const j of pb) {
        if (i === j) continue;
        const d = j - i;
        if (ordered ? d > 0 && d <= window : Math.abs(d) <= window) return true;
      }
    }
    return false;
  }

  /** True when `concept` occurs at or after `from` and at most `window` tokens later. */
  within(from: number, concept: string, window: number): boolean {
    for (let k = from; k <= from + window && k < this.tokens.length; k++) if (this.is(k, concept)) return true;
    return false;
  }
}

const LANGUAGE_WORDS: Record<Language, string[]> = {
  en: 'the my i is and to you your order please want how what where when can it my me of for with have not this was did'.split(' '),
  es: 'el la mi mis de que por quiero pedido es un una no como donde para con los las y esta hola gracias necesito puedo se cuando lo'.split(' '),
  fr: 'le la les mon ma mes je est de du des une pas ou commande pour vous et que bonjour merci avec ai suis ne veux peux quand cherche avez sont votre vos'.split(' '),
  de: 'der die das mein meine ich ist nicht und bitte bestellung wo wie sie ein eine zu mit habe hallo danke kann wann meiner meinen noch'.split(' '),
};
const LANGUAGE_INDEX = new Map<string, Language[]>();
for (const [lang, words] of Object.entries(LANGUAGE_WORDS) as [Language, string[]][]) {
  for (const w of words) LANGUAGE_INDEX.set(w, [...(LANGUAGE_INDEX.get(w) ?? []), lang]);
}
const LANGUAGE_STEMS: [Language, RegExp][] = [
  ['es', /^(reembols|devol|pedid|envio|cancelar|quier|necesit|talla|direcc|cobr|llega|recib|gracia)/],
  ['fr', /^(rembours|command|colis|livrai|annul|voudr|taille|adress|recu|arriv|merci|bonjour)/],
  ['de', /^(bestell|erstatt|ruckerstatt|storn|lieferung|paket|adresse|bezahl|zuruck|grosse|danke|bitte)/],
];

/** Best guess of the message language among the four supported ones; English when unsure. */
export function detectLanguage(text: string): Language {
  return languageScores(text).best;
}

/**
 * The message's language only when the evidence is clear (several words, a clear margin), so a
 * short or mixed message keeps the page's language.
 */
export function detectLanguageConfidently(text: string): Language | null {
  const { best, score } = languageScores(text);
  const runnerUp = Math.max(...(Object.keys(score) as Language[]).filter((l) => l !== best).map((l) => score[l]));
  return score[best] >= 2 && score[best] - runnerUp >= 1.5 ? best : null;
}

function languageScores(text: string): { best: Language; score: Record<Language, number> } {
  const score: Record<Language, number> = { en: 0, es: 0, fr: 0, de: 0 };
  if (/[ñ¿¡]/i.test(text)) score.es += 2;
  if (/[çèêàùœ]/i.test(text)) score.fr += 2;
  if (/[äöüß]/i.test(text)) score.de += 2;
  for (const t of tokenize(text)) {
    const langs = LANGUAGE_INDEX.get(t.norm);
    if (langs) for (const l of langs) score[l] += 1 / langs.length;
    for (const [lang, re] of LANGUAGE_STEMS) if (re.test(t.norm)) score[lang] += 0.75;
  }
  let best: Language = 'en';
  for (const l of ['es', 'fr', 'de'] as const) if (score[l] > score[best]) best = l;
  return { best, score };
}
