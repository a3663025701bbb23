import { Lexicon, normalizeWord, splitWords } from './lexicon';
import { foldAccents } from './normalise';
import { PACK_LIST } from './packs';
import { GOODS_WORDS } from './synonyms';
import { CONCEPT_IDS, TOPIC_IDS, type ConceptId, type TopicId } from './types';

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
