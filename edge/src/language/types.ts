/**
 * The shape of a language pack. Everything the Worker knows about a language is one pack file
 * (`packs/<lang>.ts`) that `satisfies LanguagePack`: adding a concept to `CONCEPT_IDS` makes every
 * pack fail the typecheck until it gives the concept its words.
 */

export const LANGS = ['en', 'es', 'fr', 'de', 'it', 'pt'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * Named concepts. A concept is what a rule matches ("REFUND near ORDER"), never a word. Words are
 * written without accents (matching is accent-insensitive) as `word` (whole word), `stem*`
 * (prefix) or `*part` (inside a compound).
 *
 * Groups:
 * - money: REFUND MONEY DISCOUNT PRICE PRICEADJ PAYMENT CHARGED TWICE CHARGEBACK BANK FEE
 * - fulfilment: RETURN SEND EXCHANGE CANCEL CHANGE ADD REMOVE FORGOT ADDRESS MOVE DELAY ARRIVE
 *   MISSING DAMAGED WORK WRONG PARCEL
 * - person: HUMAN ASSISTANT CONTACT COMPLAINT
 * - framing and grammar: the rest (negation, wishes, possessives, questions about rules...)
 */
export const CONCEPT_IDS = [
  'REFUND', 'MONEY', 'BACK', 'RETURN', 'SEND', 'EXCHANGE', 'CANCEL', 'NONORDER', 'CART', 'ORDER', 'PARCEL', 'ITEM',
  'ITEMATTR', 'CHANGE', 'ADD', 'REMOVE', 'FORGOT', 'ADDRESS', 'EMAILWORD', 'WRONG', 'MOVE', 'DISCOUNT', 'PRICE',
  'PRICEADJ', 'PAYMENT', 'CHARGED', 'PAYMETHOD', 'PROBLEM', 'TWICE', 'CHARGEBACK', 'HELP', 'DELAY', 'ARRIVE', 'MISSING',
  'NEG', 'STILL', 'YET', 'DURATION', 'LEADTIME', 'DAMAGED', 'WORK', 'COMPLAINT', 'SATISFIED', 'BAD', 'SERVICE', 'HUMAN',
  'ASSISTANT', 'CONTACT', 'WANT', 'PLEASE', 'INFO', 'POLICY', 'FEE', 'CASES', 'OFFER', 'GENERIC', 'POSS', 'RECEIPT',
  'ANGRY', 'LEGAL', 'REPEAT', 'BANK',
  // Turn framing read by the intents.
  'GREETING', 'GREETWORD', 'DAYTIME', 'THANKS', 'STATUS', 'PRODUCTCUE', 'SHOPTALK', 'SELF', 'AFFIRM', 'DECLINE',
  'ORDERED', 'STRONGWRONG', 'HOWLONG', 'USUALLY', 'GENERICPLURAL', 'DETERMINER', 'TRACKING', 'LATEST', 'SIZEGUIDE',
  'PAYVERB', 'PAYNOUN', 'NEVER', 'GETBACK', 'REAL', 'WROTE', 'VARIANT', 'NEWTHING', 'SIZE',
  // Words of questions that name no topic ("is it possible", "your shop's number"): policy search skips them.
  'ASKWORD',
  // Words that bound a price ("under", "menos de", "bis"): a product query keeps them for the price filter.
  'PRICEBOUND',
  // "of": what an action noun is about ("cancellation of noise", "cancelamento do pedido").
  'OF',
  // Read by the promise guard: actions the assistant cannot take (CLAIMACT, and DONEFORM for their
  // completed forms), and what turns a mention into a claim (COMPLETE, FUTURE, COMMIT, HAVE, BE),
  // who it is about (YOU, FIRSTPERSON) and what makes it a rule or a handoff (CONDITIONAL, REQUEST, UNABLE).
  // THIRDPARTY: other people a general sentence is about ("their", "customers", "les clients"): a rule
  // about them ("Gold members have their fee waived") is not a claim to this shopper.
  'CLAIMACT', 'DONEFORM', 'COMPLETE', 'FUTURE', 'COMMIT', 'YOU', 'FIRSTPERSON', 'BE', 'HAVE', 'CONDITIONAL', 'REQUEST', 'UNABLE', 'MODAL',
  'THIRDPARTY',
] as const;
export type ConceptId = (typeof CONCEPT_IDS)[number];

/** Concepts whose presence a money, fulfilment or person rule needs; the obfuscation battery covers each. */
export const HANDOFF_CONCEPTS = {
  money: ['REFUND', 'DISCOUNT', 'CHARGEBACK'],
  fulfilment: ['RETURN', 'EXCHANGE', 'CANCEL', 'DAMAGED', 'DELAY'],
  person: ['HUMAN', 'COMPLAINT'],
} as const satisfies Record<string, readonly ConceptId[]>;

/** Policy topics, in the order a policy question ranks them. */
export const TOPIC_IDS = [
  'returns', 'refunds', 'exchanges', 'shipping', 'cancellation', 'payment', 'warranty', 'discounts', 'privacy', 'contact',
  'sizing', 'gift cards',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export interface LanguagePack {
  lang: Lang;
  /** The language's own name, for people reading a pack. */
  name: string;
  /**
   * Function words of shopper messages that say nothing about what is wanted (articles, pronouns,
   * auxiliaries, question words, greetings): dropped by catalog and policy search.
   */
  stopWords: string;
  /** Words that open a question when they come first ("how", "puedo", "est-ce" is handled as "est ce"). */
  questionStarts: string;
  /** Every concept, with at least one word (a test checks it). */
  concepts: Record<ConceptId, string>;
  /** Words naming a policy topic, matched with typo tolerance from six letters on. */
  topics: Record<TopicId, string>;
  /** Real words one typo away from a keyword: taken at face value, never "corrected" into it. */
  knownWords: string;
  /** Spelled-out forms of contractions and chat shorthand ("dont" -> "do not"), applied per token. */
  contractions: Record<string, string>;
  /** Evidence for the language detector: very common words, word beginnings and letters of the language. */
  detect: { words: string; stems: string; letters: string };
  /**
   * How values are written, for grounding a reply's figures in the evidence: the twelve month
   * names (January first; `|` separates spellings of one month), duration units (`*part` inside
   * a compound), the numbers one to twelve spelled out (`|` between forms), and "percent" (`|` between forms).
   */
  values: { months: string; units: Record<'hour' | 'day' | 'week' | 'month' | 'year', string>; numbers: string; percent: string };
  /** How an order reference is introduced ("order", "pedido nº") and which units a number may carry ("days"). */
  orderRef: { words: string; numberWords: string; units: string };
}
