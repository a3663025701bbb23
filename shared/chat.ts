import { z } from 'zod';
import { Availability } from './catalog';

/**
 * The chat contract, shared by the widget and the Worker.
 * `POST /v1/shops/:shop/chat` answers in the AI SDK UI message stream protocol
 * (SSE, header `x-vercel-ai-ui-message-stream: v1`) with text parts and the
 * data parts below.
 */

export const MAX_MESSAGE_CHARS = 4000;
export const MAX_BODY_BYTES = 16 * 1024;
/**
 * The languages the Worker replies in: the request's `locale` (any BCP 47 tag, read by its first two
 * letters) and the language the shopper writes in choose one. Each has a language pack in
 * edge/src/language/packs. v1.1 added `it` and `pt`; the widget's own UI languages are separate.
 */
export const LOCALES = ['en', 'es', 'fr', 'de', 'it', 'pt'] as const;
export type Locale = (typeof LOCALES)[number];

/** Crockford base32 without I, L, O, U: what people read aloud and type back (ticket references). */
export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ticket reference as shown: `XXXX-XXXX` in REFERENCE_ALPHABET. A label for people, never a credential. */
export const REFERENCE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * Added in v1.1: what the shopper is looking at, sent by the widget with a turn. Strict (unknown
 * keys are a 400) and small; the shop's own data stays the source of truth for prices and stock.
 */
export const PageContext = z.strictObject({
  page: z.strictObject({ url: z.url().max(2000), title: z.string().max(300).optional() }).optional(),
  product: z.strictObject({ id: z.string().min(1).max(200), title: z.string().max(300).optional() }).optional(),
  variant: z.strictObject({ id: z.string().min(1).max(200), title: z.string().max(300).optional() }).optional(),
  cart: z
    .strictObject({
      lines: z
        .array(z.strictObject({ productId: z.string().min(1).max(200), variantId: z.string().min(1).max(200).optional(), quantity: z.number().int().min(1).max(999) }))
        .max(50),
    })
    .optional(),
});
export type PageContext = z.infer<typeof PageContext>;

export const ChatRequest = z.strictObject({
  conversationId: z.uuid(),
  message: z.strictObject({
    text: z
      .string()
      .max(MAX_MESSAGE_CHARS, `at most ${MAX_MESSAGE_CHARS} characters`)
      .refine((t) => t.trim().length > 0, 'must not be empty'),
  }),
  locale: z.string().min(2).max(35).optional(),
  /** Added in v1.1. */
  context: PageContext.optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

export const ProductCard = z.object({
  id: z.string(),
  title: z.string(),
  price: z.number(),
  currency: z.string(),
  availability: Availability,
  image: z.string().optional(),
  url: z.string().optional(),
  /** The variant that matches what the shopper asked for, when one does. */
  variant: z
    .object({
      id: z.string(),
      title: z.string(),
      options: z.record(z.string(), z.string()),
      price: z.number(),
      availability: Availability,
    })
    .optional(),
});
export type ProductCard = z.infer<typeof ProductCard>;

export const ProductsPart = z.object({ products: z.array(ProductCard) });

export const OrderStage = z.enum([
  'received',
  'processing',
  'shipped',
  'out_for_delivery',
  'delivered',
  'cancelled',
  'returned',
]);
export type OrderStage = z.infer<typeof OrderStage>;

export const OrderCard = z.object({
  number: z.string(),
  status: z.string(),
  stage: OrderStage,
  carrier: z.string().optional(),
  /** Tracking number masked to its last 4 characters, e.g. "••••••7421". */
  trackingMasked: z.string().optional(),
  /**
   * The carrier's tracking page, when the order source gives one (added in v1.1). https only;
   * only on cards for a verified customer (or an order-verified guest). The link contains the
   * full tracking number, so it lives in this card part only: never in reply text or model input.
   */
  trackingUrl: z.url({ protocol: /^https$/ }).optional(),
  estimatedDelivery: z.string().optional(),
  placedAt: z.string().optional(),
  items: z.array(z.object({ name: z.string(), quantity: z.number().int(), options: z.string().optional() })),
});
export type OrderCard = z.infer<typeof OrderCard>;

export const HandoffPart = z.object({
  ticketId: z.string(),
  category: z.string(),
  nextSteps: z.string(),
  expectedReply: z.string(),
  /** Added in v1.1: the short reference people quote (REFERENCE_PATTERN), unique per shop. */
  reference: z.string().regex(REFERENCE_PATTERN).optional(),
  /** Added in v1.1: the order number the ticket concerns, when there is one. */
  order: z.string().optional(),
});
export type HandoffPart = z.infer<typeof HandoffPart>;

export const NoticeCode = z.enum([
  'signed_out',
  'sign_in_required',
  'rate_limited',
  'degraded',
  'token_expired',
  // Added in v1.1:
  /** A person will answer in this conversation; the assistant steps back. */
  'handed_off',
  /** A person (agent) joined or left the conversation. */
  'agent_joined',
  'agent_left',
  /** Assisted mode: the reply waits for a person to approve it. */
  'reply_held',
  /** The conversation can be read but not continued (started before v1.1, or closed). */
  'read_only',
  /** An order question needs the order number and email first (guest order verification). */
  'verification_required',
]);
export const NoticePart = z.object({
  code: NoticeCode,
  text: z.string(),
  /**
   * Added in v1.2: set when the turn changes how the next reply arrives. `held` (assisted mode):
   * a person checks the reply first and it comes over the live channel, so the widget opens it.
   */
  state: z.enum(['held']).optional(),
});
export type NoticePart = z.infer<typeof NoticePart>;

export const CitationPart = z.object({
  citations: z.array(z.object({ documentId: z.string(), passageId: z.string(), title: z.string(), url: z.string().optional() })),
});
export type CitationPart = z.infer<typeof CitationPart>;

export const SuggestionsPart = z.object({ suggestions: z.array(z.string()).max(6) });

/** Added in v1.1: asks the shopper to rate the help they got (1..scale); `rating` once answered. */
export const CsatPart = z.object({
  requestId: z.string(),
  ticketId: z.string().optional(),
  scale: z.literal(5),
  question: z.string(),
  rating: z.number().int().min(1).max(5).optional(),
});
export type CsatPart = z.infer<typeof CsatPart>;

/** Added in v1.1: what the shopper sends to answer a CSAT part. Needs the conversation secret. */
export const CsatSubmission = z.strictObject({
  requestId: z.string().min(1).max(100),
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(1000).optional(),
});
export type CsatSubmission = z.infer<typeof CsatSubmission>;

/**
 * Added in v1.1: guest order verification. `requested` shows a form (order number + email);
 * `verified` names the order the guest may now ask about; `failed` and `locked` say why not.
 * Never carries the email back.
 */
export const VerifyOrderPart = z.object({
  requestId: z.string(),
  state: z.enum(['requested', 'verified', 'failed', 'locked']),
  orderNumber: z.string().optional(),
  text: z.string(),
});
export type VerifyOrderPart = z.infer<typeof VerifyOrderPart>;

/** Added in v1.1: what the guest form sends. Needs the conversation secret. */
export const GuestVerificationRequest = z.strictObject({
  requestId: z.string().min(1).max(100),
  orderNumber: z.string().trim().min(1).max(64),
  email: z.email().max(320),
});
export type GuestVerificationRequest = z.infer<typeof GuestVerificationRequest>;

/**
 * Added in v1.1: who wrote an assistant-role message. Absent means the assistant; `person` is an
 * agent or merchant writing in the conversation (stored with role `assistant`, since a shopper's
 * messages are `user` and everything else is the shop's side).
 */
export const MessageAuthor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assistant') }),
  z.object({ kind: z.literal('person'), name: z.string().min(1).max(80), role: z.enum(['agent', 'merchant']) }),
]);
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/** Data part name -> schema. Part type on the wire is `data-<name>`. */
export const DATA_PARTS = {
  products: ProductsPart,
  order: OrderCard,
  handoff: HandoffPart,
  notice: NoticePart,
  citations: CitationPart,
  suggestions: SuggestionsPart,
  // Added in v1.1:
  csat: CsatPart,
  'verify-order': VerifyOrderPart,
} as const;

export type AisleDataParts = {
  products: z.infer<typeof ProductsPart>;
  order: OrderCard;
  handoff: HandoffPart;
  notice: NoticePart;
  citations: CitationPart;
  suggestions: z.infer<typeof SuggestionsPart>;
  csat: CsatPart;
  'verify-order': VerifyOrderPart;
};

/** A stored message as `GET /v1/shops/:shop/conversations/:id` returns it (UI message shape). */
export type AislePart =
  | { type: 'text'; text: string }
  | { [K in keyof AisleDataParts]: { type: `data-${K}`; data: AisleDataParts[K] } }[keyof AisleDataParts];

export interface AisleMessage {
  id: string;
  role: 'user' | 'assistant';
  parts: AislePart[];
  createdAt: string;
  /** Added in v1.1: set on assistant-role messages a person wrote. */
  author?: MessageAuthor;
}

/** Added in v1.1: who answers the shopper now. Stored on the server, per conversation. */
export const CONVERSATION_STATES = ['assistant', 'handed_off', 'agent'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export interface ConversationResponse {
  id: string;
  messages: AisleMessage[];
  /**
   * Added in v1.1. `held` (added in v1.2, never stored): the assistant answers, and a reply of
   * an earlier turn is waiting for a person (assisted mode); it will arrive on the live channel.
   */
  state?: ConversationState | 'held';
  /** Added in v1.1: true when the conversation can be read but not continued. */
  readOnly?: boolean;
}

/**
 * Added in v1.1: the conversation secret. A v1.1 client sends `new` on its first turn and the
 * response carries the secret in this header (once); every later request about the conversation
 * sends it back in the same header. Conversations started with a secret are refused (404, like
 * an unknown one) without it.
 */
export const CONVERSATION_SECRET_HEADER = 'x-aisle-conversation-secret';
export const NEW_CONVERSATION_SECRET = 'new';
