import { Lexicon, normalizeWord, splitWords } from './lexicon';
import { foldAccents } from './normalise';
import { PACK_LIST } from './packs';
import { GOODS_WORDS } from './synonyms';
import { CONCEPT_IDS, TOPIC_IDS, type ConceptId, type Lang, type TopicId } from './types';

/**
 * The vocabularies built once from all packs. Routing never depends on the detected language:
 * every pack's words are in one index, so a Portuguese refund request in an English shop (or a
 * message mixing two languages) meets the same rules.
 */

const union = <K extends string>(ids: readonly K[], pick: (p: (typeof PACK_LIST)[number]) => Record<K, string>) =>
  Object.fromEntries(ids.map((id) => [id, PACK_LIST.map((p) => pick(p)[id]).join(' ')])) as Record<K, string>;

const KNOWN = PACK_LIST.map((p) => p.knownWords).join(' ');

/** Short words a keyword may be glued to by a missing space ("tocontact", "editmy"): every pack's determiners and possessives. */
const GLUE = [...new Set(PACK_LIST.flatMap((p) => splitWords(`${p.concepts.DETERMINER} ${p.concepts.POSS}`)).map(normalizeWord))].filter(
  (w) => w.length <= 3,
);

/** The packs' infinitive infixes of separable verbs (German "zurückzuschicken"). */
const INFIXES = PACK_LIST.flatMap((p) => (p.infinitiveInfix ? [{ infix: normalizeWord(p.infinitiveInfix.infix), prefixes: splitWords(p.infinitiveInfix.prefixes).map(normalizeWord) }] : []));

// The goods lexicon's words are real words: a product noun ("carrete", a reel) is no typo of a request or topic word.
export const CONCEPTS: Lexicon = new Lexicon(union(CONCEPT_IDS, (p) => p.concepts), KNOWN, 5, [...GLUE, 'to', 'an', 'a', 'me', 'de', 'zu'], GOODS_WORDS, INFIXES);
export const TOPICS: Lexicon = new Lexicon(union(TOPIC_IDS, (p) => p.topics), 'order orders about other', 6, [], GOODS_WORDS, INFIXES);

/** Stop words as search words (accents folded) and as normalised tokens (repeats collapsed too: "all" -> "al"). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  PACK_LIST.flatMap((p) => splitWords(p.stopWords).flatMap((w) => [foldAccents(w), normalizeWord(w)])),
);
const QUESTION_STARTS: ReadonlySet<string> = new Set(PACK_LIST.flatMap((p) => splitWords(p.questionStarts).map(normalizeWord)));
export const isQuestionStart = (word: string) => QUESTION_STARTS.has(word);

/** Spelled-out contractions of every pack, by normalised token. */
export const CONTRACTIONS: ReadonlyMap<string, string[]> = new Map(
  PACK_LIST.flatMap((p) => Object.entries(p.contractions).map(([k, v]) => [normalizeWord(k), splitWords(v)] as const)),
);

/** Whether a normalised word belongs to some pack as it stands: the test for undoing spacing and digits-as-letters. */
export function isPackWord(word: string): boolean {
  return packPenalty(word) >= 0;
}

/** How loosely a word is a pack word (see `Lexicon.penalty`); -1 when it is none, or under two letters. */
export function packPenalty(word: string): number {
  if (word.length < 2) return -1;
  if (STOP_WORDS.has(word) || CONTRACTIONS.has(word)) return 0;
  const c = CONCEPTS.penalty(word);
  const t = TOPICS.penalty(word);
  return c < 0 ? t : t < 0 ? c : Math.min(c, t);
}

export type { ConceptId, TopicId };

/**
 * Short typos the general typo policy leaves alone: a four-letter word is too short to be read as
 * a five-letter word of every pack ("case" is no "casse", German "oder" no "order"). Here a pack
 * corrects only its own words, a letter left out (never the first: "ordr", "wher", "pedio"), and
 * only where the word is expected: a word for an order or a parcel right after a possessive of the
 * pack ("my ordr", "my oder", "mi ordn", "mein pket": the possessive says the language), a word
 * asking where or when first in a message of the pack's language and before a stop word ("wher is
 * ...", "dnde esta", "qand est-ce"). A reading that is a word of the pack, a goods word, a word with
 * concepts, or that two words of the pack share, is no typo; after another pack's possessive, nor
 * is a word of any pack. By language, then slot: the misspelt form -> the word.
 */
export type ShortTypoSlot = 'after_possessive' | 'first';
export const SHORT_TYPO_LENGTH = 4;
const SHORT_TYPO_NOUNS: readonly ConceptId[] = ['ORDER', 'PARCEL'];
const GOODS = new Set(GOODS_WORDS.map(normalizeWord));
/** Words of one pack as they stand: its stop, known and question words and its concept words (a prefix stem takes its forms). */
function ownWordTest(p: (typeof PACK_LIST)[number]): (word: string) => boolean {
  const words = new Set<string>();
  const stems: string[] = [];
  for (const w of splitWords(`${p.stopWords} ${p.knownWords} ${p.questionStarts} ${Object.values(p.concepts).join(' ')}`)) {
    if (w.startsWith('*')) continue;
    const norm = normalizeWord(w.replace(/\*/g, ''));
    if (w.endsWith('*')) stems.push(norm);
    else words.add(norm);
  }
  return (word) => words.has(word) || stems.some((s) => word.startsWith(s));
}
export const SHORT_TYPOS: ReadonlyMap<Lang, ReadonlyMap<ShortTypoSlot, ReadonlyMap<string, string>>> = new Map(
  PACK_LIST.map((p) => {
    const own = ownWordTest(p);
    const bySlot = (words: string[], isWord: (w: string) => boolean) => {
      const seen = new Map<string, string | null>();
      for (const word of new Set(words.map(normalizeWord).filter((w) => w.length === SHORT_TYPO_LENGTH + 1 && /^[a-z]+$/.test(w)))) {
        for (let k = 1; k < word.length; k++) {
          const typo = word.slice(0, k) + word.slice(k + 1);
          const before = seen.get(typo);
          seen.set(typo, before === undefined || before === word ? word : null);
        }
      }
      const out = new Map<string, string>();
      for (const [typo, word] of seen) if (word && !isWord(typo) && !own(typo) && !GOODS.has(typo) && CONCEPTS.lookup(typo).length === 0) out.set(typo, word);
      return out;
    };
    const nouns = SHORT_TYPO_NOUNS.flatMap((c) => splitWords(p.concepts[c]).filter((w) => !w.startsWith('*')).map((w) => w.replace(/\*/g, '')));
    const slots = new Map<ShortTypoSlot, ReadonlyMap<string, string>>([
      // The possessive is of this pack: only this pack's own words are no typo.
      ['after_possessive', bySlot(nouns, () => false)],
      // Question words that ask where or when: "wher is", "dnde está", "qand est-ce"; the language is only a guess here.
      ['first', bySlot(splitWords(p.questionStarts).filter((w) => splitWords(p.concepts.STATUS).includes(w)), isPackWord)],
    ]);
    return [p.lang, slots] as const;
  }),
);
/** The packs whose possessives a word is ("my": English; "este": Spanish and Portuguese). */
export const POSSESSIVE_OF: ReadonlyMap<string, readonly Lang[]> = (() => {
  const out = new Map<string, Lang[]>();
  for (const p of PACK_LIST) for (const w of splitWords(p.concepts.POSS).map(normalizeWord)) out.set(w, [...(out.get(w) ?? []), p.lang]);
  return out;
})();
/** Every misspelt form of `SHORT_TYPOS`, whatever the language: most messages hold none, and are not read for them. */
export const SHORT_TYPO_FORMS: ReadonlySet<string> = new Set([...SHORT_TYPOS.values()].flatMap((slots) => [...slots.values()].flatMap((m) => [...m.keys()])));
