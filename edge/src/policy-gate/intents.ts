import { analyse, isStopWord, normalizeWord, type Analysis, type ConceptId, type Lang } from '../language';
import { CONCEPTS, hasPhrase, isNumeric, queryWords, TOPIC_IDS } from '../language';

export interface ShopperIntents {
  /** Where is my order / tracking / when will it arrive / order status. */
  orderStatus: boolean;
  /** Order references typed by the shopper ("#1042", "order 1042", "W-88312"). */
  orderNumbers: string[];
  /** Asks about shipping, returns, refunds, exchanges, warranty, payment methods, privacy, contact... */
  policyQuestion: boolean;
  /** Normalised English topic words, usable as policy search terms. */
  policyTopics: string[];
  /** The product-search part of the message without filler words, or null when it is not about products. */
  productQuery: string | null;
  greeting: boolean;
  thanks: boolean;
  /** When the shop's people can be reached or how soon they reply: answered from the support settings. */
  supportHours: boolean;
  language: Lang;
}

const ACTION_CONCEPTS: ConceptId[] = ['REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE', 'ADD', 'REMOVE', 'DISCOUNT', 'COMPLAINT', 'DAMAGED', 'ADDRESS', 'PAYMENT'];

/** Greets first: "hi", "hola", "buongiorno", or "good morning", "buenos días", "guten Tag", "boa tarde". */
function greets(s: Analysis): boolean {
  return s.is(0, 'GREETING') || (s.is(0, 'GREETWORD') && s.is(1, 'DAYTIME'));
}

/**
 * Decides which safe tools the offline engine may call for a message:
 * order status, policy search and catalog search. Requests that need a
 * person are the gate's job (`classifyMessage`); a mixed message sets both.
 */
export function detectIntents(message: string | Analysis, known: { namesOwnItem?: boolean } = {}): ShopperIntents {
  const s = typeof message === 'string' ? analyse(message) : message;
  const text = s.text;
  const orderNumbers = [...s.orderNumbers];
  const language = s.language;
  const plain = s.plain;

  // --- order status
  const hasStatusWord = s.has('STATUS') || s.has('ARRIVE');
  const ownShipment = s.tokens.some((t, i) => s.is(i, 'POSS') && (s.within(i + 1, 'ORDER', 2) || s.within(i + 1, 'PARCEL', 2) || s.within(i + 1, 'ITEM', 2)));
  // "if I order at 5 pm", "quand je commande": the word for an order is a verb after its subject, not one of theirs named.
  const orderNamed = s.at('ORDER').some((i) => !s.is(i - 1, 'SELF'));
  const orderRef = orderNumbers.length > 0 || orderNamed || ownShipment;
  const howLongPolicy = s.asksDuration() && !s.has('USUALLY') && !ownShipment && orderNumbers.length === 0;
  const trackingNumber = s.has('TRACKING');
  // A bare order reference ("#1042?", "wher is my ordr #1042") asks for that order's status.
  const bareReference = orderNumbers.length > 0 && !ACTION_CONCEPTS.some((c) => s.has(c));
  // "what did I order?", "show my orders", "order history": the customer's own orders, no status word needed.
  // "has my camera shipped?", "when will my new boots arrive?": something the customer bought, on its way.
  const orderHistory = (hasPhrase(plain, 'ORDERHISTORY') || hasPhrase(plain, 'OWNTHINGMOVING')) && !ACTION_CONCEPTS.some((c) => s.has(c));
  // "what's happening with my <item> order?": an item of one of the customer's own orders (the
  // shop's catalog vocabulary as they bought it), with their order or parcel, and no request to act
  // ("any update on" reads CHANGE; a real change request is the gate's handoff, which shows the order too).
  const ownItemOrder = !!known.namesOwnItem && orderNumbers.length === 0 && (ownShipment || s.has('ORDER') || s.has('PARCEL')) && !ACTION_CONCEPTS.some((c) => c !== 'CHANGE' && s.has(c));
  // "what about my order?", "¿qué pasa con mi pedido?", "Was ist mit meiner Bestellung?", "e a minha
  // encomenda?": a question about their own order or parcel that asks for nothing else (no request,
  // no policy topic) asks where it stands; "any update on my order?" too (CHANGE, as above: a real
  // change request is the gate's handoff, which shows the order beside it).
  const ownOrderNamed = s.tokens.some((t, i) => s.is(i, 'POSS') && (s.within(i + 1, 'ORDER', 2) || s.within(i + 1, 'PARCEL', 2)));
  const aboutOwnOrder = ownOrderNamed && s.question && s.topics.length === 0 && !ACTION_CONCEPTS.some((c) => c !== 'CHANGE' && s.has(c));
  const orderStatus = aboutOwnOrder || ownItemOrder || orderHistory || bareReference || (hasStatusWord && orderRef && !howLongPolicy && (ownShipment || orderNumbers.length > 0 || s.has('STATUS'))) || trackingNumber;

  // --- policy topics
  const topics = new Set<string>(s.topics);
  if (s.has('FEE') && topics.size === 0 && s.has('CANCEL')) topics.add('cancellation');
  // "size guide", "size chart", "guía de tallas", "guide des tailles", "Größentabelle": the sizing page.
  const sizeGuide = askedSizeGuide(s);
  if (sizeGuide) topics.add('sizing');
  const policyTopics = TOPIC_IDS.filter((t) => topics.has(t));
  const asks = s.question || s.has('INFO') || s.has('POLICY') || s.has('FEE') || s.has('CASES') || sizeGuide;
  // "where is my order" mentions shipping words, but it is a status question, not a policy one.
  const onlyStatusTopics = orderStatus && policyTopics.every((t) => t === 'shipping');
  const policyQuestion = policyTopics.length > 0 && asks && !onlyStatusTopics && !ownItemOrder;

  // --- support hours: a pack phrase ("when is your team available"), or opening hours of the service or its people.
  // Or a question asking when (a time, a day, how soon) about the shop's people or how to reach them,
  // about nothing else: no order or parcel of theirs, no other policy topic.
  const aboutPeople = s.has('SERVICE') || s.has('HUMAN') || s.has('CONTACT') || s.topics.includes('contact') || hasPhrase(plain, 'SUPPORTREACH');
  const asksWhen = hasPhrase(plain, 'SUPPORTWHEN') || hasPhrase(plain, 'ASKSHOURS');
  const onlyContact = s.topics.every((t) => t === 'contact') && !s.has('ORDER') && !s.has('PARCEL');
  const supportHours = hasPhrase(plain, 'SUPPORTHOURS') || (s.question && asksWhen && aboutPeople && onlyContact);

  // --- product search
  const greeting = greets(s);
  const thanks = s.has('THANKS');
  const productQuery = sizeGuide || ownItemOrder || supportHours ? null : extractProductQuery(text, s, orderStatus || orderNumbers.length > 0 || s.has('ORDER'), policyTopics.length > 0);

  return { orderStatus, orderNumbers, policyQuestion, policyTopics, productQuery, greeting, thanks, supportHours, language };
}

/**
 * "size guide", "size chart", "guía de tallas", "Größentabelle", "what size should I take", "find
 * my size": the sizing page.
 */
function askedSizeGuide(s: Analysis): boolean {
  for (const i of s.at('SIZE')) {
    if (s.is(i, 'SIZEGUIDE') || s.within(i + 1, 'SIZEGUIDE', 2) || (i > 0 && s.is(i - 1, 'SIZEGUIDE'))) return true;
    if (s.is(i - 2, 'SIZEGUIDE') && !s.is(i - 1, 'SIZE')) return true;
    if (s.question && i <= 1 && s.within(i + 1, 'SELF', 2)) return true;
    if (s.is(i - 1, 'POSS') && s.is(i - 2, 'INFO')) return true;
  }
  return false;
}

/** Concepts that belong to orders, policies and handoffs rather than to a product search. */
const NON_PRODUCT_CONCEPTS: ConceptId[] = [
  'REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'ORDER', 'ADDRESS', 'DISCOUNT', 'PAYMENT', 'PAYMETHOD', 'DELAY', 'COMPLAINT', 'HUMAN',
  'CONTACT', 'POLICY', 'FEE', 'NONORDER', 'HELP', 'INFO', 'WANT', 'PLEASE', 'NEG', 'ANGRY', 'SERVICE', 'CHANGE',
  // "that's all I needed", "c'est tout ce qu'il me fallait": framing, never a product; nor is closing an account.
  'NEEDED', 'ACCOUNT', 'CLOSE',
];

const filler = (norm: string) => isStopWord(norm) || CONCEPTS.lookup(norm).some((c) => c === 'SHOPTALK' || c === 'GREETING' || c === 'THANKS');
/** "that's", "it's", "c'est": a word made of stop words and single letters joined by apostrophes ("women's" is not). */
const contractedFiller = (word: string) => word.includes("'") && word.split("'").every((p) => p.length <= 1 || isStopWord(normalizeWord(p)));
const productCue = (norm: string) => CONCEPTS.lookup(norm).includes('PRODUCTCUE');

function extractProductQuery(raw: string, s: Analysis, aboutOrder: boolean, aboutPolicy: boolean): string | null {
  const cue = s.tokens.some((t) => productCue(t.norm));
  // "bom dia", "buenos días", "good evening" of a greeting say nothing about a product.
  const greetingWord = (norm: string) => greets(s) && CONCEPTS.lookup(norm).some((c) => c === 'GREETWORD' || c === 'DAYTIME');
  const words = queryWords(raw);
  const kept: string[] = [];
  const bound = (w: string | undefined) => w !== undefined && CONCEPTS.lookup(normalizeWord(w)).includes('PRICEBOUND');
  for (const [k, w] of words.entries()) {
    const norm = normalizeWord(w);
    // Price bounds stay for the catalog's price filter, with the small words around them ("less than", "up to").
    if (bound(w) || ((bound(words[k - 1]) || bound(words[k + 1])) && isStopWord(norm))) {
      kept.push(w);
      continue;
    }
    // A letter after a size word is the size ("size M", "talla S"), not a clipped "I'm" or "it's".
    const afterSize = kept.length > 0 && CONCEPTS.lookup(normalizeWord(kept[kept.length - 1])).includes('SIZE');
    if (!norm || (filler(norm) && !(afterSize && norm.length === 1)) || contractedFiller(w) || greetingWord(norm)) continue;
    if (isNumeric(w) && !afterSize) {
      // Bare numbers are only kept after a size word ("size 10"), never as order numbers.
      if (aboutOrder) continue;
    }
    const concepts = CONCEPTS.lookup(norm);
    if (concepts.some((c) => NON_PRODUCT_CONCEPTS.includes(c as ConceptId))) continue;
    kept.push(w);
  }
  if (kept.length === 0) return null;
  // Without a product cue, leftovers of an order or policy question are not a search.
  if (!cue && (aboutOrder || aboutPolicy)) return null;
  // "can I change the size?" leaves only attribute words: nothing to search for.
  if (kept.every((w) => productCue(normalizeWord(w)) || isNumeric(w))) return null;
  return kept.join(' ');
}
