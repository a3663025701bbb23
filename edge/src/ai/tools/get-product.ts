import { tool } from 'ai';
import { z } from 'zod';
import { readProduct } from '../../catalog/find';
import { recordToolCall, type Turn } from '../../turn';

// Built once per isolate, not per turn: zod schemas are costly to build and never change.
const GetProductInput = z.object({
  idOrHandle: z.string().trim().min(1).max(200).describe('The product id from searchCatalog (or its handle, the last part of its URL).'),
});

/** Full facts of one product (a thin adapter over `readProduct`) (all variants, attributes, description) for detailed questions. */
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
          const details = await readProduct(turn.db, turn.shop.id, input.idOrHandle, turn.publicOrigin, turn.shop.settings.platform);
          if (!details) {
            turn.evidence.fallbackReason ??= 'no_product_match';
            return { found: false as const, idOrHandle: input.idOrHandle };
          }
          if (!turn.evidence.productIds.includes(details.product.id)) turn.evidence.productIds.push(details.product.id);
          turn.emit({ type: 'data-products', data: { products: [details.card] } });
          return { found: true as const, product: details.facts };
        },
        (out) => ({ products: out.found ? 1 : 0 }),
      ),
  });
