import { tool } from 'ai';
import { z } from 'zod';
import { toOrderCard } from '../../orders/card';
import { orderSourceFor } from '../../orders/source';
import { recordToolCall, type Turn } from '../../turn';
import { compactOrder, refuseGuest, showOrder, SIGN_IN_REQUIRED } from './get-my-orders';

// Built once per isolate, not per turn: zod schemas are costly to build and never change.
const GetMyOrderInput = z.object({
  orderNumber: z.string().trim().min(1).max(64).describe('The order number exactly as the shopper wrote it; with or without "#".'),
});

/**
 * One order of the signed-in customer by its number. Another customer's order number gives
 * exactly the answer a number that does not exist gives.
 */
export const createGetMyOrderTool = (turn: Turn) =>
  tool({
    description:
      "Look up one of the signed-in shopper's own orders by the order number they gave (e.g. \"#1042\" or \"NW-10042\"): status, carrier, masked tracking, delivery estimate and items. Works only for signed-in shoppers.",
    inputSchema: GetMyOrderInput,
    execute: async (input) =>
      recordToolCall(
        turn,
        'getMyOrder',
        input,
        async () => {
          if (refuseGuest(turn)) return SIGN_IN_REQUIRED;
          const order = await orderSourceFor(turn).getOrder(input.orderNumber);
          if (!order) return { found: false as const, orderNumber: input.orderNumber };
          const card = toOrderCard(order, turn.locale, { trackingLink: turn.identity.level === 'verified' });
          showOrder(turn, card);
          return { found: true as const, order: compactOrder(card) };
        },
        (out) => ('found' in out ? (out.found ? { orders: [out.order.number] } : { orders: [], notFound: true }) : { refused: 'sign_in_required' }),
      ),
  });
