import type { AislePart, ProductCard } from '../../../shared/chat';
import type { Product, Variant } from '../../../shared/catalog';
import { findPhrase, hasPhrase, isNotOption, LANGS, searchWords, type Analysis, type Lang } from '../language';
import type { FollowUpRef } from './plan';

/** The search words of the message, one space apart: what the phrase entries are written against. */
export const plainOf = (analysis: Analysis) => searchWords(analysis.text).join(' ');

/** A stored message as the plan reads it: who wrote it and its parts. */
export interface HistoryMessage {
  role: string;
  parts: readonly AislePart[];
}

/** "does it come in pink?", "do you have it in XL?": an option of the product just shown ("is it in stock?" is not one). */
export function optionAsked(analysis: Analysis): string | undefined {
  const asked = findPhrase(plainOf(analysis), 'OPTIONASK')?.join(' ');
  return asked && !isNotOption(asked.split(' ')[0]) ? asked : undefined;
}

/**
 * Whether a message is about what the previous reply showed, and what that was: its order cards
 * ("when will it arrive?") or its first product ("is it in stock?", "anything cheaper?"). Only the
 * stored history of this conversation is read; for orders it belongs to the same verified customer.
 */
export function followUpOf(
  history: readonly HistoryMessage[],
  analysis: Analysis,
  productQuery: string | null,
  page?: PageProduct,
  /** The message asks where or when and names nothing ("quando arrivano?", "und wann kommen sie?"): under order cards, about them. */
  asksOnlyStatus = false,
): FollowUpRef | null {
  const last = [...history].reverse().find((m) => m.role === 'assistant');
  const q = plainOf(analysis);
  // Words that point back at what was just shown ("it", "this one"), in English and the shopper's
  // language only (and the page's): in some languages they double as articles.
  const langs = [...new Set(['en', analysis.language, page?.locale].filter((l): l is Lang => (LANGS as readonly string[]).includes(l ?? '')))];
  const refers = hasPhrase(q, 'BACKREF', langs);
  // The product page the shopper is on: "do you have this in M?" asks about it when nothing was
  // shown yet, or when they came to this page since their last message.
  if (page && (!last || page.arrived)) {
    if (hasPhrase(q, 'CHEAPER')) return { to: 'cheaper', card: page.card };
    return refers || optionAsked(analysis) || pageOptionsNamed(page, analysis).length > 0 ? pageRef(page, analysis) : null;
  }
  if (!last) return null;
  const orders = lastReplyOrders(history);
  if (orders.length > 0 && (hasPhrase(q, 'ORDERFOLLOWUP') || asksOnlyStatus || (refers && !productQuery))) return { to: 'orders', numbers: orders.slice(0, 3) };
  const shown = last.parts.flatMap((p) => (p.type === 'data-products' ? (p.data as { products: ProductCard[] }).products : []))[0];
  const card = shown ?? page?.card;
  if (!card) return null;
  const onPage = !shown && page !== undefined;
  if (onPage && !refers && optionAsked(analysis)) return pageRef(page, analysis);
  if (hasPhrase(q, 'CHEAPER')) return { to: 'cheaper', card };
  if (!refers) return null;
  return onPage ? pageRef(page, analysis) : { to: 'product', card, option: optionAsked(analysis) };
}

/** The order numbers the last reply showed as cards, if any. */
export function lastReplyOrders(history: readonly HistoryMessage[]): string[] {
  const last = [...history].reverse().find((m) => m.role === 'assistant');
  return (last?.parts ?? []).flatMap((p) => (p.type === 'data-order' ? [(p.data as { number: string }).number] : []));
}

/** The product of the shopper's page, as the catalog has it (edge/src/context), for "this" and "it". */
export interface PageProduct {
  card: ProductCard;
  product: Product;
  variant?: Variant;
  /** The shopper came to this page since their previous message. */
  arrived: boolean;
  /** The widget's language: a short message is easily detected as another. */
  locale?: string;
}

/**
 * Option values of the page's product that the message names, as the catalog writes them. A
 * one-letter value ("M", "L") counts only typed as it is (a capital), since letters stand alone in
 * elisions ("l'avez").
 */
export function pageOptionsNamed(page: PageProduct | undefined, analysis: Analysis): string[] {
  if (!page) return [];
  const words = ` ${analysis.tokens.map((t) => t.norm).join(' ')} `;
  const values = [...new Set(page.product.variants.flatMap((v) => Object.values(v.options)))];
  return values.filter((v) => (v.length === 1 ? analysis.tokens.some((t) => t.raw === v) : words.includes(` ${searchWords(v).join(' ')} `)));
}

function pageRef(page: PageProduct, analysis: Analysis): FollowUpRef {
  const named = pageOptionsNamed(page, analysis);
  const option = optionAsked(analysis) ?? (named.length > 0 ? searchWords(named.join(' ')).join(' ') : undefined);
  return { to: 'product', card: page.card, option, page: { named, kept: page.variant ? keptOptions(page.product, page.variant, option) : [] } };
}

/**
 * The page variant's option values other than the one asked about: "M" is a size, so the chosen
 * colour stays. Nothing when the question names no option value of the product.
 */
function keptOptions(product: Product, chosen: Variant, asked: string | undefined): string[] {
  if (!asked) return [];
  const words = asked.split(' ');
  const key = Object.keys(chosen.options).find((k) => product.variants.some((v) => v.options[k] && words.includes(searchWords(v.options[k]!).join(' '))));
  return key ? Object.entries(chosen.options).flatMap(([k, v]) => (k === key ? [] : [v])) : [];
}
