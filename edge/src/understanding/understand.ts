import { analyse, declinedTokens, hasDigit, hasPhrase, isStopWord, mergeOrderReferences, namesGoods, porterStem, priceBounds, requestsOf, searchWords, stem, synonymsOf, type Analysis } from '../language';
import { classifyMessage, detectIntents, type GateDecision, type ShopChoice, type ShopperIntents } from '../policy-gate';
import { followUpOf, lastReplyOrders, pageOptionsNamed, plainOf, type HistoryMessage, type PageProduct } from './follow-up';
import { itemsNamedIn as itemsNamed, itemWords, onlyNamesItems } from '../orders/items';
import type { FollowUpRef, OrderTarget, Step, TurnPlan } from './plan';
import { ranked } from './precedence';
import { maskTitles, titleSpans, withoutTokens, type TitleSpan } from './titles';

/**
 * What makes a message's entities the shop's own. Read from the shop's data for the turn
 * (`loadShopContext`); plain values, so `understand` is a pure function.
 */
export interface ShopContext {
  /** Who is asking; only a verified customer (or an order-verified guest) has own orders. */
  identity: 'guest' | 'verified' | 'order_verified_guest';
  /** The customer's own orders, newest first: their numbers (and so their shapes) and item names. */
  ownOrders: readonly { number: string; items: readonly { name: string }[] }[];
  /** Titles of the shop's products. */
  productTitles: readonly string[];
  /** The titles with the tags and option values of more than one word, one list per shop (else the titles). */
  productNames?: readonly string[];
  /** Titles and headings of the shop's policies. */
  policyHeadings: readonly string[];
  /** Titles of the shop's policies (among `policyHeadings`): "Click & Collect", "Price match". */
  policyTitles?: readonly string[];
  /** The shop offers guests the order form (number + email). */
  guestOrderHelp?: boolean;
  /** A guest's email was just removed from the message: the form is offered again. */
  guestEmailRemoved?: boolean;
  /** The product of the page the shopper is on, resolved against the catalog: what "this" and "it" may mean. */
  page?: PageProduct;
  /** Requests the shop routes to a person besides money and fulfilment (settings.routeToPerson). */
  choices?: ReadonlySet<ShopChoice>;
}

export interface UnderstandOptions {
  /** A last word on the gate's decision from the conversation's state (a question of their own after a handoff). */
  adjustGate?: (gate: GateDecision, intents: ShopperIntents) => GateDecision;
}

const textOf = (m: HistoryMessage) => m.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');

/**
 * The turn plan of one shopper message: the gate's handoff (with its rule ids), the order, policy,
 * product, follow-up, greeting steps the message asks for, ranked and cut by `PRECEDENCE`. Decided
 * once per turn; the pipeline and the engines read it.
 */
export function understand(analysis: Analysis, history: readonly HistoryMessage[], shop: ShopContext, options: UnderstandOptions = {}): TurnPlan {
  // Order references the shop's own way: the customer's numbers however they are typed.
  const own = shop.ownOrders.map((o) => o.number);
  if (own.length > 0 && hasDigit(analysis.text)) {
    const merged = mergeOrderReferences(analysis.orderNumbers, analysis.text, own);
    if (merged.length !== analysis.orderNumbers.length || merged.some((n, i) => n !== analysis.orderNumbers[i])) analysis = analysis.withOrderNumbers(merged);
  }
  // The shop's product names are not requests: the gate and the intents read the message without their concept words.
  const spans = titleSpans(analysis, shop.productNames ?? shop.productTitles);
  // Nor are actions the shopper declines ("I'm not asking for a refund, just where it is"): the
  // gate and the intents read what is left.
  const named = maskTitles(analysis, spans);
  const read = withoutTokens(named, new Set(declinedTokens(named)));
  const ownItems = itemsNamed(shop.ownOrders, analysis);
  const intents = detectIntents(read, { namesOwnItem: ownItems.length > 0 });
  const shopperHistory = history.filter((m) => m.role === 'user').map(textOf).slice(-6);
  let gate = classifyMessage(read, { history: shopperHistory, choices: shop.choices });
  gate = options.adjustGate?.(gate, intents) ?? gate;

  const steps: Step[] = [];
  if (gate.handoff) steps.push({ kind: 'handoff', categories: gate.categories, rules: gate.rules });
  // Several requests in one message ("where's my down jacket, and do you have the Ridge 30 in
  // black?", "¿cuándo llega el monitor? y otra cosa, ¿tenéis cables HDMI?"): a shopping request of
  // its own is searched apart, after the order the rest of the message asks about, which is read
  // without it (so "do you have" does not make "when does my monitor come" a product question).
  const apart = shoppingRequests(analysis, shop);
  const rest = apart.length > 0 ? orderAsk(restOf(analysis, apart, shop), history, shop, gate) : null;
  const asked = rest?.orderAsked ? rest : orderAsk({ read, intents, ownItems }, history, shop, gate);
  const { orderAsked, asksOnlyStatus } = asked;
  const plain = plainOf(read);
  if (orderAsked) steps.push({ kind: 'order_status', target: asked.target });
  const searchedApart = !!rest?.orderAsked;
  if (searchedApart) for (const r of apart) steps.push(productStep(r.query, 'apart'));
  // "and the other one?", "y el otro?", "und die andere Bestellung?" under order cards: their orders the cards did not show.
  const shown = lastReplyOrders(history);
  const others = shown.length > 0 && hasPhrase(plain, 'OTHERORDER') ? shop.ownOrders.map((o) => o.number).filter((n) => !shown.includes(n)) : [];
  const followUp: FollowUpRef | null = others.length > 0 ? { to: 'orders', numbers: others.slice(0, 3) } : followUpOf(history, read, intents.productQuery, shop.page, asksOnlyStatus);
  if (followUp) steps.push({ kind: 'follow_up', ref: followUp });
  // "in size L?" on a product page names one of its sizes: about the product, not the size guide.
  const sizingOnly = followUp?.to === 'product' && !!followUp.page && pageOptionsNamed(shop.page, read).length > 0 && intents.policyTopics.every((t) => t === 'sizing');
  if (intents.supportHours) steps.push({ kind: 'support_hours', topics: [...new Set(['contact', ...intents.policyTopics])] });
  const headings = headingsNamed(read, shop.policyHeadings);
  // A question that names one of the shop's own policies or headings ("Kann man im Gartencenter
  // abholen?" names "When can I collect?") and no product: those policies before the catalog.
  const clear = strongHeadings(headings, new Set(shop.policyTitles ?? []));
  const strong = spans.length === 0 && read.question ? clear : [];
  const headingProbe = (): Step[] => (strong.length > 0 ? [{ kind: 'policy_question', topics: [], query: read.text, probe: 'named', headings: strong }] : []);
  if (intents.policyQuestion && !sizingOnly) {
    if (hasPhrase(plain, 'SHOPPING')) steps.push(productStep(intents.productQuery ? withTitleWords(analysis, spans, intents.productQuery) : analysis.text, 'named'));
    steps.push({ kind: 'policy_question', topics: intents.policyTopics, query: [intents.policyTopics.join(' '), read.text].filter(Boolean).join(' '), ...(clear.length ? { headings: clear } : {}) });
  }
  if (intents.productQuery && !searchedApart) {
    const search = productStep(withTitleWords(analysis, spans, intents.productQuery));
    // A question that names no policy topic the packs know ("do your prices include VAT?", "can
    // you send a shed to Belfast?") may still be answered by the shop's own policies: the catalog
    // first, then the policies, then "not in our catalog". (Not with a price range: the search
    // itself says when nothing is in range.) The catalog's own match decides, not the shopper's
    // words in a title: shoppers name the shop's English products in their own language.
    const unfiltered = search.kind === 'product_search' && Object.keys(search.filters).length === 0;
    if (read.question && !intents.policyQuestion && !orderAsked && unfiltered && !followUp) {
      steps.push(...headingProbe(), { ...search, probe: 'any' }, { kind: 'policy_question', topics: [], query: read.text, probe: 'any', ...(headings.length ? { headings } : {}) }, { kind: 'other', notFound: 'products' });
    } else if (intents.thanks && !read.question && search.kind === 'product_search') {
      // "brilliant, thank you, really helpful": the words left are praise, not a product; a
      // product the shopper names by its own words ("thanks, I'll take the blue tent too") still counts.
      steps.push({ ...search, probe: 'named' });
    } else steps.push(search);
  }
  if (intents.greeting) steps.push({ kind: 'greeting' });
  if (intents.thanks) steps.push({ kind: 'thanks' });
  if (steps.length === 0) {
    // Nothing the intents know: the shop's own data before admitting we don't know.
    // A policy topic named with no product ("if I order at 5pm on a Friday when does it ship", no
    // question mark): that topic's policies first, quietly, before the catalog is tried.
    const topicProbe: Step[] =
      intents.policyTopics.length > 0 && spans.length === 0 && !read.tokens.some((t) => namesGoods(t.raw) || namesGoods(t.norm)) ? [{ kind: 'policy_question', topics: intents.policyTopics, query: [intents.policyTopics.join(' '), read.text].join(' '), probe: 'named', ...(clear.length ? { headings: clear } : {}) }] : [];
    steps.push(...headingProbe(), ...topicProbe, productStep(read.text, 'any'), { kind: 'policy_question', topics: [], query: read.text, probe: 'any', ...(headings.length ? { headings } : {}) }, { kind: 'other' });
  }

  // A guest's order question is answered by code, the order form, never by a model's guess; so is
  // an address typed in answer to the form with no other question.
  let answeredBy: TurnPlan['answeredBy'] = 'engine';
  let planned = ranked(steps);
  if (!gate.handoff && shop.identity === 'guest' && shop.guestOrderHelp && (orderAsked || shop.guestEmailRemoved)) {
    answeredBy = 'code';
    if (!orderAsked) planned = [{ kind: 'order_status', target: { by: 'recent' } }];
  }
  return { steps: planned, analysis: read, gate, intents, titlesNamed: [...new Set(spans.map((s) => s.title))].filter((t) => shop.productTitles.includes(t)), answeredBy };
}

interface OrderRead {
  read: Analysis;
  intents: ShopperIntents;
  ownItems: string[];
}

/**
 * Whether a message (or the part of it left once its shopping requests are taken out) asks where an
 * order stands, and which: a number, an item of theirs, their latest or their recent orders.
 */
function orderAsk({ read, intents, ownItems }: OrderRead, history: readonly HistoryMessage[], shop: ShopContext, gate: GateDecision) {
  // "when is my shed arriving?", "¿dónde están mis auriculares?", "only got the chippings, where's
  // the rest", "el cargador todavía no ha llegado": something the customer bought (an item of their
  // own orders), and where or when it comes or that it has not come ("do my socks come in grey?" is
  // about the product), with no word for an order; theirs ("my", "that I ordered", "has it shipped
  // yet") or at least not a product question.
  const notYet = read.has('ARRIVE') && (read.has('NEG') || read.has('STILL') || read.has('YET'));
  const comes = read.has('STATUS') || notYet;
  const theirs = read.has('POSS') || read.has('ORDERED') || read.has('YET') || read.has('STILL') || !read.has('PRODUCTCUE');
  // Or an item of theirs named right after a reply that showed their orders ("the hose reel one"), asking for nothing else.
  const pickedFromOrders = ownItems.length > 0 && lastReplyOrders(history).length > 0 && !gate.handoff && !intents.policyQuestion && !read.has('PRODUCTCUE');
  // "and my monitor?", "e o meu monitor?", "what about my tent?": an item of theirs after a
  // possessive, in a question whose every other word is a stop word, asks where it stands (as "what
  // about my order?" does).
  const askedAboutOwnItem =
    ownItems.length > 0 && read.question && !gate.handoff && !intents.policyQuestion && !read.has('PRODUCTCUE') && possessed(read) && onlyNamesItems(read, ownItems);
  // "I ordered the solar lights" and then "when do they come?": a status question that names
  // nothing is about the item of theirs the shopper named in the message before (unless the reply
  // between showed orders, which the follow-up reads).
  const asksOnlyStatus = comes && !gate.handoff && intents.orderNumbers.length === 0 && !read.has('PRODUCTCUE') && itemWords(read).length === 0;
  const before = ownItems.length === 0 && asksOnlyStatus && lastReplyOrders(history).length === 0 ? itemsNamedBefore(history, shop) : [];
  const ownThingComing = (ownItems.length > 0 && comes && theirs) || pickedFromOrders || askedAboutOwnItem || before.length > 0;
  const orderAsked = intents.orderStatus || intents.orderNumbers.length > 0 || ownThingComing;
  return { orderAsked, asksOnlyStatus, target: orderTarget(intents, ownItems.length > 0 ? ownItems : before, plainOf(read)) };
}

/**
 * The requests of a message of several that shop for something of their own ("and do you have the
 * Ridge 30 in black?", "Und habt ihr auch ein HDMI-Kabel?"): a shopping phrase or a product word,
 * a product query, and no order, no order number and no item of theirs asked about. None for a
 * message of one request.
 */
function shoppingRequests(analysis: Analysis, shop: ShopContext): { text: string; query: string }[] {
  const requests = requestsOf(analysis.text);
  if (requests.length < 2) return [];
  const out: { text: string; query: string }[] = [];
  for (const text of requests) {
    const a = analyse(text);
    if (!hasPhrase(plainOf(a), 'SHOPPING') && !a.has('PRODUCTCUE')) continue;
    if (a.orderNumbers.length > 0 || a.has('ORDER') || a.has('PARCEL') || a.has('POSS') || a.has('ORDERED')) continue;
    const spans = titleSpans(a, shop.productNames ?? shop.productTitles);
    const intents = detectIntents(maskTitles(a, spans));
    // A product's name read without its concept words may leave no query ("habt ihr Ersatzspulen?"): the name is the query.
    if ((!intents.productQuery && spans.length === 0) || intents.orderStatus || intents.policyQuestion) continue;
    out.push({ text, query: withTitleWords(a, spans, intents.productQuery ?? '') });
  }
  return out.length < requests.length ? out : [];
}

/** The message without its shopping requests, read as the plan reads a message: the customer's own numbers, their items. */
function restOf(analysis: Analysis, apart: { text: string }[], shop: ShopContext): OrderRead {
  const own = shop.ownOrders.map((o) => o.number);
  const taken = new Set(apart.map((r) => r.text));
  const text = requestsOf(analysis.text).filter((r) => !taken.has(r)).join(' ');
  let read = analyse(text);
  if (own.length > 0 && hasDigit(text)) read = read.withOrderNumbers(mergeOrderReferences(read.orderNumbers, text, own));
  const ownItems = itemsNamed(shop.ownOrders, read);
  read = withoutTokens(maskTitles(read, titleSpans(read, shop.productNames ?? shop.productTitles)), new Set(declinedTokens(read)));
  return { read, intents: detectIntents(read, { namesOwnItem: ownItems.length > 0 }), ownItems };
}

/** Whether a possessive stands right before a word of the message ("my monitor", "o meu monitor"). */
function possessed(analysis: Analysis): boolean {
  return analysis.at('POSS').some((i) => i + 1 < analysis.length && !analysis.tokens[i + 1].entity);
}

/** Items of their own orders named by the shopper's message before this one. */
function itemsNamedBefore(history: readonly HistoryMessage[], shop: ShopContext): string[] {
  const previous = history.filter((m) => m.role === 'user').at(-1);
  if (!previous || shop.ownOrders.length === 0) return [];
  // "do you have a waterproof jacket?" was shopping, not about the jacket they bought.
  const said = analyse(textOf(previous));
  return said.has('PRODUCTCUE') ? [] : itemsNamed(shop.ownOrders, said);
}

/** "#20958" (a number), "my hose reel order" (an item of their own orders), "my last order", else their recent orders. */
function orderTarget(intents: ShopperIntents, ownItems: string[], plain: string): OrderTarget {
  if (intents.orderNumbers.length > 0) return { by: 'number', numbers: intents.orderNumbers };
  if (ownItems.length > 0) return { by: 'item', items: ownItems };
  return hasPhrase(plain, 'LASTORDER') ? { by: 'latest' } : { by: 'recent' };
}

/**
 * The product query with the words of the product names put back where the shopper wrote them:
 * "is the self-return tape measure in stock?" searches "self-return tape measure", although the
 * gate read it without "return" and "measure".
 */
function withTitleWords(analysis: Analysis, spans: TitleSpan[], query: string): string {
  if (spans.length === 0) return query;
  const kept = new Set(query.toLowerCase().split(' '));
  const inTitle = (i: number) => spans.some((s) => i >= s.from && i < s.to);
  const words: string[] = [];
  for (const t of analysis.tokens) {
    const w = t.entity ? t.raw : t.word;
    if ((inTitle(t.i) || kept.has(w.toLowerCase())) && words.at(-1) !== w) words.push(w);
  }
  return words.length > 0 ? words.join(' ') : query;
}

function productStep(query: string, probe?: 'named' | 'any' | 'apart'): Step {
  const { minPrice, maxPrice } = priceBounds(query);
  return { kind: 'product_search', query, filters: { ...(minPrice !== undefined ? { minPrice } : {}), ...(maxPrice !== undefined ? { maxPrice } : {}) }, ...(probe ? { probe } : {}) };
}

/**
 * The shop's policy titles and headings whose every content word the message carries
 * ("plant guarantee", "Garantie"): as typed, by stem, as a word of another language the synonyms
 * give ("abholen" names "When can I collect?", "Preisabgleich" names "Price match"), or inside a
 * compound ("Pflanzengarantie" names "Plant Guarantee").
 */
function headingsNamed(analysis: Analysis, headings: readonly string[]): string[] {
  const words = searchWords(analysis.text).filter((w) => !isStopWord(w));
  const said = new Set(analysis.tokens.map((t) => stem(t.norm)));
  for (const w of words) {
    said.add(porterStem(w));
    for (const syn of synonymsOf(w)) for (const part of searchWords(syn)) if (!isStopWord(part)) said.add(porterStem(part));
  }
  // Parts of at least five letters inside a longer word of the message ("pflanzen" in "pflanzengarantie").
  const inCompound = (part: string) => part.length >= 5 && words.some((w) => w.length > part.length + 2 && w.includes(part));
  const named = (word: string) => {
    const forms = [word, ...synonymsOf(word)].filter((f) => !f.includes(' '));
    return said.has(stem(word)) || said.has(porterStem(word)) || forms.some(inCompound);
  };
  return headingContent(headings).filter(({ content }) => content.length > 0 && content.every(named)).map(({ heading }) => heading);
}

/**
 * Headings named clearly enough to ask the policies before the catalog: a policy's title, a
 * heading written as a question ("When can I collect?") or one of two content words or more. A
 * one-word section heading ("Rates", "Value", "Standard") is too common a word to decide alone.
 */
function strongHeadings(named: string[], titles: ReadonlySet<string>): string[] {
  return named.filter((h) => titles.has(h) || h.trim().endsWith('?') || contentWords(h).length >= 2);
}

const contentWords = (heading: string) => searchWords(heading).filter((w) => w.length >= 4 && !isStopWord(w));

/** Each heading's content words, read once per list (the shop context keeps one list per shop for a minute). */
const headingContentOf = new WeakMap<readonly string[], { heading: string; content: string[] }[]>();
function headingContent(headings: readonly string[]) {
  let out = headingContentOf.get(headings);
  if (!out) headingContentOf.set(headings, (out = headings.map((heading) => ({ heading, content: contentWords(heading) }))));
  return out;
}
