import { z } from 'zod';
import { GuestVerificationRequest, type AisleMessage, type VerifyOrderPart } from './chat';

/**
 * Guest order help (added in v1.1): `POST /v1/shops/:shop/conversations/:id/verify-order`.
 * A guest gives an order number and the order's email; on a match the conversation may see
 * that one order, status level only, for a limited time, and only with its conversation secret
 * (header `x-aisle-conversation-secret`).
 */

export { CONVERSATION_SECRET_HEADER } from './chat';

/** The form's body: `GuestVerificationRequest` plus the page's locale for the answer's words. */
export const VerifyOrderRequest = GuestVerificationRequest.extend({
  // Surrounding spaces (pasted addresses) are forgiven; the address is normalised again before hashing.
  email: z.string().trim().max(320).pipe(z.email()),
  locale: z.string().min(2).max(35).optional(),
});
export type VerifyOrderRequest = z.infer<typeof VerifyOrderRequest>;

/** `POST .../verify-order/code`: the 6-digit code from the mail (when the shop asks for one). */
export const VerifyOrderCodeRequest = z.strictObject({
  requestId: z.string().min(1).max(100),
  code: z.string().trim().regex(/^\d{6}$/, 'six digits'),
  locale: z.string().min(2).max(35).optional(),
});
export type VerifyOrderCodeRequest = z.infer<typeof VerifyOrderCodeRequest>;

/**
 * The answer is a `data-verify-order` part's data. `failed` is the one answer for a wrong email,
 * an unknown order and a throttled order number alike. With a second factor, every attempt is
 * answered `requested` with `code: true` ("if the details match, we've sent a code").
 * `verified` also carries the stored message that shows the order (`message`, the same as in
 * `GET .../conversations/:id` while the grant lasts) and when the grant ends.
 */
export type VerifyOrderResponse = VerifyOrderPart & { code?: true; expiresAt?: string; messageId?: string; message?: AisleMessage };
