import { z } from 'zod';

/** Categories the policy gate routes to a person. */
export const HANDOFF_CATEGORIES = [
  'refund',
  'return',
  'exchange',
  'cancellation',
  'order_change',
  'address_change',
  'discount',
  'payment_problem',
  'delivery_problem',
  'damaged_or_wrong_item',
  'complaint',
  'human_request',
  'other',
] as const;
export const HandoffCategory = z.enum(HANDOFF_CATEGORIES);
export type HandoffCategory = z.infer<typeof HandoffCategory>;

export const TicketStatus = z.enum(['open', 'pending', 'resolved']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TICKET_SCHEMA_VERSION = '2026-11-01';

export const Ticket = z.object({
  schemaVersion: z.literal(TICKET_SCHEMA_VERSION),
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
    level: z.enum(['verified', 'guest']),
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
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The `ticket.created` webhook payload (Standard Webhooks envelope). */
export const TicketWebhookPayload = z.object({
  type: z.enum(['ticket.created', 'ticket.updated']),
  timestamp: z.iso.datetime(),
  data: Ticket,
});
