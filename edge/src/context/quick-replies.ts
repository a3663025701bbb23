import type { AisleDataParts } from '../../../shared/chat';
import { getProduct } from '../catalog/store';
import { onTopic, plainWords } from '../engines/offline/excerpt';
import { suggestionsFor } from '../engines/offline/templates';
import type { EngineContext } from '../engines/types';
import { fill, hasPhrase, wordingOf } from '../language';
import { searchPolicies } from '../policies/search';

const AVAILABLE = new Set(['in_stock', 'low_stock', 'preorder']);

/**
 * Quick replies (the `data-suggestions` part) after a reply that showed products, chosen from
 * what the shop's data holds, so each one leads to an answer: "other colours" of the first product
 * only when more than one of its colours is in stock, "size guide" only when the shop has a sizing
 * passage that the question would find, and "talk to a person" always. Wording: the pack's
 * `reply.quickReplies`. Sent once, after the reply, and only when the engine sent none.
 */
export async function sendQuickReplies(ctx: EngineContext): Promise<void> {
  const { out, turn } = ctx;
  if (out.parts.some((p) => p.type === 'data-suggestions')) return;
  const card = out.parts.flatMap((p) => (p.type === 'data-products' ? (p.data as AisleDataParts['products']).products : []))[0];
  if (!card) return;
  const L = turn.locale;
  const words = wordingOf(L).quickReplies;
  const product = await getProduct(turn.db, turn.shop.id, card.id);
  const replies: string[] = [];
  if (product) {
    const keys = [...new Set(product.variants.flatMap((v) => Object.keys(v.options)))];
    const colour = keys.find((k) => hasPhrase(plainWords(k), 'ASKSCOLOUR'));
    const inStock = new Set(product.variants.filter((v) => colour && v.options[colour] && AVAILABLE.has(v.availability)).map((v) => v.options[colour!]));
    if (inStock.size > 1) replies.push(fill(words.otherColours, { title: product.title }));
    const sized = keys.some((k) => hasPhrase(plainWords(k), 'ASKSSIZE'));
    if (sized && (await hasSizeGuide(turn.db, turn.shop.id, words.sizeGuide))) replies.push(words.sizeGuide);
  }
  replies.push(suggestionsFor(L)[3]);
  out.data({ type: 'data-suggestions', data: { suggestions: replies } });
}

/**
 * Whether the question "size guide" (in the shopper's language) finds a sizing passage of the
 * shop's policies: the same answer turn after turn, so it is kept per shop and wording for a
 * minute, as the shop's vocabulary is (`shop-context.ts`), instead of a policy search (four D1
 * statements and the ranking) on every product turn.
 */
const SIZE_GUIDE_TTL_MS = 60_000;
const sizeGuides = new Map<string, { at: number; found: boolean }>();
async function hasSizeGuide(db: D1Database, shopId: string, question: string): Promise<boolean> {
  const key = `${shopId}\u0000${question}`;
  const known = sizeGuides.get(key);
  if (known && Date.now() - known.at < SIZE_GUIDE_TTL_MS) return known.found;
  const found = onTopic(await searchPolicies(db, shopId, question), ['sizing']).length > 0;
  if (sizeGuides.size > 1000) sizeGuides.clear();
  sizeGuides.set(key, { at: Date.now(), found });
  return found;
}
