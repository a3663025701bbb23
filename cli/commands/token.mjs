import { createHmac } from 'node:crypto';
import { CliError, requireFlag } from '../lib.mjs';

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * Signs a customer token exactly as a merchant's server should (HS256, the shop's identity
 * secret), with node:crypto only. Kept in step with edge/src/identity/sign.ts.
 */
export function signCustomerTokenLocally({ shopId, secret, kid, customerId, ttlSeconds = 900, now = Math.floor(Date.now() / 1000) }) {
  const header = { alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) };
  const claims = { iss: shopId, aud: 'aisle', sub: customerId, iat: now, exp: now + ttlSeconds };
  const input = `${b64url(header)}.${b64url(claims)}`;
  const signature = createHmac('sha256', secret).update(input).digest('base64url');
  return { token: `${input}.${signature}`, expiresAt: new Date((now + ttlSeconds) * 1000).toISOString() };
}

export default {
  name: 'token',
  usage: 'token --shop <id> --customer <id> [--ttl 900] [--secret <s> --kid <k>]',
  summary: 'a customer token: signed locally with --secret / AISLE_IDENTITY_SECRET, else by the Worker (admin key)',
  async run({ flags, api, print }) {
    const shopId = String(flags.shop ?? process.env.AISLE_SHOP ?? '');
    if (!shopId || shopId === 'true') throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const customerId = requireFlag(flags, 'customer', 'the customer id your shop uses');
    const ttlSeconds = flags.ttl === undefined ? 900 : Number(flags.ttl);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > 86_400) throw new CliError('--ttl must be whole seconds between 60 and 86400', { exitCode: 2 });
    const secret = typeof flags.secret === 'string' ? flags.secret : process.env.AISLE_IDENTITY_SECRET;
    const out = secret
      ? { ...signCustomerTokenLocally({ shopId, secret, kid: typeof flags.kid === 'string' ? flags.kid : process.env.AISLE_IDENTITY_KID, customerId, ttlSeconds }), signedBy: 'local' }
      : { ...(await api('POST', `/v1/shops/${encodeURIComponent(shopId)}/tokens`, { customerId, ttlSeconds })), signedBy: 'worker' };
    print(`${out.token}\n# customer ${customerId} of ${shopId}, expires ${out.expiresAt} (signed ${out.signedBy === 'local' ? 'locally' : 'by the Worker'})`, out);
  },
};
