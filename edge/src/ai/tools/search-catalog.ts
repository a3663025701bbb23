import { tool } from 'ai';
import { z } from 'zod';
import { resolveUrl, toProductCard } from '../../catalog/cards';
import { searchCatalog } from '../../catalog/search';
import { summarizeAvailability } from '../../catalog/store';
import { recordToolCall, type Turn } from '../../turn';

const CARDS_SHOWN = 4;

/** First sentence-ish of a description, for the model; the full text is behind getProduct. */
export const shortDescription = (text: string, max = 200) => {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const end = clean.lastIndexOf('. ', max);
  return end > 60 ? clean.slice(0, end + 1) : clean.slice(0, max) + '…';
};

// Built once per isolate, not per turn: zod schemas are costly to build and never change.
const SearchCatalogInput = z.object({
  query: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .describe('What the shopper is looking for, in their words: product type, name, colour, size, use, e.g. "blue rain jacket size M".'),
  inStock: z.boolean().optional().describe('true to return only products that can be bought now.'),
  minPrice: z.number().nonnegative().optional().describe("Lowest price wanted, in the shop's currency."),
  maxPrice: z.number().nonnegative().optional().describe("Highest price wanted, in the shop's currency."),
  category: z.string().max(200).optional().describe('A category name the shop uses, only when the shopper named one.'),
});

/**
 * Searches the shop's own catalog. Shows up to four product cards to the shopper and returns
 * compact facts for the model; an empty result is recorded so the reply can say so honestly.
 */
export const createSearchCatalogTool = (turn: Turn) =>
  tool({
    description:
      "Search this shop's product catalog. Use for any question about products, prices, stock, colours or sizes. Typos and common synonyms are handled. Returns the best matches (with the variant that matches a named colour or size) and shows them to the shopper as cards. Never describe a product that is not in the result.",
    inputSchema: SearchCatalogInput,
    execute: async (input) =>
      recordToolCall(
        turn,
        'searchCatalog',
        input,
        async () => {
          const hits = await searchCatalog(turn.db, turn.shop.id, { ...input, limit: 8 });
          if (hits.length === 0) {
            turn.evidence.fallbackReason ??= 'no_product_match';
            return { found: 0, products: [], note: 'No product in this shop matches. Say so; do not suggest products from elsewhere.' };
          }
          const shown = hits.slice(0, CARDS_SHOWN);
          const cards = shown.map((h) => toProductCard(h, turn.publicOrigin));
          for (const h of hits) if (!turn.evidence.productIds.includes(h.product.id)) turn.evidence.productIds.push(h.product.id);
          turn.emit({ type: 'data-products', data: { products: cards } });
          return {
            found: hits.length,
            products: hits.map((h) => ({
              id: h.product.id,
              title: h.product.title,
              ...(h.product.category ? { category: h.product.category } : {}),
              price: h.variant?.price ?? h.product.price,
              currency: h.product.currency,
              availability: h.variant?.availability ?? summarizeAvailability(h.product),
              ...(h.variant ? { matchedVariant: { id: h.variant.id, options: h.variant.options, availability: h.variant.availability } } : {}),
              description: shortDescription(h.product.description),
              ...(h.product.url ? { url: resolveUrl(h.product.url, turn.publicOrigin) } : {}),
            })),
            shownAsCards: cards.length,
          };
        },
        (out) => ({ products: out.found }),
      ),
  });
