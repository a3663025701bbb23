import { z } from 'zod';
import type { OrderStage } from '../../../shared/chat';
import type { CustomerRecord, Fulfilment, OrderRecord } from '../../../shared/order';
import { OrderRecord as OrderSchema } from '../../../shared/order';

/**
 * WooCommerce order webhooks (order.created / order.updated, REST API v3 order shape) to
 * Aisle's order format. Tracking comes from the Shipment Tracking extension's
 * `_wc_shipment_tracking_items` meta when the shop uses it.
 */

const Str = z.string().nullish();
const Meta = z.object({ key: z.string(), value: z.unknown(), display_key: Str, display_value: z.unknown().optional() });

export const WooOrder = z.object({
  id: z.number().int(),
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  customer_id: z.number().int().nullish(),
  currency: Str,
  total: z.union([z.string(), z.number()]).nullish(),
  date_created: Str,
  date_created_gmt: Str,
  date_modified_gmt: Str,
  date_completed: Str,
  billing: z.object({ first_name: Str, last_name: Str, email: Str, phone: Str }).partial().nullish(),
  shipping: z.record(z.string(), z.unknown()).nullish(),
  payment_method_title: Str,
  line_items: z
    .array(
      z.object({
        name: z.string(),
        quantity: z.number().int().min(1).default(1),
        product_id: z.number().int().nullish(),
        variation_id: z.number().int().nullish(),
        total: z.union([z.string(), z.number()]).nullish(),
        meta_data: z.array(Meta).default([]),
      }),
    )
    .min(1),
  shipping_lines: z.array(z.object({ method_title: Str })).default([]),
  meta_data: z.array(Meta).default([]),
});
export type WooOrder = z.infer<typeof WooOrder>;

const STAGE: Record<string, OrderStage> = {
  pending: 'received',
  'on-hold': 'received',
  'checkout-draft': 'received',
  processing: 'processing',
  // "completed" means the shop has fulfilled it, not that the parcel has arrived.
  completed: 'shipped',
  cancelled: 'cancelled',
  failed: 'cancelled',
  refunded: 'returned',
};

const TrackingItem = z.object({
  tracking_provider: Str,
  custom_tracking_provider: Str,
  tracking_number: Str,
  custom_tracking_link: Str,
  date_shipped: z.union([z.string(), z.number()]).nullish(),
});

const money = (v: string | number | null | undefined) => {
  const n = typeof v === 'number' ? v : v ? Number.parseFloat(v) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

function tracking(o: WooOrder): Fulfilment[] {
  const meta = o.meta_data.find((m) => m.key === '_wc_shipment_tracking_items');
  const items = z.array(TrackingItem).safeParse(meta?.value);
  if (!items.success) return [];
  return items.data
    .filter((t) => t.tracking_number)
    .map((t) => {
      const link = t.custom_tracking_link && /^https?:\/\//.test(t.custom_tracking_link) ? t.custom_tracking_link : undefined;
      const shipped = typeof t.date_shipped === 'number' || /^\d+$/.test(String(t.date_shipped ?? ''))
        ? new Date(Number(t.date_shipped) * 1000).toISOString()
        : undefined;
      const carrier = t.custom_tracking_provider || t.tracking_provider;
      return {
        ...(carrier ? { carrier } : {}),
        trackingNumber: t.tracking_number!,
        ...(link ? { trackingUrl: link } : {}),
        status: 'shipped' as const,
        ...(shipped ? { shippedAt: shipped } : {}),
      };
    });
}

/**
 * customer_id 0 is a guest checkout: stored without a customer and found only by its number plus
 * billing email. Without an email either, `null`: nobody could ever be shown it.
 */
export function mapWooOrder(o: WooOrder): { customer: CustomerRecord | null; order: OrderRecord } | null {
  const email = o.billing?.email || undefined;
  if (!o.customer_id && !email) return null;
  const customerId = o.customer_id ? String(o.customer_id) : null;
  const fulfilments = tracking(o);
  let stage = STAGE[o.status] ?? 'processing';
  if (stage === 'processing' && fulfilments.length) stage = 'shipped';
  const name = [o.billing?.first_name, o.billing?.last_name].filter(Boolean).join(' ');
  const address = o.shipping
    ? Object.fromEntries(Object.entries(o.shipping).filter(([, v]) => typeof v === 'string' && v !== '').map(([k, v]) => [k, String(v)]))
    : undefined;
  const order = OrderSchema.parse({
    number: String(o.number ?? o.id),
    ...(customerId ? { customerId } : {}),
    ...(email ? { email: email.slice(0, 320) } : {}),
    stage,
    status: o.status.slice(0, 60),
    ...((o.date_created_gmt ?? o.date_created) ? { placedAt: o.date_created_gmt ? `${o.date_created_gmt.replace(/Z?$/, 'Z')}` : o.date_created! } : {}),
    ...(o.currency ? { currency: o.currency } : {}),
    ...(money(o.total) !== undefined ? { total: money(o.total) } : {}),
    items: o.line_items.map((li) => ({
      name: li.name,
      quantity: li.quantity,
      ...(li.product_id ? { productId: String(li.product_id) } : {}),
      ...(li.variation_id ? { variantId: String(li.variation_id) } : {}),
      // Visible variation attributes; keys starting with "_" are internal.
      options: Object.fromEntries(
        li.meta_data
          .filter((m) => !m.key.startsWith('_') && (typeof m.value === 'string' || typeof m.display_value === 'string'))
          .map((m) => [String(m.display_key || m.key), String(typeof m.display_value === 'string' ? m.display_value : m.value)]),
      ),
    })),
    fulfilments,
    ...(address && Object.keys(address).length ? { shippingAddress: address } : {}),
    ...(o.payment_method_title ? { payment: { method: o.payment_method_title.slice(0, 60) } } : {}),
  });
  if (!customerId) return { customer: null, order };
  const customer: CustomerRecord = {
    id: customerId,
    ...(name ? { name } : {}),
    ...(o.billing?.email ? { email: o.billing.email } : {}),
    ...(o.billing?.phone ? { phone: o.billing.phone } : {}),
  };
  return { customer, order };
}
