import { z } from 'zod';
import { OrderStage } from './chat';

/** Aisle's own order format for `PUT`/`POST /v1/shops/:shop/orders`. */

const Id = z.string().trim().min(1).max(128);

export const CustomerRecord = z.object({
  id: Id,
  name: z.string().max(200).optional(),
  /** Personal fields are stored for the merchant's agents, never shown in chat. */
  email: z.string().max(320).optional(),
  phone: z.string().max(64).optional(),
});
export type CustomerRecord = z.infer<typeof CustomerRecord>;

export const OrderItem = z.object({
  name: z.string().min(1).max(300),
  quantity: z.number().int().min(1).max(10_000).default(1),
  productId: z.string().max(128).optional(),
  variantId: z.string().max(128).optional(),
  options: z.record(z.string(), z.string()).default({}),
  price: z.number().nonnegative().optional(),
});

export const Fulfilment = z.object({
  carrier: z.string().max(100).optional(),
  trackingNumber: z.string().max(100).optional(),
  trackingUrl: z.url().optional(),
  status: z.enum(['pending', 'shipped', 'in_transit', 'out_for_delivery', 'delivered', 'failed', 'returned']).default('shipped'),
  shippedAt: z.string().optional(),
  estimatedDelivery: z.string().optional(),
  deliveredAt: z.string().optional(),
  itemNames: z.array(z.string()).optional(),
});
export type Fulfilment = z.infer<typeof Fulfilment>;

/**
 * An order's fields without the import's "customer or email" rule: what the merchant's endpoint
 * answers to a guest order check, which it has already matched on the email HMAC (it need not
 * send the email back, and should not).
 */
export const OrderFields = z.object({
  /** The number shoppers see, e.g. "1042" or "#1042". */
  number: Id,
  /** The signed-in customer the order belongs to; absent for a guest checkout (then `email` is needed). */
  customerId: Id.optional(),
  /**
   * The order's email (added in v1.1). Stored only as an HMAC for the guest order check
   * (order number plus email) and, for the one-time code mail, among the private fields.
   */
  email: z.string().trim().max(320).optional(),
  stage: OrderStage,
  /** Raw status from the shop platform, kept for agents. */
  status: z.string().max(60).optional(),
  placedAt: z.string().optional(),
  currency: z.string().optional(),
  total: z.number().nonnegative().optional(),
  items: z.array(OrderItem).min(1).max(500),
  fulfilments: z.array(Fulfilment).max(50).default([]),
  /** Never shown to shoppers; stored for agents and deletion. */
  shippingAddress: z.record(z.string(), z.string()).optional(),
  payment: z.object({ method: z.string().max(60).optional(), last4: z.string().max(4).optional() }).optional(),
});

export const OrderRecord = OrderFields.refine((o) => o.customerId !== undefined || (o.email !== undefined && o.email !== ''), {
  message: 'needs customerId, or email for a guest checkout',
  path: ['customerId'],
});
export type OrderRecord = z.infer<typeof OrderRecord>;
export type OrderInput = z.input<typeof OrderRecord>;

export const OrdersImport = z.object({
  customers: z.array(z.unknown()).max(5000).default([]),
  orders: z.array(z.unknown()).max(5000).default([]),
});
