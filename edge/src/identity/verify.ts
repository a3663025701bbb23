import { CustomerClaims, TOKEN_AUDIENCE, type VerifiedCustomer } from '../../../shared/identity';
import { ApiError } from '../lib/errors';
import { base64UrlDecode, decodeJson, hs256Verify } from './jwt';

/** Both failures say nothing more: the widget only needs to know whether to fetch a fresh token. */
const invalid = () => new ApiError('invalid_token', 'The customer token is not valid');
const expired = () => new ApiError('token_expired', 'The customer token has expired');

/** Clock skew tolerated between the merchant's server and the Worker, for iat and nbf only. */
const SKEW_SECONDS = 60;
const MAX_TOKEN_CHARS = 4096;

/**
 * Verifies a customer token signed by the merchant's server (HS256, the shop's identity secret).
 * `secrets` maps kid -> secret; a token with a `kid` must name a known one, a token without
 * one is tried against every live secret (at most two during a rotation).
 *
 * The signature is checked before any claim, so only a genuine token can learn that it expired;
 * then iss must be this shop, aud "aisle", exp in the future, iat/nbf not ahead of now (60 s
 * skew), and exp - iat within the shop's cap.
 */
export async function verifyCustomerToken(
  token: string,
  opts: { shopId: string; secrets: Map<string, string>; maxLifetimeSeconds: number; now?: number },
): Promise<VerifiedCustomer> {
  if (token.length > MAX_TOKEN_CHARS) throw invalid();
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid();
  const [head, body, sig] = parts;

  const header = decodeJson(head) as { alg?: unknown; typ?: unknown; kid?: unknown; crit?: unknown } | null;
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw invalid();
  // Only HS256: "none", HS512 and asymmetric algs are refused whatever the signature says.
  if (header.alg !== 'HS256' || header.crit !== undefined) throw invalid();
  if (header.typ !== undefined && (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT')) throw invalid();
  if (header.kid !== undefined && typeof header.kid !== 'string') throw invalid();

  const candidates = header.kid !== undefined ? [opts.secrets.get(header.kid)] : [...opts.secrets.values()];
  if (candidates.length === 0 || candidates.some((s) => s === undefined)) throw invalid();
  const signature = base64UrlDecode(sig);
  if (!signature || signature.length !== 32) throw invalid();
  let genuine = false;
  for (const secret of candidates as string[]) {
    if (await hs256Verify(`${head}.${body}`, signature, secret)) {
      genuine = true;
      break;
    }
  }
  if (!genuine) throw invalid();

  const claims = CustomerClaims.safeParse(decodeJson(body));
  if (!claims.success) throw invalid();
  const { iss, aud, iat, exp, nbf, sub, email, name } = claims.data;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (iss !== opts.shopId) throw invalid();
  if (aud !== TOKEN_AUDIENCE && !(Array.isArray(aud) && aud.includes(TOKEN_AUDIENCE))) throw invalid();
  if (exp - iat > opts.maxLifetimeSeconds || exp <= iat) throw invalid();
  if (iat > now + SKEW_SECONDS || (nbf !== undefined && nbf > now + SKEW_SECONDS)) throw invalid();
  if (exp <= now) throw expired();
  return { level: 'verified', id: sub, ...(email ? { email } : {}), ...(name ? { name } : {}) };
}
