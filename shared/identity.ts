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
export type Identity = VerifiedCustomer | { level: 'guest' };
