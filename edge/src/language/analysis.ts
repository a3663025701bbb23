import { detectLanguage } from './detect';
import { normalizeWord, type Lexicon } from './lexicon';
import { hasPhrase } from './phrases';
import { findOrderNumbers } from './references';
import { tokenize, type EntityKind, type Token } from './tokenize';
import { TOPIC_IDS, type ConceptId, type Lang, type TopicId } from './types';
import { CONCEPTS, isQuestionStart, STOP_WORDS, TOPICS } from './vocabulary';

/** A value read from the original text, never normalised. */
export interface Entity {
  kind: EntityKind;
  text: string;
  /** Index of its token. */
  i: number;
}

/**
 * Everything the Worker knows about one shopper message, computed once per turn and passed down:
 * the gate, the intents, catalog and policy search and the guard read it instead of reading the
 * text again.
 */
export class Annotated<C extends string = string> {
  /** The message as received. */
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Concepts of each token, from every pack (routing never depends on the detected language). */
  readonly concepts: readonly (readonly string[])[];
  private readonly positions = new Map<string, number[]>();

  /** Tokens of `text` annotated with the concepts of `lexicon` (the packs' concepts unless given). */
  constructor(text: string, lexicon: Lexicon = CONCEPTS) {
    this.text = text;
    this.tokens = tokenize(text);
    this.concepts = this.tokens.map((t) => (t.entity && t.entity !== 'number' ? [] : lexicon.lookup(t.norm)));
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

  /** The normalised words joined by spaces: the normalised view of the message. */
  get normalised(): string {
    return this.tokens.map((t) => t.norm).join(' ');
  }

  /** The words before repeats are collapsed, joined by spaces: lower case, no accents, disguises undone. */
  get plain(): string {
    return this.tokens.map((t) => t.word).join(' ');
  }

  has(concept: C): boolean {
    return this.positions.has(concept);
  }

  /** Token indexes where a concept occurs. */
  at(concept: C): number[] {
    return this.positions.get(concept) ?? [];
  }

  is(index: number, concept: C): boolean {
    return this.concepts[index]?.includes(concept) ?? false;
  }

  /** The normalised word at `index`, '' outside the message. */
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
  near(a: C, b: C, window: number, ordered = false): boolean {
    for (const i of this.at(a)) {
      for (const j of this.at(b)) {
        if (i === j) continue;
        const d = j - i;
        if (ordered ? d > 0 && d <= window : Math.abs(d) <= window) return true;
      }
    }
    return false;
  }

  /** True when `concept` occurs at or after `from` and at most `window` tokens later. */
  within(from: number, concept: C, window: number): boolean {
    for (let k = from; k <= from + window && k < this.tokens.length; k++) if (this.is(k, concept)) return true;
    return false;
  }
}

export class Analysis extends Annotated<ConceptId> {
  /** Policy topics named by the message, in TOPIC_IDS order. */
  readonly topics: readonly TopicId[];
  readonly entities: readonly Entity[];
  /** Order references as typed: "#1042", "pedido nº W-88312". */
  readonly orderNumbers: readonly string[];
  /** The reply language: best guess, and the guess only when the evidence is clear. */
  readonly language: Lang;
  readonly languageConfident: Lang | null;
  /** A question mark, or a question word of some pack first ("how", "puedo", "est-ce"). */
  readonly question: boolean;
  /** Whether some token was written in disguise (look-alike letters, digits as letters, spaced letters). */
  readonly disguised: boolean;
  /** Two or more exclamation marks in a row. */
  readonly exclaims: boolean;
  /**
   * Two or more words in capitals ("THIS IS RIDICULOUS"); three-letter capitals alone are more
   * often codes (USD, DHL) than shouting, except WTF.
   */
  readonly shouts: boolean;
  constructor(text: string) {
    super(text);
    const topics = new Set<string>();
    for (const t of this.tokens) if (!t.entity) for (const topic of TOPICS.lookup(t.norm)) topics.add(topic);
    if (hasPhrase(this.plain, 'SENDBACK')) topics.add('returns');
    this.topics = TOPIC_IDS.filter((t) => topics.has(t));
    this.entities = this.tokens.filter((t) => t.entity).map((t) => ({ kind: t.entity!, text: t.raw, i: t.i }));
    this.orderNumbers = findOrderNumbers(text);
    const guess = detectLanguage(text, this.tokens);
    this.language = guess.best;
    this.languageConfident = guess.confident;
    this.question = /[?¿？]/.test(text) || isQuestionStart(this.word(0)) || (this.word(0) === 'est' && this.word(1) === 'ce');
    this.disguised = this.tokens.some((t) => t.repaired);
    this.exclaims = /!{2,}/.test(text);
    this.shouts = (text.match(/\b[A-ZÄÖÜ]{3,}\b/g) ?? []).filter((w) => !/^[A-Z]{3}$/.test(w) || w === 'WTF').length >= 2;
  }

  /**
   * Whether the word at `index` describes a product rather than asking for something: the second
   * part of a compound ("noise-cancelling", "stain-repellent"), a gerund between two content words
   * ("noise cancelling headphones"), or an action noun of a content word ("cancellazione del
   * rumore", "cancelamento de ruído"; but not "cancelamento do pedido"). Content words are words
   * of no concept and no stop list: the product's own words.
   */
  modifierAt(index: number): boolean {
    const t = this.tokens[index];
    const prev = this.tokens[index - 1];
    if (!t || !prev) return false;
    const content = (k: number) => {
      const w = this.tokens[k];
      return !!w && !w.entity && /^[a-z]{3,}$/.test(w.norm) && this.concepts[k].length === 0 && !STOP_WORDS.has(w.norm);
    };
    if (prev.raw === t.raw && t.raw.includes('-') && content(index - 1)) return true;
    if (t.word.endsWith('ing') && content(index - 1) && content(index + 1)) return true;
    return this.is(index + 1, 'OF') && content(index + 2);
  }

  /**
   * The same analysis with the order references read for one customer (their own numbers, see
   * `mergeOrderReferences`). A copy: the cached analysis of the text is shared by every turn.
   */
  withOrderNumbers(orderNumbers: readonly string[]): Analysis {
    return Object.assign(Object.create(Object.getPrototypeOf(this) as object) as Analysis, this, { orderNumbers });
  }

  /** Asks how long or how many ("how long", "cuánto tiempo", "combien de", "wie lange", "quanto tempo"). */
  asksDuration(): boolean {
    for (let i = 0; i < this.length; i++) {
      // "until when can I change it?", "fino a quando posso restituirlo?": a deadline.
      if (this.is(i, 'UNTIL') && (this.is(i + 1, 'WHEN') || this.is(i + 2, 'WHEN'))) return true;
      if (!this.is(i, 'HOWLONG')) continue;
      if (isQuestionStart(this.word(i - 1)) || (isQuestionStart(this.word(i)) && i + 1 < this.length)) return true;
    }
    return this.has('USUALLY');
  }
}

const cache = new Map<string, Analysis>();

/** The analysis of a message; the same text is analysed once (history messages are analysed again and again). */
export function analyse(text: string): Analysis {
  const hit = cache.get(text);
  if (hit) return hit;
  const a = new Analysis(text);
  if (cache.size > 500) cache.clear();
  cache.set(text, a);
  return a;
}
