import { tool } from 'ai';
import { z } from 'zod';
import type { OrderCard } from '../../../../shared/chat';
import { isActiveStage, toOrderCard } from '../../orders/card';
import { orderSourceFor } from '../../orders/source';
import { recordToolCall, type Turn } from '../../turn';

/** What the model reads about an order: the card's facts, nothing personal. */
export const compactOrder = (card: OrderCard) => ({
  number: card.number,
  status: card.status,
  stage: card.stage,
  ...(card.carrier ? { carrier: card.carrier } : {}),
  ...(card.trackingMasked ? { trackingEnding: card.trackingMasked.replace(/•/g, '') } : {}),
  ...(card.estimatedDelivery ? { estimatedDelivery: card.estimatedDelivery } : {}),
  ...(card.placedAt ? { placedAt: card.placedAt } : {}),
  items: card.items.map((i) => `${i.quantity} × ${i.name}${i.options ? ` (${i.options})` : ''}`),
});

export const SIGN_IN_REQUIRED = { error: 'sign_in_required' as const, message: 'The shopper is not signed in; order details need a signed-in customer.' };

/** True when the turn may read orders; otherwise records the refusal in the evidence. */
export function refuseGuest(turn: Turn): boolean {
  // An order-verified guest reads through a source that holds their one order only.
  if (turn.identity.level === 'verified' || turn.identity.level === 'order_verified_guest') return false;
  turn.evidence.fallbackReason = 'permission_refused';
  return true;
}

export function showOrder(turn: Turn, card: OrderCard) {
  turn.emit({ type: 'data-order', data: card });
  turn.evidence.orders.push(card);
}

// Built once per isolate, not per turn: zod schemas are costly to build and never change.
const GetMyOrdersInput = z.object({
  limit: z.number().int().min(1).max(20).optional().describe('How many recent orders to return, newest first (default 5).'),
});

/**
 * Lists the signed-in customer's recent orders. It takes no customer argument at all: the
 * customer is the one the token verified for this turn.
 */
export const createGetMyOrdersTool = (turn: Turn) =>
  tool({
    description:
      "List the signed-in shopper's own recent orders with their status, carrier and delivery estimate. Use it when the shopper asks about their order without giving an order number. Works only for signed-in shoppers.",
    inputSchema: GetMyOrdersInput,
    execute: async (input) =>
      recordToolCall(
        turn,
        'getMyOrders',
        input,
        async () => {
          if (refuseGuest(turn)) return SIGN_IN_REQUIRED;
          const orders = await orderSourceFor(turn).listOrders(input.limit ?? 5);
          const cards = orders.map((o) => toOrderCard(o, turn.locale, { trackingLink: turn.identity.level === 'verified' }));
          const active = cards.filter((c) => isActiveStage(c.stage));
          // Several parcels on their way and no number named: show them and let the shopper pick.
          const ambiguous = active.length > 1;
          if (ambiguous) turn.evidence.fallbackReason = 'ambiguous_order';
          for (const card of cards) showOrder(turn, card);
          return { orders: cards.map(compactOrder), activeCount: active.length, ...(ambiguous ? { ambiguous: true } : {}) };
        },
        (out) => ('orders' in out ? { orders: out.orders.map((o) => o.number) } : { refused: 'sign_in_required' }),
      ),
  });
