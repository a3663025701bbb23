import { z } from 'zod';
import { REFERENCE_ALPHABET, REFERENCE_PATTERN } from './chat';

import { HANDOFF_CATEGORIES } from './handoff-categories';

export { HANDOFF_CATEGORIES };
export const HandoffCategory = z.enum(HANDOFF_CATEGORIES);
export type HandoffCategory = z.infer<typeof HandoffCategory>;

export const TicketStatus = z.enum(['open', 'pending', 'resolved']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** The first ticket schema; tickets stored then are upgraded when read (see `upgradeTicket`). */
export const TICKET_SCHEMA_VERSION_V1 = '2026-11-01';
/**
 * Added in v1.1, one bump for the whole wave: `reference`, `order`, `details` and the customer
 * level `order_verified_guest`.
 */
export const TICKET_SCHEMA_VERSION = '2026-12-01';

/** How sure we are who the customer is: a signed token, an order number + email check, or nothing. */
export const CustomerLevel = z.enum(['verified', 'order_verified_guest', 'guest']);
export type CustomerLevel = z.infer<typeof CustomerLevel>;

/** A detail collected for the agent (the item, the photo's description, the preferred fix...). */
export const CollectedDetail = z.object({
  key: z.string().min(1).max(64),
  label: z.string().max(120),
  value: z.string().max(1000),
});
export type CollectedDetail = z.infer<typeof CollectedDetail>;

export const Ticket = z.object({
  schemaVersion: z.literal(TICKET_SCHEMA_VERSION),
  /** Added in 2026-12-01: the short reference people quote (`XXXX-XXXX`), unique per shop. A label, never a credential. */
  reference: z.string().regex(REFERENCE_PATTERN),
  /** Added in 2026-12-01: the order number the request is about, when one is known. */
  order: z.string().nullable(),
  /** Added in 2026-12-01: details collected from the shopper for the agent. */
  details: z.array(CollectedDetail).max(20),
  id: z.string().regex(/^tkt_[A-Za-z0-9]+$/),
  shop: z.string(),
  conversationId: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  status: TicketStatus,
  assignee: z.string().nullable(),
  category: HandoffCategory,
  /** Every category the gate found in the request; `category` is the primary one. */
  categories: z.array(HandoffCategory).min(1),
  customer: z.object({
    level: CustomerLevel,
    id: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
  }),
  requestedAction: z.string().max(300),
  orders: z.array(
    z.object({
      number: z.string(),
      status: z.string(),
      stage: z.string(),
      items: z.array(z.object({ name: z.string(), quantity: z.number().int(), options: z.string().optional() })),
    }),
  ),
  policyPassages: z.array(z.object({ documentId: z.string(), passageId: z.string(), title: z.string(), text: z.string() })),
  summary: z.string(),
  latestMessage: z.string(),
  toldShopper: z.string(),
  /** A draft for the agent. Never sent to the shopper by itself. */
  suggestedReply: z.string(),
  language: z.string(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  riskFlags: z.array(z.string()),
  source: z.enum(['policy_gate', 'promise_guard', 'model', 'failure', 'shopper']),
});
export type Ticket = z.infer<typeof Ticket>;

export const TicketUpdate = z.strictObject({
  status: TicketStatus.optional(),
  assignee: z.string().min(1).max(200).nullable().optional(),
});

export const TicketListQuery = z.object({
  status: TicketStatus.optional(),
  category: HandoffCategory.optional(),
  since: z.iso.datetime().optional(),
  /** Added in v1.1: the short reference as a person typed it (case, dashes and look-alikes forgiven). */
  reference: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The `ticket.created` webhook payload (Standard Webhooks envelope). */
export const TicketWebhookPayload = z.object({
  type: z.enum(['ticket.created', 'ticket.updated']),
  timestamp: z.iso.datetime(),
  data: Ticket,
});

/**
 * Webhook event types. An endpoint receives the types it subscribed to; `ticket.*` (both ticket
 * events) is the default. Added in v1.1 (opt-in per endpoint): `message.created`, `csat.submitted`.
 */
export const WEBHOOK_EVENT_TYPES = ['ticket.created', 'ticket.updated', 'message.created', 'csat.submitted'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WebhookEventSelector = z.enum([...WEBHOOK_EVENT_TYPES, 'ticket.*']);
export type WebhookEventSelector = z.infer<typeof WebhookEventSelector>;
export const DEFAULT_WEBHOOK_EVENTS: WebhookEventType[] = ['ticket.created', 'ticket.updated'];

/** True when an endpoint subscribed with `selectors` gets events of `type`. */
export const subscribesTo = (selectors: readonly string[], type: string) =>
  selectors.includes(type) || (type.startsWith('ticket.') && selectors.includes('ticket.*'));

/** Added in v1.1: `message.created`, a message stored in a conversation that has a ticket. */
export const MessageWebhookPayload = z.object({
  type: z.literal('message.created'),
  timestamp: z.iso.datetime(),
  data: z.object({
    shop: z.string(),
    conversationId: z.string(),
    ticketId: z.string().nullable(),
    reference: z.string().nullable(),
    message: z.object({
      id: z.string(),
      role: z.enum(['user', 'assistant']),
      text: z.string(),
      author: z.object({ kind: z.enum(['assistant', 'person', 'shopper']), name: z.string().optional() }),
      createdAt: z.iso.datetime(),
    }),
  }),
});

/** Added in v1.1: `csat.submitted`, a shopper's rating. */
export const CsatWebhookPayload = z.object({
  type: z.literal('csat.submitted'),
  timestamp: z.iso.datetime(),
  data: z.object({
    shop: z.string(),
    conversationId: z.string(),
    ticketId: z.string().nullable(),
    reference: z.string().nullable(),
    rating: z.number().int().min(1).max(5),
    comment: z.string().nullable(),
    submittedAt: z.iso.datetime(),
  }),
});

export const WebhookPayload = z.discriminatedUnion('type', [TicketWebhookPayload, MessageWebhookPayload, CsatWebhookPayload]);
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/**
 * Brings a stored ticket to the current schema. Tickets written under 2026-11-01 gain the
 * reference their row was given by migration 0006, `order` (their first order, if any) and no details.
 */
export function upgradeTicket(stored: Record<string, unknown>, reference: string): Ticket {
  if (stored.schemaVersion === TICKET_SCHEMA_VERSION) return stored as unknown as Ticket;
  const orders = (stored.orders as { number: string }[] | undefined) ?? [];
  return { ...(stored as unknown as Ticket), schemaVersion: TICKET_SCHEMA_VERSION, reference, order: orders[0]?.number ?? null, details: [] };
}

/**
 * A reference as typed by a person, in the stored form: upper case, Crockford's look-alikes
 * mapped (O -> 0, I and L -> 1), spaces and dashes dropped then one dash in the middle.
 * Returns null when it cannot be a reference.
 */
export function normalizeReference(input: string): string | null {
  const flat = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (flat.length !== 8 || [...flat].some((ch) => !REFERENCE_ALPHABET.includes(ch))) return null;
  return `${flat.slice(0, 4)}-${flat.slice(4)}`;
}
