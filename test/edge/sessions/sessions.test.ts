import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../edge/src/lib/crypto';
import { api, BASE, createShop, json, type TestShop } from '../helpers';
import { bearer, expectError } from '../shops/support';

const OWN = BASE; // the Worker's own origin in these tests
const cookieName = (shopId: string) => `__Host-aisle_session_${shopId}`;

async function signIn(shop: TestShop, key = shop.agentKey, origin = OWN) {
  const res = await api(`/v1/shops/${shop.shopId}/sessions`, json({ key }, { origin }));
  const setCookie = res.headers.get('set-cookie') ?? '';
  const value = setCookie.match(new RegExp(`${cookieName(shop.shopId)}=([^;]+)`))?.[1] ?? '';
  const body = res.status === 201 ? ((await res.json()) as { csrfToken: string; kind: string; keyId: string }) : null;
  return { res, setCookie, value, body };
}

const withCookie = (shopId: string, value: string, extra: Record<string, string> = {}) => ({ cookie: `${cookieName(shopId)}=${value}`, ...extra });
const current = (shopId: string, headers: Record<string, string>, method = 'GET') => api(`/v1/shops/${shopId}/sessions/current`, { method, headers });

describe('people sessions: sign-in', () => {
  it('sets a __Host- cookie (Secure, HttpOnly, SameSite=Strict, Path=/) and stores only the hash of its id', async () => {
    const shop = await createShop();
    const { res, setCookie, value, body } = await signIn(shop);
    expect(res.status).toBe(201);
    expect(setCookie).toMatch(new RegExp(`^${cookieName(shop.shopId)}=`));
    for (const attr of ['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']) expect(setCookie).toContain(attr);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(body).toMatchObject({ kind: 'agent' });
    expect(value.length).toBeGreaterThan(40);
    const rows = await env.DB.prepare('SELECT * FROM people_sessions WHERE shop_id = ?').bind(shop.shopId).all();
    expect(rows.results).toHaveLength(1);
    expect(JSON.stringify(rows.results)).not.toContain(value);
    expect(rows.results[0]).toMatchObject({ id_hash: await sha256Hex(value), kind: 'agent' });

    const me = await current(shop.shopId, withCookie(shop.shopId, value));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'agent', csrfToken: body!.csrfToken });
  });

  it('refuses a wrong key, another shop\'s key, and a sign-in posted from another site', async () => {
    const shop = await createShop();
    const other = await createShop();
    await expectError((await signIn(shop, 'ask_agent_nope_0123456789abcdef')).res, 401, 'unauthorized');
    await expectError((await signIn(shop, other.agentKey)).res, 401, 'unauthorized');
    await expectError((await signIn(shop, shop.agentKey, 'https://evil.example')).res, 403, 'forbidden');
    const noOrigin = await api(`/v1/shops/${shop.shopId}/sessions`, json({ key: shop.agentKey }));
    await expectError(noOrigin, 403, 'forbidden');
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM people_sessions WHERE shop_id = ?').bind(shop.shopId).first<{ n: number }>())!.n).toBe(0);
  });

  it('rate-limits sign-in attempts per shop and client', async () => {
    const shop = await createShop();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await api(`/v1/shops/${shop.shopId}/sessions`, json({ key: `ask_agent_guess_${i}_0123456789` }, { origin: OWN, 'cf-connecting-ip': '203.0.113.9' }));
      statuses.push(res.status);
      await res.body?.cancel();
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another client of the same shop is not locked out.
    expect((await api(`/v1/shops/${shop.shopId}/sessions`, json({ key: shop.agentKey }, { origin: OWN, 'cf-connecting-ip': '203.0.113.10' }))).status).toBe(201);
  });
});

describe('people sessions: refusals', () => {
  it("refuses another shop's cookie", async () => {
    const a = await createShop();
    const b = await createShop();
    const { value } = await signIn(a);
    await expectError(await current(b.shopId, withCookie(b.shopId, value)), 401, 'unauthorized');
    await expectError(await current(b.shopId, withCookie(a.shopId, value)), 401, 'unauthorized');
    expect((await current(a.shopId, withCookie(a.shopId, value))).status).toBe(200);
  });

  it("ends a session when its key is revoked, and admin sessions when the admin key is rotated", async () => {
    const shop = await createShop();
    const agent = await signIn(shop);
    const admin = await signIn(shop, shop.adminKey);
    expect(admin.body!.kind).toBe('admin');
    const revoke = await api(`/v1/shops/${shop.shopId}/agent-keys/${agent.body!.keyId}`, { method: 'DELETE', headers: bearer(shop.adminKey) });
    expect(revoke.status).toBe(200);
    await expectError(await current(shop.shopId, withCookie(shop.shopId, agent.value)), 401, 'unauthorized');
    expect((await current(shop.shopId, withCookie(shop.shopId, admin.value))).status).toBe(200);

    const rotate = await api(`/v1/shops/${shop.shopId}/admin-keys/rotate`, { method: 'POST', headers: bearer(shop.adminKey) });
    expect(rotate.status).toBe(201);
    await expectError(await current(shop.shopId, withCookie(shop.shopId, admin.value)), 401, 'unauthorized');
  });

  it('refuses a state-changing request without the CSRF token, with a wrong one, or from another origin', async () => {
    const shop = await createShop();
    const { value, body } = await signIn(shop);
    const csrf = body!.csrfToken;
    const cases: Record<string, string>[] = [
      { origin: OWN }, // no CSRF token: what a cross-site form post would send at best
      { origin: OWN, 'x-aisle-csrf': csrf.slice(0, -2) + 'xx' },
      { origin: 'https://evil.example', 'x-aisle-csrf': csrf },
      { origin: 'null', 'x-aisle-csrf': csrf },
      { 'x-aisle-csrf': csrf }, // no Origin at all
    ];
    for (const extra of cases) await expectError(await current(shop.shopId, withCookie(shop.shopId, value, extra), 'DELETE'), 403, 'forbidden');
    // Still signed in: none of them signed the person out.
    expect((await current(shop.shopId, withCookie(shop.shopId, value))).status).toBe(200);
    // The real page: own origin and the token.
    const out = await current(shop.shopId, withCookie(shop.shopId, value, { origin: OWN, 'x-aisle-csrf': csrf }), 'DELETE');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`${cookieName(shop.shopId)}=;.*Max-Age=0`));
    await expectError(await current(shop.shopId, withCookie(shop.shopId, value)), 401, 'unauthorized');
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM people_sessions WHERE shop_id = ?').bind(shop.shopId).first<{ n: number }>())!.n).toBe(0);
  });

  it('refuses an idle session and one past its absolute expiry, and deletes them', async () => {
    const shop = await createShop();
    const idle = await signIn(shop);
    const old = await signIn(shop);
    const hours = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await env.DB.prepare('UPDATE people_sessions SET last_seen_at = ? WHERE id_hash = ?').bind(hours(3), await sha256Hex(idle.value)).run();
    await env.DB.prepare('UPDATE people_sessions SET expires_at = ? WHERE id_hash = ?').bind(hours(0.01), await sha256Hex(old.value)).run();
    await expectError(await current(shop.shopId, withCookie(shop.shopId, idle.value)), 401, 'unauthorized');
    await expectError(await current(shop.shopId, withCookie(shop.shopId, old.value)), 401, 'unauthorized');
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM people_sessions WHERE shop_id = ?').bind(shop.shopId).first<{ n: number }>())!.n).toBe(0);
  });
});

describe('people sessions: headers', () => {
  it('sends no CORS headers, even to an allowed shop origin, and a strict CSP with no-store', async () => {
    const origin = 'https://shop.example';
    const shop = await createShop(undefined, { allowedOrigins: [origin] });
    const { value } = await signIn(shop);
    const pre = await api(`/v1/shops/${shop.shopId}/sessions`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const cross = await api(`/v1/shops/${shop.shopId}/sessions`, json({ key: shop.agentKey }, { origin }));
    expect(cross.status).toBe(403);
    expect(cross.headers.get('access-control-allow-origin')).toBeNull();
    const me = await current(shop.shopId, withCookie(shop.shopId, value, { origin }));
    expect(me.status).toBe(200);
    expect([...me.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const csp = me.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(me.headers.get('cache-control')).toBe('no-store');
    // Refusals carry the same headers.
    const refused = await current(shop.shopId, {});
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
