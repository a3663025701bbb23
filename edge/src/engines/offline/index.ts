import type { AisleDataParts, OrderCard, ProductCard } from '../../../../shared/chat';
import type { Product, Variant } from '../../../../shared/catalog';
import type { StoredMessage } from '../../conversations/store';
import { withoutPriceBounds } from '../../catalog/search';
import { isStopWord, stem, synonymsOf, tokenize } from '../../catalog/text';
import { CONCEPTS, findPhrase, hasPhrase, isNotOption, LANGS, normalizeWord, type Lang } from '../../language';
import { describeOrder } from '../../orders/card';
import { toProductCard } from '../../catalog/cards';
import { EMAIL_PLACEHOLDER } from '../../guest/redact';
import { guestWords } from '../../guest/wording';
import { newId } from '../../lib/ids';
import type { Engine, EngineContext, EngineInfo } from '../types';
import { toolOptions } from '../types';
import { bestExcerpt, detailAsked, onTopic, optionValues, plainWords, productFact, type ProductFacts } from './excerpt';
import { availabilityText, formatPrice, suggestionsFor, t } from './templates';
import { answerSupportHours } from './answerers/support-hours';

/**
 * The deterministic engine: the same tools as the model, chosen by intent rules, answered
 * with written templates. It is the default without an API key and the fallback when the
 * model fails. It never says anything that is not in a tool result or a template.
 */
export const runOfflineEngine: Engine = async (ctx) => {
  const { intents, out, turn, tools } = ctx;
  const classes: EngineInfo['answerClass'][] = [];

  // "is it in stock?", "anything cheaper?", "when will it arrive?": about what the last reply showed.
  // The page's product (resolved against the catalog, edge/src/context) is one more thing "this" may mean.
  const onPage = ctx.page?.focus ? toProductCard(ctx.page.focus, turn.publicOrigin, turn.shop.settings.platform) : undefined;
  // Option values of the page's product the message names ("M", "Lake Blue"): data, in any language.
  const pageOptions = ctx.page?.focus ? optionValuesNamed(ctx.page.focus.product, ctx.analysis.tokens) : [];
  // "in size L?" on a product page names one of its sizes: about the product, not the size guide.
  const sizingOnly = intents.policyQuestion && pageOptions.length > 0 && intents.policyTopics.every((t) => t === 'sizing');
  const followUp =
    intents.orderStatus || intents.orderNumbers.length > 0 || (intents.policyQuestion && !sizingOnly)
      ? null
      : followUpOf(turn.history, turn.text, { ...intents, locale: turn.locale }, onPage && { card: onPage, arrived: ctx.page?.arrived ?? true, namesOption: pageOptions.length > 0 });
  const fromPage = followUp?.kind === 'product' && followUp.card === onPage && pageOptions.length > 0;
  const askedOption = followUp?.kind === 'product' ? (optionAsked(turn.text) ?? (fromPage ? plainWords(pageOptions.join(' ')) : undefined)) : undefined;
  if (followUp?.kind === 'orders') {
    await answerOrders(ctx, followUp.numbers);
    classes.push('order');
  } else if (followUp?.kind === 'product' && ((askedOption && !fromPage) || (await staysOn(ctx, followUp.card)))) {
    // "do you have it in M?": a size letter is no product query, but it names the variant wanted.
    // The words as typed: the search reads "M" as a size only in capitals.
    const asTyped = askedOption && ctx.analysis.tokens.filter((tk) => askedOption.split(' ').includes(tk.norm)).map((tk) => tk.raw).join(' ');
    // On a product page with a variant chosen ("Lake Blue / S"), "in M?" keeps its other options (Lake Blue).
    const kept = followUp.card === onPage && ctx.page?.focus?.variant ? keptOptions(ctx.page.focus.product, ctx.page.focus.variant, askedOption) : [];
    // On the page, the option values as the catalog writes them say which variant; the rest of the words may be any language's.
    const wanted = fromPage ? pageOptions.join(' ') : (intents.productQuery ?? asTyped);
    await answerProducts(ctx, [followUp.card.title, wanted, ...kept].filter(Boolean).join(' '), { pin: followUp.card.id, askedOption });
    classes.push('product');
  } else if (followUp?.kind === 'cheaper') {
    const { result } = await ctx.collectParts(async () => tools.getProduct.execute!({ idOrHandle: followUp.card.id }, toolOptions(turn, 'getProduct')));
    const base = (result as { product?: { category?: string } }).product;
    const query = base?.category || followUp.card.title.split(/\s+/).pop() || followUp.card.title;
    await answerProducts(ctx, query, { maxPrice: Math.max(0, followUp.card.price - 0.01), exclude: followUp.card.id });
    classes.push('product');
  }

  if (classes.length === 0 && (intents.orderStatus || intents.orderNumbers.length > 0)) {
    await answerOrders(ctx);
    classes.push('order');
  }
  // "When is your team available?": the shop's support settings, then the passage of its contact
  // page that gives the hours (the topic is contact whatever words the shopper used).
  let hoursAnswered = false;
  if (classes.length === 0 && intents.supportHours) {
    answerSupportHours(ctx);
    const topics = [...new Set(['contact', ...intents.policyTopics])];
    const quoted = await answerPolicy({ ...ctx, intents: { ...intents, policyTopics: topics } }, ['contact hours', turn.text].join(' '), { quiet: true });
    classes.push(quoted ? 'policy' : 'other');
    hoursAnswered = true;
  }
  // "Do you sell phones?" names a policy topic (phone: contact) but is shopping: products first,
  // when the catalog has them.
  if (classes.length === 0 && intents.policyQuestion && hasPhrase(plainWords(turn.text), 'SHOPPING')) {
    // Only products named by the shopper's own words (or synonyms), not a typo correction:
    // "do you have a store in Berlin?" must not become a "Stone Grey" jacket.
    const named = namedStems(turn.text);
    const accept = (cards: ProductCard[]) => cards.some((c) => tokenize(c.title).some((w) => named.has(stem(w))));
    if (await answerProducts(ctx, intents.productQuery ?? turn.text, { quiet: true, accept })) classes.push('product');
  }
  if (intents.policyQuestion && !classes.includes('product') && !hoursAnswered && !(sizingOnly && classes.length > 0)) {
    // Answered or not, the shopper has been told (a quote, or that the policies do not say).
    // A sizing question the policies do not answer usually names a product ("what sizes does the
    // Harbor jacket come in?"): its sizes are in the catalog.
    const sizing = intents.policyTopics.includes('sizing');
    const answered = await answerPolicy(ctx, [intents.policyTopics.join(' '), turn.text].filter(Boolean).join(' '), { quiet: sizing });
    if (answered) classes.push('policy');
    else if (sizing && (await answerProducts(ctx, turn.text, { quiet: true }))) classes.push('product');
    else {
      if (sizing) out.line(t(turn.locale, 'noPolicy'));
      classes.push('other');
    }
  }
  if (intents.productQuery && classes.length === 0) {
    await answerProducts(ctx, intents.productQuery);
    classes.push('product');
  }
  if (classes.length === 0) {
    if (intents.greeting || intents.thanks) {
      out.line(t(turn.locale, intents.thanks && !intents.greeting ? 'thanks' : 'greeting'));
      out.data({ type: 'data-suggestions', data: { suggestions: suggestionsFor(turn.locale) } });
      return { engine: 'offline', answerClass: 'other' };
    }
    // Unclassified: try the shop's own data before admitting we don't know. Policy questions
    // name a topic the intents know, so what is left is more often about products.
    if (await answerProducts(ctx, turn.text, { quiet: true })) classes.push('product');
    else if (await answerPolicy(ctx, turn.text, { quiet: true })) classes.push('policy');
    else {
      out.line(t(turn.locale, 'unknown'));
      out.data({ type: 'data-suggestions', data: { suggestions: suggestionsFor(turn.locale) } });
    }
  }
  return { engine: 'offline', answerClass: classes[0] ?? 'other' };
};

async function answerOrders(ctx: EngineContext, numbers = ctx.intents.orderNumbers) {
  const { turn, tools, out } = ctx;
  const intents = { ...ctx.intents, orderNumbers: numbers };
  const L = turn.locale;
  if (turn.identity.level === 'guest' && turn.guestOrderHelp) {
    offerGuestForm(ctx);
    return;
  }
  // An order-verified guest reads through the grant's source: that one order, nothing else.
  if (turn.identity.level === 'guest') {
    turn.evidence.fallbackReason = 'permission_refused';
    out.line(t(L, 'signInForOrders'));
    out.data({ type: 'data-notice', data: { code: 'sign_in_required', text: t(L, 'signInForOrders') } });
    return;
  }
  const cards: OrderCard[] = [];
  const { parts } = await ctx.collectParts(async () => {
    if (intents.orderNumbers.length > 0) {
      for (const orderNumber of intents.orderNumbers.slice(0, 3)) {
        const before = turn.evidence.orders.length;
        await tools.getMyOrder.execute!({ orderNumber }, toolOptions(turn, 'getMyOrder'));
        if (turn.evidence.orders.length === before) out.line(t(L, 'orderNotFound', { number: orderNumber }));
      }
    } else {
      // Enough to find the order with the thing asked about ("has my camera shipped?").
      await tools.getMyOrders.execute!({ limit: 10 }, toolOptions(turn, 'getMyOrders'));
    }
  });
  let shown = parts.filter((p) => p.type === 'data-order');
  if (intents.orderNumbers.length === 0) {
    shown = pickOrders(shown, turn.text);
    // The reply (and a ticket, if this turn hands off) uses only the orders shown; the tool call's
    // own record keeps what was read.
    const used = new Set(shown.map((p) => (p.data as OrderCard).number));
    const kept = turn.evidence.orders.filter((o) => used.has(o.number));
    turn.evidence.orders.splice(0, turn.evidence.orders.length, ...kept);
  }
  for (const p of shown) cards.push(p.data as OrderCard);
  if (cards.length === 0 && intents.orderNumbers.length === 0) out.line(t(L, 'noOrders'));
  if (cards.length > 1 && intents.orderNumbers.length === 0) out.line(t(L, 'severalOrders', { count: cards.length }));
  for (const card of cards) out.line(describeOrder(card, L));
  for (const p of parts) if (p.type !== 'data-order' || shown.includes(p)) out.data(p);
}

/**
 * A guest asking about an order: the order form (number + email), never an order fact. What is
 * typed into the form goes to verify-order, not into this conversation's history.
 */
function offerGuestForm({ turn, out }: EngineContext) {
  const L = turn.locale;
  turn.evidence.fallbackReason = 'permission_refused';
  if (turn.text.includes(EMAIL_PLACEHOLDER)) out.line(guestWords(L, 'emailRemoved'));
  const text = guestWords(L, 'offerForm');
  out.line(text);
  out.data({ type: 'data-verify-order', data: { requestId: newId('vr', 16), state: 'requested', text } });
}

/** Words for an order or a parcel in any pack: they name no item of it. */
const orderWord = (w: string) => CONCEPTS.exactly(normalizeWord(w)).some((c) => c === 'ORDER' || c === 'PARCEL');

/**
 * Which of the customer's orders (newest first) a question without an order number is about:
 * those with an item it names ("has my camera shipped?"), else the newest for "my last order",
 * else the three newest.
 */
function pickOrders<P extends { data: unknown }>(orders: P[], question: string): P[] {
  const words = new Set(tokenize(question).filter((w) => w.length >= 3 && !isStopWord(w) && !orderWord(w)).map(stem));
  const naming = orders.filter((p) => (p.data as OrderCard).items.some((item) => tokenize(item.name).some((w) => words.has(stem(w)))));
  if (naming.length > 0) return naming.slice(0, 3);
  return orders.slice(0, hasPhrase(plainWords(question), 'LASTORDER') ? 1 : 3);
}

async function answerPolicy(ctx: EngineContext, query: string, opts: { quiet?: boolean } = {}): Promise<boolean> {
  const { turn, tools, out } = ctx;
  const L = turn.locale;
  const before = turn.evidence.passages.length;
  const { parts } = await ctx.collectParts(async () => {
    await tools.searchPolicies.execute!({ query }, toolOptions(turn, 'searchPolicies'));
    // A question in another language than the policies, or full of words they never use:
    // search again by its topic words alone ("shipping"), which the intents know in every pack language.
    // Also when what was found never mentions the topic ("are returns free?" found only the
    // delivery page's "free"): the topic's own policy may answer better.
    const topics = ctx.intents.policyTopics;
    const found = turn.evidence.passages.slice(before);
    if (topics.length > 0 && query !== topics.join(' ') && onTopic(found, topics).length === 0) {
      await tools.searchPolicies.execute!({ query: topics.join(' ') }, toolOptions(turn, 'searchPolicies'));
    }
  });
  const passages = turn.evidence.passages.slice(before);
  if (passages.length === 0) {
    if (!opts.quiet) out.line(t(L, 'noPolicy'));
    return false;
  }
  const excerpt = bestExcerpt(passages, query, ctx.intents.policyTopics);
  if (!excerpt) {
    if (!opts.quiet) out.line(t(L, 'noPolicy'));
    return false;
  }
  const top = excerpt.passage;
  out.line(t(L, 'policyIntro', { title: top.title }));
  out.line(`“${excerpt.text.replace(/\*\*/g, '')}”`);
  if (top.url) out.line(t(L, 'policyLink', { title: top.title, url: sameSitePath(top.url, turn.publicOrigin) }));
  // One citations card: the quoted passage first, then the other passages found in the same policy
  // (a second search, or passages of policies the reply does not quote, would list sources it did not use).
  type Citation = AisleDataParts['citations']['citations'][number];
  const cited = new Map<string, Citation>();
  for (const p of parts) {
    if (p.type !== 'data-citations') continue;
    for (const c of (p.data as AisleDataParts['citations']).citations) if (c.documentId === top.documentId && !cited.has(c.passageId)) cited.set(c.passageId, c);
  }
  const ordered = [...cited.values()].sort((a, b) => Number(b.passageId === top.id) - Number(a.passageId === top.id));
  if (ordered.length > 0) out.data({ type: 'data-citations', data: { citations: ordered } });
  for (const p of parts) if (p.type !== 'data-citations') out.data(p);
  return true;
}

async function answerProducts(
  ctx: EngineContext,
  query: string,
  opts: { quiet?: boolean; pin?: string; exclude?: string; maxPrice?: number; askedOption?: string; intro?: string; accept?: (cards: ProductCard[]) => boolean } = {},
): Promise<boolean> {
  const { turn, tools, out } = ctx;
  const L = turn.locale;
  const { parts: found, result: searched } = await ctx.collectParts(async () =>
    tools.searchCatalog.execute!({ query, ...(opts.maxPrice !== undefined ? { maxPrice: opts.maxPrice } : {}) }, toolOptions(turn, 'searchCatalog')),
  );
  // A follow-up about one product keeps its card; "anything cheaper?" leaves it out.
  const keep = (c: ProductCard) => (!opts.pin || c.id === opts.pin) && c.id !== opts.exclude;
  const parts = found.map((p) => {
    if (p.type !== 'data-products') return p;
    const all = (p.data as AisleDataParts['products']).products;
    const kept = all.filter(keep);
    return { ...p, data: { ...(p.data as AisleDataParts['products']), products: kept.length > 0 || !opts.pin ? kept : all } } as typeof p;
  });
  const cards = cardsOf(parts);
  if (opts.accept && cards.length > 0 && !opts.accept(cards)) return false;
  // "wireless headphones under $200" found only other wireless things in range, while the
  // headphones cost more: say nothing matching is in range and show what matches.
  const unbounded = opts.intro || opts.quiet ? null : withoutPriceBounds(query);
  if (unbounded && cards.length > 0) {
    // How many of the shopper's words (or synonyms) the best product's name and category carry.
    const named = namedStems(unbounded);
    type Found = { products?: { title: string; category?: string }[] };
    const fit = (out: unknown) =>
      Math.max(0, ...((out as Found).products ?? []).map((p) => new Set(tokenize(`${p.title} ${p.category ?? ''}`).map(stem).filter((w) => named.has(w))).size));
    const { result: wider } = await ctx.collectParts(async () => tools.searchCatalog.execute!({ query: unbounded }, toolOptions(turn, 'searchCatalog')));
    if (fit(wider) > fit(searched)) return answerProducts(ctx, unbounded, { ...opts, intro: t(L, 'outOfRange', { query: echo(query) }) });
  }
  if (cards.length === 0) {
    // "sofas under $1000" and every sofa costs more: say so, and show the sofas.
    if (unbounded && (await answerProducts(ctx, unbounded, { ...opts, quiet: true, intro: t(L, 'outOfRange', { query: echo(query) }) }))) return true;
    if (!opts.quiet) {
      out.line(t(L, 'noProducts', { query: echo(query) }));
      out.data({ type: 'data-suggestions', data: { suggestions: [suggestionsFor(L)[3]] } });
    }
    return false;
  }
  out.line(opts.intro ?? t(L, 'productsFoundFor', { query: echo(query) }));
  const lines = cards.slice(0, 4).map((c) => {
    const v = c.variant;
    if (v) {
      const options = Object.values(v.options).join(' / ');
      return `- ${t(L, 'variantMatch', { title: `**${c.title}**`, options, availability: availabilityText(L, v.availability), price: formatPrice(L, v.price, c.currency) })}`;
    }
    return `- **${c.title}**: ${formatPrice(L, c.price, c.currency)}, ${availabilityText(L, c.availability)}.`;
  });
  out.line(lines.join('\n'));
  // "Does it come in pink?" about a product with no pink variant: say so.
  if (opts.askedOption && opts.pin && !cards[0].variant) out.line(t(L, 'noVariant', { title: `**${cards[0].title}**`, options: opts.askedOption }));
  // A detail question about the product it names ("how heavy is ..."): answer from its own facts.
  const top = cards[0];
  // (Not when the question was about a variant: the variant line above answers it.)
  // Only when the search pins the product down (one or two matches), not for a browse like "rain jackets".
  if (!top.variant && cards.length <= 2 && !opts.askedOption) {
    const details = await ctx.collectParts(async () => tools.getProduct.execute!({ idOrHandle: top.id }, toolOptions(turn, 'getProduct')));
    const facts = (details.result as { found: boolean; product?: ProductFacts }).product;
    const choices = facts ? optionValues(facts, turn.text) : [];
    for (const { option, values } of choices) {
      const soldOut = availabilityText(L, 'out_of_stock');
      const list = values.map((v) => (v.available ? v.value : `${v.value} (${soldOut})`)).join(', ');
      (turn.evidence.quotedFacts ??= []).push(`${top.title}: ${option}: ${values.map((v) => v.value).join(', ')}`);
      out.line(t(L, 'optionValues', { title: `**${top.title}**`, option, values: list }));
    }
    const fact = facts && choices.length === 0 ? productFact(facts, turn.text) : null;
    if (fact) {
      (turn.evidence.quotedFacts ??= []).push(`${top.title}: ${fact}`);
      out.line(`**${top.title}**: ${fact}`);
    } else if (facts && choices.length === 0 && detailAsked(facts, turn.text).length > 0) {
      // "Is the e-reader waterproof?" and the catalog does not say: say so rather than imply it.
      out.line(t(L, 'noFact', { title: `**${top.title}**` }));
    }
  }
  for (const p of parts) out.data(p);
  return true;
}



/** Links to the shop's own pages stay relative, so they open on the storefront the shopper is on. */
function sameSitePath(url: string, origin: string): string {
  return url.startsWith(origin + '/') ? url.slice(origin.length) : url;
}

type FollowUp = { kind: 'orders'; numbers: string[] } | { kind: 'product' | 'cheaper'; card: ProductCard };

/**
 * The page variant's option values other than the one asked about: "M" is a size, so the chosen
 * colour stays. Nothing when the question names no option value of the product.
 */
function keptOptions(product: Product, chosen: Variant, asked: string | undefined): string[] {
  if (!asked) return [];
  const words = asked.split(' ');
  const key = Object.keys(chosen.options).find((k) => product.variants.some((v) => v.options[k] && words.includes(plainWords(v.options[k]!))));
  return key ? Object.entries(chosen.options).flatMap(([k, v]) => (k === key ? [] : [v])) : [];
}

/**
 * Option values of `product` that the message names, as the catalog writes them. A one-letter value
 * ("M", "L") counts only typed as it is (a capital), since letters stand alone in elisions ("l'avez").
 */
function optionValuesNamed(product: Product, tokens: readonly { raw: string; norm: string }[]): string[] {
  const words = ` ${tokens.map((t) => t.norm).join(' ')} `;
  const values = [...new Set(product.variants.flatMap((v) => Object.values(v.options)))];
  return values.filter((v) => (v.length === 1 ? tokens.some((t) => t.raw === v) : words.includes(` ${plainWords(v)} `)));
}

/** "does it come in pink?", "do you have it in XL?": an option of the product just shown ("is it in stock?" is not one). */
const optionAsked = (text: string) => {
  const asked = findPhrase(plainWords(text), 'OPTIONASK')?.join(' ');
  return asked && !isNotOption(asked.split(' ')[0]) ? asked : undefined;
};

/**
 * Whether a message is about what the previous reply showed, and what that was: its order cards
 * ("when will it arrive?") or its first product ("is it in stock?", "anything cheaper?"). Only the
 * stored history of this conversation is read; for orders it belongs to the same verified customer.
 */
function followUpOf(
  history: StoredMessage[],
  text: string,
  intents: { productQuery: string | null; language?: string | null; locale?: string },
  page?: { card: ProductCard; arrived: boolean; namesOption: boolean },
): FollowUp | null {
  const last = [...history].reverse().find((m) => m.role === 'assistant');
  // The product page the shopper is on: "do you have this in M?" asks about it when nothing was
  // shown yet, or when they came to this page since their last message.
  if (page && (!last || page.arrived)) return hasPhrase(plainWords(text), 'CHEAPER') ? { kind: 'cheaper', card: page.card } : refersTo(text, intents) || optionAsked(text) || page.namesOption ? { kind: 'product', card: page.card } : null;
  if (!last) return null;
  const q = plainWords(text);
  const refers = refersTo(text, intents);
  const orders = last.parts.flatMap((p) => (p.type === 'data-order' ? [p.data.number] : []));
  if (orders.length > 0 && (hasPhrase(q, 'ORDERFOLLOWUP') || (refers && !intents.productQuery))) return { kind: 'orders', numbers: orders.slice(0, 3) };
  const card = last.parts.flatMap((p) => (p.type === 'data-products' ? p.data.products : []))[0] ?? page?.card;
  if (!card) return null;
  if (card === page?.card && !refers && optionAsked(text)) return { kind: 'product', card };
  if (hasPhrase(q, 'CHEAPER')) return { kind: 'cheaper', card };
  return refers ? { kind: 'product', card } : null;
}

/**
 * Words that point back at what was just shown or is on the page ("it", "this one"), in English
 * and the shopper's language only: in some languages they double as articles.
 */
function refersTo(text: string, intents: { language?: string | null; locale?: string }): boolean {
  // The page's language too: a short message is easily detected as another language.
  const langs = [...new Set(['en', intents.language, intents.locale].filter((l): l is Lang => (LANGS as readonly string[]).includes(l ?? '')))];
  return hasPhrase(plainWords(text), 'BACKREF', langs);
}

/**
 * Whether "it" really means the product just shown: "does it come in blue?" names one of its
 * options, but "is it possible to get a tent?" names another product, found by a search of its own.
 */
async function staysOn(ctx: EngineContext, card: ProductCard): Promise<boolean> {
  const query = ctx.intents.productQuery;
  if (!query) return true;
  const { turn, tools } = ctx;
  const { result } = await ctx.collectParts(async () => tools.getProduct.execute!({ idOrHandle: card.id }, toolOptions(turn, 'getProduct')));
  const product = (result as { product?: { title: string; category?: string; tags?: string[]; variants?: { options: Record<string, string> }[] } }).product;
  const own = new Set(
    tokenize([product?.title ?? card.title, product?.category ?? '', ...(product?.tags ?? []), ...(product?.variants ?? []).flatMap((v) => Object.values(v.options))].join(' ')).map(stem),
  );
  const words = tokenize(query).filter((w) => !isStopWord(w) && w.length >= 2);
  if (words.every((w) => own.has(stem(w)))) return true;
  const { parts } = await ctx.collectParts(async () => tools.searchCatalog.execute!({ query }, toolOptions(turn, 'searchCatalog')));
  const ids = cardsOf(parts).map((c) => c.id);
  return ids.length === 0 || ids.includes(card.id);
}

/** The shopper's words as the reply repeats them: a wall of text is cut at a word. */
const echo = (query: string) => (query.length > 80 ? `${query.slice(0, 80).replace(/\s+\S*$/, '')}…` : query);

/** Stems of the shopper's words and their synonyms, to check a product's name carries one. */
const namedStems = (text: string) => new Set(tokenize(text).filter((w) => !isStopWord(w)).flatMap((w) => [w, ...synonymsOf(w)]).map(stem));

/** The product cards among collected data parts. */
const cardsOf = (parts: { type: string; data?: unknown }[]): ProductCard[] =>
  parts.flatMap((p) => (p.type === 'data-products' ? (p.data as AisleDataParts['products']).products : []));
