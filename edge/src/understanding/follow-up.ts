import type { AislePart, ProductCard } from '../../../shared/chat';
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
export function followUpOf(history: readonly HistoryMessage[], analysis: Analysis, productQuery: string | null): FollowUpRef | null {
  const last = [...history].reverse().find((m) => m.role === 'assistant');
  if (!last) return null;
  const q = plainOf(analysis);
  // Words that point back at what was just shown ("it", "this one"), in English and the shopper's
  // language only: in some languages they double as articles.
  const langs = [...new Set(['en', analysis.language].filter((l): l is Lang => (LANGS as readonly string[]).includes(l ?? '')))];
  const refers = hasPhrase(q, 'BACKREF', langs);
  const orders = last.parts.flatMap((p) => (p.type === 'data-order' ? [(p.data as { number: string }).number] : []));
  if (orders.length > 0 && (hasPhrase(q, 'ORDERFOLLOWUP') || (refers && !productQuery))) return { to: 'orders', numbers: orders.slice(0, 3) };
  const card = last.parts.flatMap((p) => (p.type === 'data-products' ? (p.data as { products: ProductCard[] }).products : []))[0];
  if (!card) return null;
  if (hasPhrase(q, 'CHEAPER')) return { to: 'cheaper', card };
  return refers ? { to: 'product', card, option: optionAsked(analysis) } : null;
}
