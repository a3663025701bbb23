import { foldAccents } from './normalise';
import { editDistance, typoBudget } from './typo';

/** Collapses runs of one letter ("pleeease" -> "please"); digits are left alone (order numbers). */
export function collapseRepeats(word: string): string {
  return word.replace(/([a-z])\1+/g, '$1');
}

/** Normalises a single vocabulary word exactly as message words are normalised. */
export function normalizeWord(word: string): string {
  return collapseRepeats(foldAccents(word).replace(/[^a-z0-9]/g, ''));
}

/**
 * Concept words are corrected only when both words have five letters or more: a four-letter word
 * ("case") is too short to be a typo of a five-letter keyword ("casse", French for broken).
 */
const SHORTEST_CORRECTED = 5;

/** The words of a space-separated pack list. */
export const splitWords = (list: string): string[] => list.split(/\s+/).filter(Boolean);


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
    private readonly glueWords: readonly string[] = [],
    /** Real words never read as a typo of a keyword (a shop's goods), which are no vocabulary words for all that. */
    realWords: readonly string[] = [],
    /** Infinitive infixes of separable verbs (packs' `infinitiveInfix`): "zurückzuschicken" is read as "zurückschicken". */
    private readonly infixes: readonly { infix: string; prefixes: readonly string[] }[] = [],
  ) {
    for (const [concept, list] of Object.entries(concepts)) {
      for (const item of splitWords(list)) {
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
    this.known = new Set(splitWords(knownWords).map(normalizeWord));
    this.real = new Set(realWords.map(normalizeWord));
  }
  private readonly real: Set<string>;

  /**
   * Whether a normalised word is a vocabulary word as it stands (no typo, no glue), and how
   * loosely: 0 for a listed or known word, a compound's part, or a prefix stem exactly; for a stem
   * with an ending ("refunded") half a letter plus every letter of the ending past two, so that a
   * stem with another word glued on ("refundmy") loses to the two words. -1 when unknown.
   */
  penalty(word: string): number {
    if (this.known.has(word) || this.words.has(word)) return 0;
    let best = -1;
    for (const e of this.prefixes.get(word[0]) ?? []) {
      if (!word.startsWith(e.stem)) continue;
      const extra = word.length - e.stem.length;
      const p = extra === 0 ? 0 : 0.5 + Math.max(0, extra - 2);
      if (best < 0 || p < best) best = p;
    }
    if (best !== 0) for (const e of this.parts) if (word.includes(e.stem)) return 0;
    return best;
  }

  /** Whether a normalised word is a vocabulary word as it stands (no typo, no glue). */
  knows(word: string): boolean {
    return this.penalty(word) >= 0;
  }

  /** Concepts of a normalised word as it stands: no typo, no glue. */
  exactly(word: string): readonly string[] {
    return this.exact(word);
  }

  /** Concepts of one normalised word, exact matches first, typo-tolerant otherwise. */
  lookup(word: string): readonly string[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    let found = this.exact(word);
    // German spellings without umlauts ("Rueckerstattung") and with them ("Rückerstattung") meet here.
    if (found.length === 0 && /ae|oe|ue/.test(word)) found = this.exact(word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u'));
    if (found.length === 0 && word.length >= this.minTypoLength && !/[0-9]/.test(word) && !this.known.has(word) && !this.real.has(word)) found = this.approximate(word);
    if (found.length === 0 && word.length >= 6) found = this.joined(word);
    if (found.length === 0 && word.length >= 7) found = this.withoutInfix(word);
    const result = Object.freeze(found);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  /** A separable verb with its infinitive particle inside: prefix + infix + verb, read as prefix + verb. */
  private withoutInfix(word: string): string[] {
    for (const { infix, prefixes } of this.infixes) {
      for (const prefix of prefixes) {
        const at = prefix.length;
        if (word.length - at - infix.length < 4 || !word.startsWith(prefix) || !word.startsWith(infix, at)) continue;
        const verb = this.exact(collapseRepeats(prefix + word.slice(at + infix.length)));
        if (verb.length) return verb;
      }
    }
    return [];
  }

  /** A keyword glued to a small word by a missing space: "tocontact", "editmy". */
  private joined(word: string): string[] {
    for (const glue of this.glueWords) {
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
      const shorter = Math.min(word.length, e.stem.length);
      if (shorter < SHORTEST_CORRECTED) continue;
      const max = typoBudget(shorter);
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

