import type { Locale, OrderCard } from '../../../shared/chat';
import { toOrderCard } from './card';
import { orderSourceFor, type OrderSourceContext } from './source';

/** A reader of orders: only a verified customer, or an order-verified guest (their one order). */
export const mayReadOrders = (ctx: Pick<OrderSourceContext, 'identity'>) => ctx.identity.level === 'verified' || ctx.identity.level === 'order_verified_guest';

const cardOf = (ctx: OrderSourceContext, locale: Locale) => (o: Parameters<typeof toOrderCard>[0]) =>
  toOrderCard(o, locale, { trackingLink: ctx.identity.level === 'verified' });

/**
 * The customer's own orders as cards, newest first; `null` for a guest (nobody to read for).
 * A query: no side effects; the customer is the verified identity, never an argument.
 */
export async function readOwnOrders(ctx: OrderSourceContext, locale: Locale, limit = 5): Promise<OrderCard[] | null> {
  if (!mayReadOrders(ctx)) return null;
  return (await orderSourceFor(ctx).listOrders(limit)).map(cardOf(ctx, locale));
}

/** One of the customer's own orders by any spelling of its number; `undefined` when it is not theirs (or does not exist), `null` for a guest. */
export async function readOwnOrder(ctx: OrderSourceContext, locale: Locale, number: string): Promise<OrderCard | undefined | null> {
  if (!mayReadOrders(ctx)) return null;
  const order = await orderSourceFor(ctx).getOrder(number);
  return order ? cardOf(ctx, locale)(order) : undefined;
}
