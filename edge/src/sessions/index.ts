/**
 * Sessions for people: agents and merchants who sign in with their shop key in a browser.
 *
 * Use it like this (agent workspace, console):
 *
 * ```ts
 * import { requireSession } from '../middleware/require-session';
 * import { securePage } from '../middleware/secure-page';
 *
 * routes.get('/agent', securePage(), requireSession({ kinds: ['agent', 'admin'] }), (c) => {
 *   const session = c.get('session'); // { shopId, keyId, kind, csrfToken, expiresAt, idleExpiresAt }
 *   ...
 * });
 * routes.post('/agent/replies', requireSession({ kinds: ['agent', 'admin'] }), handler); // CSRF + Origin checked
 * ```
 *
 * - `POST /v1/shops/:shop/sessions { key }` signs in (rate-limited per shop and client IP). It sets
 *   the cookie `__Host-aisle_session_<shop>` (Secure, HttpOnly, SameSite=Strict, Path=/) and answers
 *   `{ kind, keyId, csrfToken, expiresAt, idleExpiresAt }`. The page keeps `csrfToken` in memory and
 *   sends it as `x-aisle-csrf` on every state-changing request; `GET .../sessions/current` gives it
 *   again after a reload.
 * - `DELETE /v1/shops/:shop/sessions/current` signs out: the row is deleted, the cookie cleared.
 * - The session id in the cookie is 32 random bytes; D1 holds only its SHA-256. A session belongs
 *   to one shop and one key: it dies when that key is revoked, or when the admin key is rotated
 *   (rotation revokes the old admin key), and after IDLE_MS without use or ABSOLUTE_MS in all.
 * - State-changing requests (anything but GET, HEAD, OPTIONS) also need the CSRF token and an
 *   `Origin` equal to the Worker's own origin. Session routes send no CORS headers at all, so other
 *   sites can neither read their answers nor send the custom header.
 * - Refusals: no, unknown, expired or revoked session, another shop's cookie -> 401 `unauthorized`;
 *   a session of the wrong kind, a missing or wrong CSRF token, a foreign Origin -> 403 `forbidden`.
 */
import { hmacSha256, randomSecret, sha256Hex, timingSafeEqual, toBase64 } from '../lib/crypto';
import { nowIso } from '../lib/ids';
import { findKey } from '../shops/store';

export type PersonKind = 'admin' | 'agent';

/** What `c.get('session')` holds after `requireSession`. */
export interface PersonSession {
  shopId: string;
  keyId: string;
  kind: PersonKind;
  /** The CSRF token for this session, to hand to the page (never stored in plain). */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  idleExpiresAt: string;
}

/** Idle and absolute lifetimes. */
export const IDLE_MS = 2 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_MS = 60 * 1000;

export const CSRF_HEADER = 'x-aisle-csrf';
export const sessionCookieName = (shopId: string) => `__Host-aisle_session_${shopId}`;

/** The CSRF token is derived from the session id, so it can be given again after a reload without storing it. */
async function csrfFor(secretKey: string, sessionId: string): Promise<string> {
  return toBase64(await hmacSha256(secretKey, `csrf:${sessionId}`)).replace(/[+/=]/g, (ch) => (ch === '+' ? '-' : ch === '/' ? '_' : ''));
}

interface SessionRow {
  id_hash: string;
  shop_id: string;
  key_id: string;
  kind: PersonKind;
  csrf_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

const idleExpiry = (lastSeen: string) => new Date(Date.parse(lastSeen) + IDLE_MS).toISOString();

/**
 * Checks `key` against this shop's live admin, then agent keys and starts a session.
 * Returns null for anything that is not a live key of this shop.
 */
export async function signIn(env: Pick<Env, 'DB' | 'AISLE_SECRET_KEY'>, shopId: string, key: string): Promise<{ sessionId: string; session: PersonSession } | null> {
  for (const kind of ['admin', 'agent'] as const) {
    const found = await findKey(env.DB, shopId, kind, key);
    if (!found) continue;
    const sessionId = randomSecret(32);
    const csrfToken = await csrfFor(env.AISLE_SECRET_KEY, sessionId);
    const now = nowIso();
    const expiresAt = new Date(Date.now() + ABSOLUTE_MS).toISOString();
    await env.DB.prepare('INSERT INTO people_sessions (id_hash, shop_id, key_id, kind, csrf_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .bind(await sha256Hex(sessionId), shopId, found.id, kind, await sha256Hex(csrfToken), now, now, expiresAt)
      .run();
    return { sessionId, session: { shopId, keyId: found.id, kind, csrfToken, createdAt: now, expiresAt, idleExpiresAt: idleExpiry(now) } };
  }
  return null;
}

/**
 * The live session for this cookie value in this shop, or null: unknown, another shop's,
 * expired (idle or absolute) or its key revoked. A dead session's row is deleted on the way.
 */
export async function loadSession(env: Pick<Env, 'DB' | 'AISLE_SECRET_KEY'>, shopId: string, sessionId: string): Promise<PersonSession | null> {
  const idHash = await sha256Hex(sessionId);
  const row = await env.DB.prepare(
    `SELECT s.*, k.revoked_at FROM people_sessions s JOIN shop_keys k ON k.id = s.key_id AND k.shop_id = s.shop_id WHERE s.id_hash = ?`,
  )
    .bind(idHash)
    .first<SessionRow & { revoked_at: string | null }>();
  if (!row || row.shop_id !== shopId) return null;
  const now = Date.now();
  if (row.revoked_at || Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + IDLE_MS <= now) {
    await deleteSession(env.DB, sessionId);
    return null;
  }
  let lastSeen = row.last_seen_at;
  if (now - Date.parse(row.last_seen_at) > TOUCH_MS) {
    lastSeen = new Date(now).toISOString();
    await env.DB.prepare('UPDATE people_sessions SET last_seen_at = ? WHERE id_hash = ?').bind(lastSeen, idHash).run();
  }
  return {
    shopId: row.shop_id,
    keyId: row.key_id,
    kind: row.kind,
    csrfToken: await csrfFor(env.AISLE_SECRET_KEY, sessionId),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    idleExpiresAt: idleExpiry(lastSeen),
  };
}

/** True when `presented` is this session's CSRF token. */
export async function csrfMatches(session: PersonSession, presented: string | undefined): Promise<boolean> {
  return Boolean(presented) && timingSafeEqual(presented!, session.csrfToken);
}

export async function deleteSession(db: D1Database, sessionId: string): Promise<void> {
  await db.prepare('DELETE FROM people_sessions WHERE id_hash = ?').bind(await sha256Hex(sessionId)).run();
}

/** The Set-Cookie value; `maxAgeSeconds = 0` clears it. */
export function sessionCookie(shopId: string, value: string, maxAgeSeconds: number): string {
  return `${sessionCookieName(shopId)}=${value}; Path=/; Max-Age=${maxAgeSeconds}; Secure; HttpOnly; SameSite=Strict`;
}
