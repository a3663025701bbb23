import { z } from 'zod';
import type { CustomerRecord, Fulfilment, OrderRecord } from '../../../shared/order';
import { OrderRecord as OrderSchema } from '../../../shared/order';
import type { OrderStage } from '../../../shared/chat';

/**
 * Shopify order webhooks (orders/create, orders/updated, orders/fulfilled, orders/cancelled)
 * to Aisle's order format. Only the fields we use are read; unknown fields are ignored.
 */

const IdLike = z.union([z.string(), z.number()]).transform(String);
const Str = z.string().nullish();

const ShopifyFulfillment = z.object({
  status: Str, // pending, open, success, cancelled, error, failure
  shipment_status: Str, // label_printed, label_purchased, attempted_delivery, ready_for_pickup, confirmed, in_transit, out_for_delivery, delivered, failure
  tracking_company: Str,
  tracking_number: Str,
  tracking_url: Str,
  created_at: Str,
  updated_at: Str,
  estimated_delivery_at: Str,
  line_items: z.array(z.object({ title: Str })).nullish(),
});

export const ShopifyOrder = z.object({
  id: IdLike,
  name: Str,
  order_number: z.union([z.number(), z.string()]).nullish(),
  created_at: Str,
  updated_at: Str,
  cancelled_at: Str,
  closed_at: Str,
  currency: Str,
  total_price: z.union([z.string(), z.number()]).nullish(),
  financial_status: Str,
  fulfillment_status: Str,
  email: Str,
  phone: Str,
  customer: z
    .object({ id: IdLike, first_name: Str, last_name: Str, email: Str, phone: Str })
    .nullish(),
  line_items: z
    .array(
      z.object({
        title: z.string(),
        quantity: z.number().int().min(1).default(1),
        variant_title: Str,
        product_id: IdLike.nullish(),
        variant_id: IdLike.nullish(),
        price: z.union([z.string(), z.number()]).nullish(),
      }),
    )
    .min(1),
  fulfillments: z.array(ShopifyFulfillment).default([]),
  shipping_address: z.record(z.string(), z.unknown()).nullish(),
  payment_gateway_names: z.array(z.string()).nullish(),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrder>;

const SHIPMENT_STATUS: Record<string, Fulfilment['status']> = {
  label_printed: 'pending',
  label_purchased: 'pending',
  confirmed: 'shipped',
  in_transit: 'in_transit',
  attempted_delivery: 'out_for_delivery',
  ready_for_pickup: 'out_for_delivery',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  failure: 'failed',
};

const money = (v: string | number | null | undefined) => {
  const n = typeof v === 'number' ? v : v ? Number.parseFloat(v) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

const validUrl = (v: string | null | undefined) => {
  if (!v) return undefined;
  try {
    return new URL(v).protocol.startsWith('http') ? v : undefined;
  } catch {
    return undefined;
  }
};

function stageOf(o: ShopifyOrder, fulfilments: Fulfilment[]): OrderStage {
  if (o.cancelled_at) return 'cancelled';
  if (fulfilments.length && fulfilments.every((f) => f.status === 'delivered')) return 'delivered';
  if (fulfilments.some((f) => f.status === 'out_for_delivery')) return 'out_for_delivery';
  if (fulfilments.some((f) => f.status === 'returned')) return 'returned';
  if (o.fulfillment_status === 'fulfilled' || o.fulfillment_status === 'partial' || fulfilments.some((f) => f.status !== 'pending' && f.status !== 'failed'))
    return 'shipped';
  if (o.financial_status === 'paid' || o.financial_status === 'partially_paid' || o.financial_status === 'authorized') return 'processing';
  return 'received';
}

/**
 * A guest checkout (no `customer`) is stored without a customer, found only by its number plus
 * email; one with neither a customer nor an email is `null`: nobody could ever be shown it.
 */
export function mapShopifyOrder(o: ShopifyOrder): { customer: CustomerRecord | null; order: OrderRecord } | null {
  const email = o.email || o.customer?.email || undefined;
  if (!o.customer && !email) return null;
  const fulfilments: Fulfilment[] = o.fulfillments
    .filter((f) => f.status !== 'cancelled' && f.status !== 'error')
    .map((f) => ({
      ...(f.tracking_company ? { carrier: f.tracking_company } : {}),
      ...(f.tracking_number ? { trackingNumber: f.tracking_number } : {}),
      ...(validUrl(f.tracking_url) ? { trackingUrl: f.tracking_url! } : {}),
      status: (f.status === 'failure' ? 'failed' : (f.shipment_status && SHIPMENT_STATUS[f.shipment_status]) || 'shipped') as Fulfilment['status'],
      ...(f.created_at ? { shippedAt: f.created_at } : {}),
      ...(f.estimated_delivery_at ? { estimatedDelivery: f.estimated_delivery_at } : {}),
      ...(f.shipment_status === 'delivered' && f.updated_at ? { deliveredAt: f.updated_at } : {}),
      ...(f.line_items?.length ? { itemNames: f.line_items.map((i) => i.title ?? '').filter(Boolean) } : {}),
    }));
  const name = [o.customer?.first_name, o.customer?.last_name].filter(Boolean).join(' ');
  const address = o.shipping_address
    ? Object.fromEntries(Object.entries(o.shipping_address).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]))
    : undefined;
  const order = OrderSchema.parse({
    number: o.name || String(o.order_number ?? o.id),
    ...(o.customer ? { customerId: o.customer.id } : {}),
    ...(email ? { email: email.slice(0, 320) } : {}),
    stage: stageOf(o, fulfilments),
    status: (o.cancelled_at ? 'cancelled' : (o.fulfillment_status ?? o.financial_status ?? 'open')).slice(0, 60),
    ...(o.created_at ? { placedAt: o.created_at } : {}),
    ...(o.currency ? { currency: o.currency } : {}),
    ...(money(o.total_price) !== undefined ? { total: money(o.total_price) } : {}),
    items: o.line_items.map((li) => ({
      name: li.title,
      quantity: li.quantity,
      ...(li.product_id ? { productId: li.product_id } : {}),
      ...(li.variant_id ? { variantId: li.variant_id } : {}),
      // Shopify gives the variant as one title ("M / Glacier Blue"), not named options.
      options: li.variant_title && li.variant_title !== 'Default Title' ? { Variant: li.variant_title } : {},
      ...(money(li.price) !== undefined ? { price: money(li.price) } : {}),
    })),
    fulfilments,
    ...(address && Object.keys(address).length ? { shippingAddress: address } : {}),
    ...(o.payment_gateway_names?.length ? { payment: { method: o.payment_gateway_names[0].slice(0, 60) } } : {}),
  });
  if (!o.customer) return { customer: null, order };
  const customer: CustomerRecord = {
    id: o.customer.id,
    ...(name ? { name } : {}),
    ...((o.customer.email ?? o.email) ? { email: (o.customer.email ?? o.email)! } : {}),
    ...((o.customer.phone ?? o.phone) ? { phone: (o.customer.phone ?? o.phone)! } : {}),
  };
  return { customer, order };
}
