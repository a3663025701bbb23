/**
 * The language layer: everything the Worker knows about shopper text.
 *
 * ```ts
 * const a = analyse(message);        // once per turn; pass `a` down, never the text
 * a.has('REFUND'); a.near('CANCEL', 'ORDER', 3); a.at('NEG'); a.word(0)
 * a.tokens[i].raw / .norm / .entity  // the original beside the normalised word
 * a.orderNumbers; a.entities         // read from the original: "#1042", "€3,50", "3XL", "WH-1000XM5"
 * a.topics; a.question; a.language; a.languageConfident; a.disguised
 * ```
 *
 * - `analyse(text)`: the one analysis. Normalisation (entities and percent-encoding decoded
 *   where valid, NFKC, invisible characters removed, look-alike letters mapped in disguised
 *   tokens, accents folded, spaced letters and digits-as-letters undone when they spell a pack
 *   word), the one tokenizer, concepts from every pack, the language detector, the question
 *   detector and the order references.
 * - Packs: `packs/<lang>.ts`, each `satisfies LanguagePack` (types.ts). A concept is a named entry
 *   (`CONCEPT_IDS`); adding one, or a language, is a data change.
 * - Reply wording: `say(lang, 'noPolicy')`, `wordingOf(lang).orderStatus...`: what the Worker
 *   itself says, one `reply` entry per pack.
 * - Shared tools for other vocabularies: `Lexicon` (concept index with the one typo policy),
 *   `typoBudget` and `editDistance`, `stem(word, lang)`, `searchWords` (FTS5-like words for
 *   catalog and policy search), `isStopWord`.
 *
 * This folder imports nothing of the rest of the Worker.
 */
export { analyse, Analysis, Annotated, type Entity } from './analysis';
export { tokenize, searchWords, queryWords, isNumeric, type Token, type EntityKind } from './tokenize';
export { cleanText, foldAccents, unconfuse } from './normalise';
export { Lexicon, normalizeWord, splitWords } from './lexicon';
export { typoBudget, editDistance } from './typo';
export { stem, porterStem } from './stem';
export { findOrderNumbers, findOwnOrderNumbers, hasDigit, mergeOrderReferences } from './references';
export { detectLanguage, type LanguageGuess } from './detect';
export { compoundParts, entryOfCollapsed, namesGoods, nearGoodsWord, relatedOf, synonymPhraseAt, synonymsOf } from './synonyms';
export { CONCEPTS, TOPICS, STOP_WORDS, isPackWord } from './vocabulary';
export { PACKS, PACK_LIST } from './packs';
export { fill, say, wordingOf } from './reply';
export { readValues, type Value } from './values';
export { findPhrase, hasPhrase } from './phrases';
export { requestsOf } from './requests';
export { declinedTokens } from './negation';
export {
  casedWords, documentWords, factWordsOf, isCardWord, isCatalogFiller, isDocumentWord, isLetterSize, isNotOption, isOptionCue, priceBounds, priceOrder, sizeWordAt, squeeze,
  withoutAccents,
} from './search-words';
export { LANGS, CONCEPT_IDS, TOPIC_IDS, HANDOFF_CONCEPTS, type Lang, type LanguagePack, type ConceptId, type TopicId, REPLY_MESSAGES, type ReplyMessage, type ReplyWording, PHRASE_IDS, type PhraseId } from './types';

import { STOP_WORDS } from './vocabulary';
/** A function word of some pack: says nothing about what is wanted. */
export const isStopWord = (word: string) => STOP_WORDS.has(word);
