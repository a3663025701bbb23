/**
 * The shape of a language pack. Everything the Worker knows about a language is one pack file
 * (`packs/<lang>.ts`) that `satisfies LanguagePack`: adding a concept to `CONCEPT_IDS` makes every
 * pack fail the typecheck until it gives the concept its words.
 */

import type { Availability } from '../../../shared/catalog';
import { LOCALES, type OrderStage } from '../../../shared/chat';
import type { HandoffCategory } from '../../../shared/ticket';

/**
 * The languages with a pack: the languages the Worker understands and replies in. They are the
 * chat contract's reply languages (`LOCALES` in shared/chat.ts), so a language listed there
 * without a pack, or a pack without its reply wording, fails the typecheck.
 */
export const LANGS = LOCALES;
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
  'REFUND', 'MONEY', 'BACK', 'RETURN', 'SEND', 'EXCHANGE', 'CANCEL', 'NONORDER', 'SUBSCRIPTION', 'NEWSLETTER', 'CART', 'ORDER', 'PARCEL', 'ITEM',
  'ITEMATTR', 'CHANGE', 'ADD', 'REMOVE', 'FORGOT', 'ADDRESS', 'EMAILWORD', 'WRONG', 'MOVE', 'DISCOUNT', 'PRICE',
  'PRICEADJ', 'PAYMENT', 'CHARGED', 'PAYMETHOD', 'PROBLEM', 'TWICE', 'CHARGEBACK', 'HELP', 'DELAY', 'ARRIVE', 'MISSING',
  'NEG', 'STILL', 'YET', 'DURATION', 'LEADTIME', 'DAMAGED', 'WORK', 'COMPLAINT', 'SATISFIED', 'BAD', 'SERVICE', 'HUMAN',
  'ASSISTANT', 'CONTACT', 'WANT', 'PLEASE', 'INFO', 'POLICY', 'FEE', 'CASES', 'OFFER', 'GENERIC', 'POSS', 'RECEIPT',
  'ANGRY', 'LEGAL', 'REPEAT', 'BANK',
  // Declining an action (negation.ts): "I'm not asking for a refund", "pas besoin d'annuler", "keine Rückerstattung nötig".
  'OBLIGE', 'PURPOSE', 'NEEDED', 'LIGHT',
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
  // "all": a request about every one of something ("cancel all my open orders").
  'ALL',
  // "and", "also", "y", "und": where a message joins one request to the next ("where's my jacket,
  // and do you have ...?"); read by `requestsOf` only before a question or a shopping phrase.
  'ALSO',
  // What a relative clause is about: "not what I ordered", "no es lo que pedí", "pas ce que j'ai commandé".
  'RELATIVE',
  // Read by the gate's rules (policy-gate/rules.ts): a parcel that came without something or empty,
  // something that stopped working, a hypothetical ("if"), a negated attempt ("not trying to"),
  // another thing than the one ordered, money the shopper paid.
  'WITHOUT', 'EMPTY', 'STOPPED', 'IF', 'SEEK', 'DIFFERENT', 'PAID',
  // What a message is about, ruled out with a negation: "it's not about a refund", "es geht nicht um", "no se trata de".
  'ABOUT',
  // A payment still shown as awaited ("awaiting payment", "Zahlung ausstehend").
  'AWAITING',
  // Inside something ("in the box", "im Paket", "nel pacco"): what a parcel held.
  'INSIDE',
  // Money put on an account or card ("credit my card", "gutschreiben"); one thing in place of another ("instead", "au lieu").
  'CREDIT', 'INSTEAD',
  // A fault told without a damage word ("died", "s'éteint", "se apaga", "desliga"); a warranty or
  // guarantee claimed; a delivery day that was due ("were due", "tenía que llegar", "sollte").
  'FAULT', 'GUARANTEE', 'DUE', 'BYITSELF',
  // What a device puts out ("prints", "druckt", "affiche") and output that tells a fault ("blank", "Streifen", "rayures").
  // ... and what it puts it on ("prints on blank labels" is what a printer is for).
  'OUTPUT', 'BADOUTPUT', 'ONTO',
  // A sum between two prices ("the difference", "la diferencia"), and what a comparison is between.
  'DIFFERENCE', 'BETWEEN',
  // An indefinite article or pronoun ("an order", "algo", "etwas"): a kind of thing, not one of theirs.
  'INDEF',
  // "it", "them", "esto", "isso": a pronoun for a thing, which POSS also carries ("return it").
  'PRONOUN',
  // Money owed to the shopper ("you owe me 15 euros", "vous me devez", "ihr schuldet mir").
  'OWE',
  // "in pieces", "en pedazos", "in Einzelteilen": how something broken arrived.
  'PIECES',
  // Read by the promise guard: actions the assistant cannot take (CLAIMACT, and DONEFORM for their
  // completed forms), and what turns a mention into a claim (COMPLETE, FUTURE, COMMIT, HAVE, BE),
  // who it is about (YOU, FIRSTPERSON) and what makes it a rule or a handoff (CONDITIONAL, REQUEST, UNABLE).
  // THIRDPARTY: other people a general sentence is about ("their", "customers", "les clients"): a rule
  // about them ("Gold members have their fee waived") is not a claim to this shopper.
  'CLAIMACT', 'DONEFORM', 'COMPLETE', 'FUTURE', 'COMMIT', 'YOU', 'FIRSTPERSON', 'BE', 'HAVE', 'CONDITIONAL', 'REQUEST', 'UNABLE', 'MODAL',
  'THIRDPARTY',
  // The shopper's own account, and closing or deleting it ("close my account", "Kundenkonto löschen").
  'ACCOUNT', 'CLOSE',
  // A deadline asked: "until when", "bis wann", "jusqu'à quand", "hasta cuándo", "fino a quando", "até quando".
  'UNTIL', 'WHEN',
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
  /**
   * A particle a separable verb takes inside its infinitive (German "zurück-zu-schicken",
   * "um-zu-tauschen"), after one of `prefixes`: a word of that shape is read as prefix + verb.
   */
  infinitiveInfix?: { infix: string; prefixes: string };
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
  /** Multi-word patterns (syntax in phrases.ts): "less than", "do you sell", "what did I order". */
  phrases: Record<PhraseId, string>;
  /** Words catalog search and the offline answers read (space-separated; `|` between phrases). */
  search: {
    /** Words of a product question that name no product: options, prices, praise ("colour", "cheap", "best"). */
    filler: string;
    /** Words that introduce an option value ("size M", "in blue", "talla S"). */
    optionCues: string;
    /** Size phrases: one word counts after an option cue ("size small"), two anywhere ("extra large"). */
    sizes: Record<'xs' | 's' | 'm' | 'l' | 'xl', string>;
    /** Currency words after an amount ("under 100 euros"). */
    currencies: string;
    /** Words that name a kind of page rather than what it says ("guide", "policy"). */
    documentWords: string;
    /** Words of a question about a product that its card already answers ("price", "stock"). */
    cardWords: string;
    /** Words after "in" that name no option of a product ("in stock", "in store"). */
    notOptions: string;
    /** Words shoppers use for facts a catalog records under other names: "heavy" -> `weight weigh kg g`. */
    factWords: Record<string, string>;
  };
  /** Everything the Worker itself says in this language (the model writes its own words). */
  reply: ReplyWording;
}

/**
 * Phrase entries, each read by one rule: price bounds and price order (catalog search), what an
 * offline answer is asked for (shopping, a follow-up, a duration, an amount, opening hours, a
 * product's options or details) and the customer's own orders (order history, a thing on its way).
 */
export const PHRASE_IDS = [
  'PRICEBELOW', 'PRICEABOVE', 'CHEAPEST', 'DEAREST', 'CHEAPER', 'SHOPPING', 'BACKREF', 'ORDERFOLLOWUP', 'LASTORDER', 'ORDERHISTORY',
  'OWNTHINGMOVING', 'OTHERORDER', 'ASKSDURATION', 'ASKSAMOUNT', 'ASKSHOURS',
  // A question for the shop's phone number or e-mail address: a policy sentence that gives one answers it.
  'ASKSPHONE', 'ASKSEMAIL', 'ASKSDAYS',
  // Whether or where the shop sends things ("do you ship to Canada?"): a sentence that states where it delivers (AREA) answers it.
  'ASKSWHERE',
  // Which methods or cards the shop takes ("what payment methods do you accept?"): a sentence that lists several (LISTJOIN) answers it.
  'ASKSLIST',
  // Returning something in other words than the returns topic's ("send it back"): the returns topic.
  'SENDBACK',
  // When the shop's people can be reached, and how soon they reply: answered from the shop's support settings.
  'SUPPORTHOURS', 'SUPPORTWHEN', 'SUPPORTREACH', 'ASKSCOLOUR', 'ASKSSIZE', 'ASKSOPTIONS', 'DETAILQUESTION', 'OPTIONASK',
  // Read in the shop's own text (a policy sentence that gives what was asked): free of charge, days of the week.
  'FREE', 'WEEKDAY', 'AREA', 'LISTJOIN',
] as const;
export type PhraseId = (typeof PHRASE_IDS)[number];

/** Messages of the deterministic engine and of the pipeline. `{name}` marks a value filled in. */
export const REPLY_MESSAGES = [
  'greeting', 'thanks', 'productsFound', 'outOfRange', 'variantMatch', 'optionValues', 'noFact', 'noVariant',
  'noProducts', 'policyIntro', 'policyLink', 'noPolicy', 'signInForOrders', 'noOrders', 'orderNotFound', 'severalOrders', 'unknown',
  'degraded', 'failure', 'notSaved', 'handoffFailed', 'alreadyHandedOff', 'rateLimited', 'replyHeld',
  // When the shop's people can be reached, from its support settings (hours, time zone, expected reply).
  'supportHours', 'supportReply',
] as const;
export type ReplyMessage = (typeof REPLY_MESSAGES)[number];

/**
 * The reply wording of a pack. Rules for every entry: say only what the shop's data or the
 * template says, never promise an outcome (only a person grants refunds, discounts or changes),
 * always leave the way to a person open. `{name}` placeholders are filled in by `say()`.
 */
export interface ReplyWording {
  /** BCP 47 tag for dates and prices ("it-IT"). */
  intl: string;
  /** The language's name in English, for the model's instructions ("Italian"). */
  englishName: string;
  messages: Record<ReplyMessage, string>;
  /** Starter questions after a greeting or an unclear message; the last one asks for a person. */
  suggestions: readonly [string, string, string, string];
  /**
   * Quick replies after products were shown (edge/src/context/quick-replies.ts), sent as the
   * shopper's next message when tapped: each must be a question the engine answers. `{title}` is
   * the product's catalog title.
   */
  quickReplies: { otherColours: string; sizeGuide: string };
  availability: Record<Availability, string>;
  /** The stage label of an order card. */
  orderStage: Record<OrderStage, string>;
  /**
   * One sentence per order stage ({n} the order number, {via} the carrier and tracking part,
   * {eta} the expected day), the `…Eta` forms when a delivery day is known, and the parts of {via}.
   */
  orderStatus: Record<OrderStage | 'processingEta' | 'shippedEta', string> & { carrier: string; tracking: string };
  handoff: {
    /** The sentence the shopper sees when a request goes to a person ({topic}); promises no outcome. */
    request: string;
    /** The same for a general request ("talk to a person"), without a topic. */
    requestGeneric: string;
    /** What the request is about, as the sentence and the agent's draft name it. */
    topics: Record<HandoffCategory, string>;
    /** The next-steps line of the handoff card: {ticket}, then where the answer comes. */
    reference: string;
    byEmail: string;
    quoteReference: string;
    /** The agent's draft reply: {name} (with its leading space), {topic}, {order} (the forOrder part), {shop}. */
    draft: { greeting: string; body: string; forOrder: string; signoff: string; details: string; policy: string };
    /**
     * The one question asked when the order or a detail a person needs is missing
     * (edge/src/handoff/details.ts chooses): {orders} the candidates, {n} an order, {item} an item.
     */
    ask: { whichOrder: string; itemNotInOrder: string; whichItem: string; wanted: string };
    /**
     * Where the order concerned stands, said plainly ({n} the order number, {stage} its stage
     * label), chosen by category and stage in edge/src/handoff/details.ts. States facts and what
     * the team will look at; never that anything was or will be changed, cancelled or refunded.
     */
    reality: {
      changeBeforeShipping: string;
      changeShipped: string;
      changeDelivered: string;
      cancelBeforeShipping: string;
      cancelShipped: string;
      cancelDelivered: string;
      returnNotArrived: string;
      closed: string;
    };
  };
  /**
   * What guests are told about the order check (edge/src/guest): the form offer, the refusal that is
   * the same for a wrong email and an unknown order, the one-time code and its mail ({number},
   * {minutes}, {code}).
   */
  guest: {
    offerForm: string;
    emailRemoved: string;
    verified: string;
    notMatched: string;
    codeSent: string;
    codeWrong: string;
    locked: string;
    expired: string;
    codeMail: { subject: string; text: string };
  };
  /**
   * What the shopper is told when people join or leave the conversation, the CSAT question and the
   * "you have a reply" mail (edge/src/agent): {shop}, {name}, {link}.
   */
  people: Record<'personOnIt' | 'addedToTicket' | 'backToAssistant' | 'resolved' | 'csatQuestion' | 'replySubject' | 'replyBody', string>;
}
