import { z } from 'zod';

/**
 * Claims of the customer token a merchant's server signs (HS256, the shop's
 * identity secret). Public contract: see README "Verified customers".
 */
export const TOKEN_AUDIENCE = 'aisle';
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 3600;

export const CustomerClaims = z.object({
  iss: z.string().min(1),
  aud: z.union([z.literal(TOKEN_AUDIENCE), z.array(z.string()).refine((a) => a.includes(TOKEN_AUDIENCE))]),
  sub: z.string().min(1).max(128),
  iat: z.number().int(),
  exp: z.number().int(),
  nbf: z.number().int().optional(),
  email: z.string().max(320).optional(),
  name: z.string().max(200).optional(),
});
export type CustomerClaims = z.infer<typeof CustomerClaims>;

/** The customer as the Worker knows them after verification. */
export interface VerifiedCustomer {
  level: 'verified';
  id: string;
  name?: string;
  email?: string;
}
/**
 * A guest who gave an order's number and email (added in v1.1): sees that one order, status
 * level only, while the grant lasts and only with the conversation secret it is bound to.
 */
export interface OrderVerifiedGuest {
  level: 'order_verified_guest';
  grantId: string;
  /** The order as the shop shows its number; the only order this identity can read. */
  orderNumber: string;
  numberKey: string;
  expiresAt: string;
  source: 'store' | 'endpoint';
  /** For the merchant's live endpoint: HMAC-SHA256(identity secret, normalised email). Never leaves the Worker except to that endpoint. */
  endpointEmailHmac?: string;
}
export type Identity = VerifiedCustomer | OrderVerifiedGuest | { level: 'guest' };
