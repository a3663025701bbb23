import { z } from 'zod';

/**
 * Guest order help (added in v1.1): `POST /v1/shops/:shop/conversations/:id/verify-order`.
 * A guest gives an order number and the order's email; on a match the conversation may see
 * that one order, status level only, for a limited time, and only with its conversation secret.
 */

/** Header carrying the conversation secret on guest order requests. */
export const CONVERSATION_SECRET_HEADER = 'x-aisle-conversation-secret';

export const VerifyOrderRequest = z.strictObject({
  orderNumber: z.string().trim().min(1).max(64),
  email: z.string().trim().min(3).max(320),
  locale: z.string().min(2).max(35).optional(),
});
export type VerifyOrderRequest = z.infer<typeof VerifyOrderRequest>;

export const VerifyOrderCodeRequest = z.strictObject({
  code: z.string().trim().regex(/^\d{6}$/, 'six digits'),
  locale: z.string().min(2).max(35).optional(),
});
export type VerifyOrderCodeRequest = z.infer<typeof VerifyOrderCodeRequest>;

/**
 * `not_matched` is the one answer for a wrong email, an unknown order and a throttled order
 * number alike; `code_sent` is the answer to every attempt when the shop asks for a code.
 */
export type VerifyOrderResponse =
  | { status: 'verified'; expiresAt: string; orderNumber: string; messageId: string }
  | { status: 'not_matched'; message: string }
  | { status: 'code_sent'; message: string };
