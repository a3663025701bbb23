import { tool } from 'ai';
import { z } from 'zod';
import { findProducts } from '../../catalog/find';
import { recordToolCall, type Turn } from '../../turn';

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
 * Searches the shop's own catalog (a thin adapter over `findProducts`). Shows up to four product cards to the shopper and returns
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
          const { products, cards } = await findProducts(turn.db, turn.shop.id, input, turn.publicOrigin, turn.shop.settings.platform);
          if (products.length === 0) {
            turn.evidence.fallbackReason ??= 'no_product_match';
            return { found: 0, products: [], note: 'No product in this shop matches. Say so; do not suggest products from elsewhere.' };
          }
          for (const p of products) if (!turn.evidence.productIds.includes(p.id)) turn.evidence.productIds.push(p.id);
          turn.emit({ type: 'data-products', data: { products: cards } });
          return { found: products.length, products, shownAsCards: cards.length };
        },
        (out) => ({ products: out.found }),
      ),
  });
