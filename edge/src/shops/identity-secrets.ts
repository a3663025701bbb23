import { encryptSecret, randomSecret } from '../lib/crypto';
import { nowIso } from '../lib/ids';
import { updateShop, type IdentityKey, type ShopRecord } from './store';

/** Live identity secrets per shop: the newest signs, the one before stays valid while servers switch over. */
export const MAX_LIVE_IDENTITY_SECRETS = 2;

/** Kids are short, unique per shop and sort by creation time. */
const newKid = () => `k${Date.now().toString(36)}${randomSecret(3).replace(/[-_]/g, 'x').slice(0, 3)}`;

/**
 * Adds a fresh identity secret as the newest and keeps only the newest two: tokens signed with
 * the previous secret still verify during the merchant's switch-over; older ones stop.
 * Returns the plain secret once; it is stored AES-GCM sealed.
 */
export async function rotateIdentitySecret(db: D1Database, secretKey: string, shop: ShopRecord) {
  const secret = randomSecret(32);
  const key: IdentityKey = { kid: newKid(), secret: await encryptSecret(secretKey, secret), createdAt: nowIso() };
  const identityKeys = [key, ...shop.identityKeys].slice(0, MAX_LIVE_IDENTITY_SECRETS);
  await updateShop(db, shop.id, { identityKeys });
  return { kid: key.kid, secret, createdAt: key.createdAt, liveKids: identityKeys.map((k) => k.kid) };
}

export type RemoveIdentitySecretResult = { ok: true; liveKids: string[] } | { ok: false; reason: 'not_found' | 'last_secret' };

/** Retires one secret (e.g. the old one once every server signs with the new). The last one cannot go. */
export async function removeIdentitySecret(db: D1Database, shop: ShopRecord, kid: string): Promise<RemoveIdentitySecretResult> {
  if (!shop.identityKeys.some((k) => k.kid === kid)) return { ok: false, reason: 'not_found' };
  const identityKeys = shop.identityKeys.filter((k) => k.kid !== kid);
  if (identityKeys.length === 0) return { ok: false, reason: 'last_secret' };
  await updateShop(db, shop.id, { identityKeys });
  return { ok: true, liveKids: identityKeys.map((k) => k.kid) };
}
