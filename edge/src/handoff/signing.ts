import { fromBase64, hmacSha256, toBase64 } from '../lib/crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${id}.${timestamp}.${body}`, keyed with the base64-decoded part of a `whsec_` secret.
 */

const PREFIX = 'whsec_';

/** A fresh endpoint secret: `whsec_` + 24 random bytes in standard base64. */
export function newWebhookSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(24)));
}

function secretBytes(secret: string): Uint8Array {
  if (!secret.startsWith(PREFIX)) throw new Error('Webhook secrets start with whsec_');
  return fromBase64(secret.slice(PREFIX.length));
}

export async function signOne(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  return 'v1,' + toBase64(await hmacSha256(secretBytes(secret), `${id}.${timestamp}.${body}`));
}

/**
 * The `webhook-signature` header value: one `v1,<sig>` per live secret, space separated,
 * so a receiver still holding the old secret during rotation verifies too.
 */
export async function signatureHeader(secrets: string[], id: string, timestamp: number, body: string): Promise<string> {
  const parts = await Promise.all(secrets.map((s) => signOne(s, id, timestamp, body)));
  return parts.join(' ');
}

/** The three Standard Webhooks headers plus the content type. */
export async function webhookHeaders(secrets: string[], id: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Promise<Record<string, string>> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Aisle-Webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await signatureHeader(secrets, id, timestamp, body),
  };
}
