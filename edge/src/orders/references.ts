import { hasDigit, mergeOrderReferences, type Analysis } from '../language';
import type { OrderRecord } from '../../../shared/order';
import { orderSourceFor, type OrderSourceContext } from './source';

/** How many of the customer's newest orders a reference is compared against (one statement). */
const OWN_LIMIT = 50;

/**
 * The turn's analysis with its order references read the shop's own way: compared against the
 * verified customer's (or the order-verified guest's) own order numbers and their shapes, so
 * "20958", "hg 20958" or "＃２０９５８" find "HG-20958". Only the customer's own numbers are ever
 * returned as found; a number of their shape that is not theirs is kept as typed, and the order
 * tools answer it "not found" exactly like a missing one. One read of the order source, and only
 * when the message holds a digit; if that read fails, the references stay as typed.
 */
export async function withOwnOrderReferences(ctx: OrderSourceContext, analysis: Analysis): Promise<{ analysis: Analysis; orders: OrderRecord[] }> {
  const level = ctx.identity.level;
  // A digit may be a reference; a word for an order or a parcel may name an item of one ("my hose reel order").
  const worth = hasDigit(analysis.text) || analysis.has('ORDER') || analysis.has('PARCEL');
  if ((level !== 'verified' && level !== 'order_verified_guest') || !worth) return { analysis, orders: [] };
  let orders: OrderRecord[];
  try {
    orders = await orderSourceFor(ctx).listOrders(OWN_LIMIT);
  } catch {
    return { analysis, orders: [] };
  }
  if (!hasDigit(analysis.text)) return { analysis, orders };
  const merged = mergeOrderReferences(
    analysis.orderNumbers,
    analysis.text,
    orders.map((o) => o.number),
  );
  const same = merged.length === analysis.orderNumbers.length && merged.every((n, i) => n === analysis.orderNumbers[i]);
  return { analysis: same ? analysis : analysis.withOrderNumbers(merged), orders };
}
