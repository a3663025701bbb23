import { decryptSecret, encryptSecret, fromBase64, hmacSha256, toBase64 } from '../lib/crypto';
import { nowIso } from '../lib/ids';

/**
 * Order emails are compared as HMAC-SHA256 under a per-shop key, never in plain text. The key is
 * 32 random bytes sealed with AISLE_SECRET_KEY, and deliberately not the identity secret: a
 * merchant rotating that secret would otherwise break every stored match.
 */

/** The one normalisation: trim, NFKC, lower case. No provider rules (dots, plus tags) on purpose. */
export const normaliseEmail = (email: string) => email.trim().normalize('NFKC').toLowerCase();

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Lower-case hex HMAC-SHA256 of the normalised email. */
export async function emailHmacHex(key: Uint8Array | string, email: string): Promise<string> {
  return hex(await hmacSha256(key, normaliseEmail(email)));
}

export interface OrderEmailKey {
  raw: Uint8Array;
  hash(email: string): Promise<string>;
}

const toKey = (raw: Uint8Array): OrderEmailKey => ({ raw, hash: (email) => emailHmacHex(raw, email) });

export const selectEmailKeyStatement = (db: D1Database, shopId: string) =>
  db.prepare('SELECT sealed_key FROM order_email_keys WHERE shop_id = ?').bind(shopId);

export async function openEmailKey(secretKey: string, sealed: string): Promise<OrderEmailKey> {
  return toKey(fromBase64(await decryptSecret(secretKey, sealed)));
}

/**
 * The shop's order-email key, created on first use. Two first uses racing both insert OR IGNORE
 * and then read the one row that won, so every hash of a shop is under one key.
 */
export async function orderEmailKey(db: D1Database, secretKey: string, shopId: string, sealed?: string | null): Promise<OrderEmailKey> {
  if (sealed) return openEmailKey(secretKey, sealed);
  const existing = await selectEmailKeyStatement(db, shopId).first<{ sealed_key: string }>();
  if (existing) return openEmailKey(secretKey, existing.sealed_key);
  const fresh = toBase64(crypto.getRandomValues(new Uint8Array(32)));
  await db
    .prepare('INSERT OR IGNORE INTO order_email_keys (shop_id, sealed_key, created_at) VALUES (?, ?, ?)')
    .bind(shopId, await encryptSecret(secretKey, fresh), nowIso())
    .run();
  const row = await selectEmailKeyStatement(db, shopId).first<{ sealed_key: string }>();
  if (!row) throw new Error('order email key was not stored');
  return openEmailKey(secretKey, row.sealed_key);
}
