import { z } from 'zod';
import { HandoffCategory, TicketStatus } from './ticket';

/**
 * The agent workspace's contract (added in v1.1, issue 16): agent messages, ticket changes with
 * versions, notes, the inbox query and the live channel's subscribe tickets.
 */

export const MAX_AGENT_MESSAGE_CHARS = 4000;

/** `POST /v1/shops/:shop/tickets/:id/messages`: a person writes to the shopper in the chat. */
export const AgentMessageRequest = z.strictObject({
  text: z
    .string()
    .max(MAX_AGENT_MESSAGE_CHARS)
    .refine((t) => t.trim().length > 0, 'must not be empty'),
});
export type AgentMessageRequest = z.infer<typeof AgentMessageRequest>;

/** `PATCH /v1/shops/:shop/tickets/:id` (send `If-Match: <ETag>`; a stale one is a 412). */
export const TicketChangeRequest = z
  .strictObject({
    status: TicketStatus.optional(),
    /** An agent key id of this shop, or null to unassign. */
    assignee: z.string().min(1).max(200).nullable().optional(),
    /** With an assignee: forwarded with this note (the agent gets an in-app notice and an email without ticket content). */
    note: z.string().trim().min(1).max(2000).optional(),
    /** The editable draft reply (never sent by itself). */
    draftReply: z.string().max(MAX_AGENT_MESSAGE_CHARS).optional(),
  })
  .refine((c) => c.status !== undefined || c.assignee !== undefined || c.draftReply !== undefined, 'Nothing to change: send status, assignee and/or draftReply');
export type TicketChangeRequest = z.infer<typeof TicketChangeRequest>;

export const NoteRequest = z.strictObject({ body: z.string().trim().min(1).max(2000) });

/** `POST /v1/shops/:shop/agent-keys` (admin): a display name shoppers see and an email for notices. */
export const AgentKeyCreate = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(80).optional(),
  email: z.email().max(320).optional(),
});

export const InboxQuery = z.object({
  status: z.enum([...TicketStatus.options, 'unresolved']).optional(),
  category: HandoffCategory.optional(),
  /** An agent key id, `me`, or `none`. */
  assignee: z.string().min(1).max(200).optional(),
  reference: z.string().max(20).optional(),
  /** Only tickets waiting at least this many business hours for the shop (support.hours, support.timeZone). */
  minWaitingHours: z.coerce.number().min(0).max(10_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export interface InboxRow {
  id: string;
  reference: string;
  status: 'open' | 'pending' | 'resolved';
  category: string;
  priority: string;
  assignee: string | null;
  assigneeName: string | null;
  requestedAction: string;
  customerLevel: string;
  conversationId: string;
  conversationState: 'assistant' | 'handed_off' | 'agent';
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  /** Business minutes since the ticket was created, until its first response (or now). */
  waitingBusinessMinutes: number;
  version: number;
}

/** `POST .../conversations/:id/live` (shopper) and `POST .../live/inbox` (workspace): a single-use subscribe ticket. */
export interface LiveTicketResponse {
  /** Single-use, about 60 s. Open `url` with it; it is not a credential for anything else. */
  ticket: string;
  /** The WebSocket URL path: `/v1/shops/:shop/live?ticket=…` (resolve against the Worker's origin, ws: or wss:). */
  url: string;
  expiresAt: string;
}

/**
 * Assisted mode (added in v1.2): a guarded reply held for approval. `GET /v1/shops/:shop/drafts`
 * lists them (pending first), `POST /v1/shops/:shop/drafts/:id/approve` sends one.
 */
export const DRAFT_STATUSES = ['pending', 'approved', 'edited', 'timed_out'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const DraftsQuery = z.strictObject({
  status: z.enum(DRAFT_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Approve as written (`{}`), or send an edit (`{ text }`): an edit passes the markdown filter, not the promise guard. */
export const DraftDecision = z.strictObject({
  text: z
    .string()
    .max(MAX_AGENT_MESSAGE_CHARS)
    .refine((t) => t.trim().length > 0, 'must not be empty')
    .optional(),
});
export type DraftDecision = z.infer<typeof DraftDecision>;

export interface DraftView {
  id: string;
  conversationId: string;
  turnId: string;
  answerClass: 'product' | 'policy' | 'order' | 'other';
  locale: string;
  /** The shopper's message. */
  question: string;
  /** The guarded reply's text, as it would be sent. */
  text: string;
  /** The data parts that go with it (product cards, citations), by type. */
  attachments: string[];
  status: DraftStatus;
  createdAt: string;
  /** When an unapproved draft becomes a handoff ticket (settings.assistedTimeout). */
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** What the shopper got: the draft, or the edit. */
  sentText: string | null;
  ticketId: string | null;
}
