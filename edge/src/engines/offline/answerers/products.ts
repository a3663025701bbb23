import type { ProductCard } from '../../../../../shared/chat';
import { findProducts, readProduct, type FoundProducts } from '../../../catalog/find';
import { withoutPriceBounds } from '../../../catalog/search';
import { compoundParts, isStopWord, stem, synonymsOf, tokenize } from '../../../catalog/text';
import type { StepOf } from '../../../understanding';
import type { EngineContext } from '../../types';
import { optionValues, productFact, detailAsked } from '../excerpt';
import { availabilityText, formatPrice, suggestionsFor, t } from '../templates';
import { productsPart, query, sent, type Query } from './send';

export interface ProductAnswer {
  /** Say nothing when nothing is found (a probe). */
  quiet?: boolean;
  /** A follow-up about one product keeps its card. */
  pin?: string;
  /** "anything cheaper?" leaves the product shown out. */
  exclude?: string;
  maxPrice?: number;
  minPrice?: number;
  /** An option asked about the pinned product ("does it come in pink?"). */
  askedOption?: string;
  /** What the reply says before the cards (else `productsFound`). */
  intro?: string;
  /** Only these results count as an answer (else the answerer declines). */
  accept?: (cards: ProductCard[]) => boolean;
}

/** The plan's product search: a catalog search, its cards, and what the cards do not show (options, a fact asked). */
export async function answerProductSearch(ctx: EngineContext, step: StepOf<'product_search'>): Promise<'product' | null> {
  const { turn } = ctx;
  if (step.probe === 'named' || step.probe === 'apart') {
    // Only products named by the shopper's own words (or synonyms), not a typo correction:
    // "do you have a store in Berlin?" must not become a "Stone Grey" jacket. A request apart
    // is named by its own words, not by the order question beside it.
    const named = namedStems(step.probe === 'apart' ? step.query : turn.text);
    const accept = (cards: ProductCard[]) => cards.some((c) => tokenize(c.title).some((w) => named.has(stem(w))));
    return (await answerProducts(ctx, step.query, { quiet: true, accept })) ? 'product' : null;
  }
  if (step.probe === 'any') return (await answerProducts(ctx, step.query, { quiet: true })) ? 'product' : null;
  await answerProducts(ctx, step.query);
  return 'product';
}

/** A catalog search; one that finds nothing marks the turn as a catalog gap (metrics), shown or not. */
async function search(ctx: EngineContext, input: { query: string; maxPrice?: number; minPrice?: number }) {
  const q = await query<FoundProducts>(ctx, 'searchCatalog', input, () => findProducts(ctx.turn.db, ctx.turn.shop.id, input, ctx.turn.publicOrigin, ctx.turn.shop.settings.platform));
  if (q.output.hits.length === 0) ctx.turn.evidence.fallbackReason ??= 'no_product_match';
  return q;
}

/**
 * Searches the catalog and answers with its cards. Returns whether products were shown. The text
 * never repeats the shopper's words back nor what the cards show (title, price, stock): it says
 * only what they do not, a price range with nothing in it, the options asked about, a fact asked.
 */
export async function answerProducts(ctx: EngineContext, text: string, opts: ProductAnswer = {}): Promise<boolean> {
  const { turn, out } = ctx;
  const L = turn.locale;
  const bounds = { ...(opts.maxPrice !== undefined ? { maxPrice: opts.maxPrice } : {}), ...(opts.minPrice !== undefined ? { minPrice: opts.minPrice } : {}) };
  const found = await search(ctx, { query: text, ...bounds });
  // A follow-up about one product keeps its card; "anything cheaper?" leaves it out.
  const keep = (c: ProductCard) => (!opts.pin || c.id === opts.pin) && c.id !== opts.exclude;
  const kept = found.output.cards.filter(keep);
  const cards = kept.length > 0 || !opts.pin ? kept : found.output.cards;
  if (opts.accept && cards.length > 0 && !opts.accept(cards)) return false;
  // "wireless headphones under $200" found only other wireless things in range, while the
  // headphones cost more: say nothing matching is in range and show what matches.
  const unbounded = opts.intro || opts.quiet ? null : withoutPriceBounds(text);
  if (unbounded && cards.length > 0) {
    const named = namedStems(unbounded);
    const fit = (f: FoundProducts) => Math.max(0, ...f.products.map((p) => new Set(tokenize(`${p.title} ${p.category ?? ''}`).map(stem).filter((w) => named.has(w))).size));
    const wider = await search(ctx, { query: unbounded });
    if (fit(wider.output) > fit(found.output)) return answerProducts(ctx, unbounded, { ...opts, intro: t(L, 'outOfRange') });
  }
  if (cards.length === 0) {
    // "sofas under $1000" and every sofa costs more: say so, and show the sofas.
    if (unbounded && (await answerProducts(ctx, unbounded, { ...opts, quiet: true, intro: t(L, 'outOfRange') }))) return true;
    if (!opts.quiet) {
      await sent(ctx, found, { found: 0, products: [] }, { products: 0 });
      out.line(t(L, 'noProducts'));
      out.data({ type: 'data-suggestions', data: { suggestions: [suggestionsFor(L)[3]] } });
    }
    return false;
  }
  const facts = found.output.products.filter((p) => cards.some((c) => c.id === p.id));
  const part = await productsPart(ctx, found, cards, facts);
  out.line(opts.intro ?? t(L, 'productsFound'));
  const top = cards[0];
  if (opts.pin) {
    // A question about the product just shown ("is it in stock?", "does it come in pink?") is
    // answered in words: the variant that answers it, that there is none, or its price and stock.
    const v = top.variant;
    if (v) out.line(t(L, 'variantMatch', { title: `**${top.title}**`, options: Object.values(v.options).join(' / '), availability: availabilityText(L, v.availability), price: formatPrice(L, v.price, top.currency) }));
    else if (opts.askedOption) out.line(t(L, 'noVariant', { title: `**${top.title}**`, options: opts.askedOption }));
    else out.line(`**${top.title}**: ${formatPrice(L, top.price, top.currency)}, ${availabilityText(L, top.availability)}.`);
  } else if (top.variant) {
    // "the jacket in navy?": the one variant asked for, in words; the cards show the rest.
    const v = top.variant;
    out.line(t(L, 'variantMatch', { title: `**${top.title}**`, options: Object.values(v.options).join(' / '), availability: availabilityText(L, v.availability), price: formatPrice(L, v.price, top.currency) }));
  }
  // A detail question about the product it names ("how heavy is ..."): answer from its own facts.
  // (Not when the question was about a variant: the variant answers it.) Only when the search
  // pins the product down (one or two matches), not for a browse like "rain jackets".
  if (!top.variant && cards.length <= 2 && !opts.askedOption) await answerDetail(ctx, top);
  out.data(part);
  return true;
}

/** The options ("which colours?") or the one fact ("is it waterproof?") a question asks about a product, from its own data. */
async function answerDetail(ctx: EngineContext, top: ProductCard) {
  const { turn, out } = ctx;
  const L = turn.locale;
  const details = await query(ctx, 'getProduct', { idOrHandle: top.id }, () => readProduct(turn.db, turn.shop.id, top.id, turn.publicOrigin, turn.shop.settings.platform));
  const facts = details.output?.facts;
  if (!facts) return;
  const choices = optionValues(facts, turn.text);
  const fact = choices.length === 0 ? productFact(facts, turn.text) : null;
  const unknown = choices.length === 0 && !fact && detailAsked(facts, turn.text).length > 0;
  if (choices.length > 0 || fact) await sent(ctx, details as Query<unknown>, { found: true, product: facts }, { products: 1 });
  for (const { option, values } of choices) {
    const soldOut = availabilityText(L, 'out_of_stock');
    const list = values.map((v) => (v.available ? v.value : `${v.value} (${soldOut})`)).join(', ');
    (turn.evidence.quotedFacts ??= []).push(`${top.title}: ${option}: ${values.map((v) => v.value).join(', ')}`);
    out.line(t(L, 'optionValues', { title: `**${top.title}**`, option, values: list }));
  }
  if (fact) {
    (turn.evidence.quotedFacts ??= []).push(`${top.title}: ${fact}`);
    out.line(`**${top.title}**: ${fact}`);
  } else if (unknown) {
    // "Is the e-reader waterproof?" and the catalog does not say: say so rather than imply it.
    out.line(t(L, 'noFact', { title: `**${top.title}**` }));
  }
}

/**
 * Whether "it" really means the product just shown: "does it come in blue?" names one of its
 * options, but "is it possible to get a tent?" names another product, found by a search of its own.
 * Reads only; nothing is sent.
 */
export async function staysOn(ctx: EngineContext, card: ProductCard, productQuery: string | null): Promise<boolean> {
  if (!productQuery) return true;
  const { turn } = ctx;
  const details = await readProduct(turn.db, turn.shop.id, card.id, turn.publicOrigin, turn.shop.settings.platform);
  const product = details?.facts;
  const own = new Set(
    tokenize([product?.title ?? card.title, product?.category ?? '', ...(product?.tags ?? []), ...(product?.variants ?? []).flatMap((v) => Object.values(v.options))].join(' ')).map(stem),
  );
  const words = tokenize(productQuery).filter((w) => !isStopWord(w) && w.length >= 2);
  if (words.every((w) => own.has(stem(w)))) return true;
  const ids = (await findProducts(turn.db, turn.shop.id, { query: productQuery }, turn.publicOrigin, turn.shop.settings.platform)).cards.map((c) => c.id);
  return ids.length === 0 || ids.includes(card.id);
}

/** Stems of the shopper's words, their synonyms and the parts of their compounds ("Daunenjacke"), to check a product's name carries one. */
export const namedStems = (text: string) =>
  new Set(
    tokenize(text)
      .filter((w) => !isStopWord(w))
      .flatMap((w) => [w, ...synonymsOf(w), ...(compoundParts(w) ?? []).flatMap(({ part, others }) => [part, ...others])])
      .flatMap((w) => (w.includes(' ') ? tokenize(w) : [w]))
      .map(stem),
  );
