import { TOKEN_AUDIENCE } from '../../../shared/identity';
import { encodeJson, hs256Sign } from './jwt';

export interface SignCustomerTokenInput {
  shopId: string;
  /** The shop's identity secret (shown once when the shop is created or the secret rotated). */
  secret: string;
  /** Which identity key signed it; lets the Worker pick the right secret during a rotation. */
  kid?: string;
  customerId: string;
  email?: string;
  name?: string;
  ttlSeconds?: number;
  /** Seconds since the epoch; for tests. */
  now?: number;
}

/**
 * Signs a customer token the way a merchant's server should: HS256 over
 * `{ iss: shopId, aud: "aisle", sub: customerId, iat, exp }` with the shop's identity secret.
 * Runs on Web Crypto, so it works in Workers and in Node 20 without dependencies.
 */
export async function signCustomerToken(input: SignCustomerTokenInput): Promise<string> {
  const now = input.now ?? Math.floor(Date.now() / 1000);
  const ttl = input.ttlSeconds ?? 900;
  const header = { alg: 'HS256', typ: 'JWT', ...(input.kid ? { kid: input.kid } : {}) };
  const claims = {
    iss: input.shopId,
    aud: TOKEN_AUDIENCE,
    sub: input.customerId,
    iat: now,
    exp: now + ttl,
    ...(input.email ? { email: input.email } : {}),
    ...(input.name ? { name: input.name } : {}),
  };
  const signingInput = `${encodeJson(header)}.${encodeJson(claims)}`;
  return `${signingInput}.${await hs256Sign(signingInput, input.secret)}`;
}
