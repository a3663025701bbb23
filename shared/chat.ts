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
export const LOCALES = ['en', 'es', 'fr', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export const ChatRequest = z.strictObject({
  conversationId: z.uuid(),
  message: z.strictObject({
    text: z
      .string()
      .max(MAX_MESSAGE_CHARS, `at most ${MAX_MESSAGE_CHARS} characters`)
      .refine((t) => t.trim().length > 0, 'must not be empty'),
  }),
  locale: z.string().min(2).max(35).optional(),
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
});
export type HandoffPart = z.infer<typeof HandoffPart>;

export const NoticeCode = z.enum(['signed_out', 'sign_in_required', 'rate_limited', 'degraded', 'token_expired']);
export const NoticePart = z.object({ code: NoticeCode, text: z.string() });
export type NoticePart = z.infer<typeof NoticePart>;

export const CitationPart = z.object({
  citations: z.array(z.object({ documentId: z.string(), passageId: z.string(), title: z.string(), url: z.string().optional() })),
});
export type CitationPart = z.infer<typeof CitationPart>;

export const SuggestionsPart = z.object({ suggestions: z.array(z.string()).max(6) });

/** Data part name -> schema. Part type on the wire is `data-<name>`. */
export const DATA_PARTS = {
  products: ProductsPart,
  order: OrderCard,
  handoff: HandoffPart,
  notice: NoticePart,
  citations: CitationPart,
  suggestions: SuggestionsPart,
} as const;

export type AisleDataParts = {
  products: z.infer<typeof ProductsPart>;
  order: OrderCard;
  handoff: HandoffPart;
  notice: NoticePart;
  citations: CitationPart;
  suggestions: z.infer<typeof SuggestionsPart>;
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
}

export interface ConversationResponse {
  id: string;
  messages: AisleMessage[];
}
