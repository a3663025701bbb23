import { decodeHeader, verify } from 'hono/jwt';
import { CustomerClaims, TOKEN_AUDIENCE, type VerifiedCustomer } from '../../../shared/identity';
import { ApiError } from '../lib/errors';

/** Both failures say nothing more: the widget only needs to know whether to fetch a fresh token. */
const invalid = () => new ApiError('invalid_token', 'The customer token is not valid');
const expired = () => new ApiError('token_expired', 'The customer token has expired');

/**
 * Verifies a customer token signed by the merchant's server (HS256, the shop's identity secret).
 * `secrets` maps kid -> secret; a token with a `kid` must name a known one, a token without
 * one is tried against every live secret (at most two during a rotation).
 */
export async function verifyCustomerToken(
  token: string,
  opts: { shopId: string; secrets: Map<string, string>; maxLifetimeSeconds: number; now?: number },
): Promise<VerifiedCustomer> {
  let header;
  try {
    header = decodeHeader(token);
  } catch {
    throw invalid();
  }
  if (header.alg !== 'HS256') throw invalid();
  const candidates = header.kid !== undefined ? [opts.secrets.get(header.kid)] : [...opts.secrets.values()];
  if (candidates.length === 0 || candidates.some((s) => s === undefined)) throw invalid();

  let payload: unknown = null;
  let sawExpired = false;
  for (const secret of candidates as string[]) {
    try {
      payload = await verify(token, secret, { alg: 'HS256', iss: opts.shopId, aud: TOKEN_AUDIENCE });
      break;
    } catch (err) {
      if ((err as Error).name === 'JwtTokenExpired') sawExpired = true;
    }
  }
  if (!payload) throw sawExpired ? expired() : invalid();

  const claims = CustomerClaims.safeParse(payload);
  if (!claims.success) throw invalid();
  const { iat, exp, nbf, sub, email, name } = claims.data;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (exp - iat > opts.maxLifetimeSeconds) throw invalid();
  if (iat > now + 60 || (nbf !== undefined && nbf > now + 60)) throw invalid();
  return { level: 'verified', id: sub, ...(email ? { email } : {}), ...(name ? { name } : {}) };
}
