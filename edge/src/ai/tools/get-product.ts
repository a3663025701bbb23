import { tool } from 'ai';
import { z } from 'zod';
import { resolveUrl, toProductCard } from '../../catalog/cards';
import { getProduct } from '../../catalog/store';
import { summarizeAvailability } from '../../catalog/store';
import { recordToolCall, type Turn } from '../../turn';

// Built once per isolate, not per turn: zod schemas are costly to build and never change.
const GetProductInput = z.object({
  idOrHandle: z.string().trim().min(1).max(200).describe('The product id from searchCatalog (or its handle, the last part of its URL).'),
});

/** Full facts of one product (all variants, attributes, description) for detailed questions. */
export const createGetProductTool = (turn: Turn) =>
  tool({
    description:
      'Get every fact about one product of this shop: description, attributes (material, weight, fit...), all variants with options, price and stock. Use after searchCatalog, with an id it returned, when the shopper asks about details.',
    inputSchema: GetProductInput,
    execute: async (input) =>
      recordToolCall(
        turn,
        'getProduct',
        input,
        async () => {
          const product = await getProduct(turn.db, turn.shop.id, input.idOrHandle);
          if (!product) {
            turn.evidence.fallbackReason ??= 'no_product_match';
            return { found: false as const, idOrHandle: input.idOrHandle };
          }
          if (!turn.evidence.productIds.includes(product.id)) turn.evidence.productIds.push(product.id);
          turn.emit({ type: 'data-products', data: { products: [toProductCard({ product }, turn.publicOrigin)] } });
          return {
            found: true as const,
            product: {
              id: product.id,
              title: product.title,
              ...(product.vendor ? { vendor: product.vendor } : {}),
              ...(product.category ? { category: product.category } : {}),
              price: product.price,
              currency: product.currency,
              availability: summarizeAvailability(product),
              description: product.description,
              attributes: product.attributes,
              tags: product.tags,
              ...(product.url ? { url: resolveUrl(product.url, turn.publicOrigin) } : {}),
              variants: product.variants.slice(0, 100).map((v) => ({
                id: v.id,
                options: v.options,
                price: v.price ?? product.price,
                availability: v.availability,
              })),
              ...(product.variants.length > 100 ? { moreVariants: product.variants.length - 100 } : {}),
            },
          };
        },
        (out) => ({ products: out.found ? 1 : 0 }),
      ),
  });
