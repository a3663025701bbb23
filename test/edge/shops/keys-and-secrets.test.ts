import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createShop, signCustomerToken } from '../helpers';
import { call, expectError, tokenAccepted } from './support';

/** Every row D1 holds for a shop's keys and secrets, as one string. */
async function storedText(shopId: string) {
  const keys = await env.DB.prepare('SELECT * FROM shop_keys WHERE shop_id = ?').bind(shopId).all();
  const shop = await env.DB.prepare('SELECT * FROM shops WHERE id = ?').bind(shopId).first();
  return JSON.stringify({ keys: keys.results, shop });
}

async function sha256Hex(value: string) {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('keys and secrets at rest', () => {
  it('stores admin and agent keys only as SHA-256 hashes and the identity secret encrypted', async () => {
    const s = await createShop();
    const created = (await (await call('POST', `/v1/shops/${s.shopId}/agent-keys`, s.adminKey, { label: 'helpdesk' })).json()) as { key: string };
    const rotated = (await (await call('POST', `/v1/shops/${s.shopId}/identity-secrets/rotate`, s.adminKey)).json()) as { secret: string };
    const text = await storedText(s.shopId);
    for (const plain of [s.adminKey, s.agentKey, created.key, s.identitySecret, rotated.secret]) {
      expect(plain.length).toBeGreaterThan(20);
      expect(text).not.toContain(plain);
    }
    const hashes = (await env.DB.prepare('SELECT hash FROM shop_keys WHERE shop_id = ?').bind(s.shopId).all<{ hash: string }>()).results.map((r) => r.hash);
    expect(hashes).toEqual(expect.arrayContaining([await sha256Hex(s.adminKey), await sha256Hex(s.agentKey), await sha256Hex(created.key)]));
    const sealed = JSON.parse(((await env.DB.prepare('SELECT identity_secrets FROM shops WHERE id = ?').bind(s.shopId).first()) as { identity_secrets: string }).identity_secrets);
    expect(sealed).toHaveLength(2);
    for (const k of sealed) expect(k.secret).toMatch(/^v1\./);
  });

  it('never shows key hashes or secrets in the shop view or the key list', async () => {
    const s = await createShop();
    await call('POST', `/v1/shops/${s.shopId}/agent-keys`, s.adminKey, { label: 'zendesk' });
    const hashes = (await env.DB.prepare('SELECT hash FROM shop_keys WHERE shop_id = ?').bind(s.shopId).all<{ hash: string }>()).results.map((r) => r.hash);
    const sealed = ((await env.DB.prepare('SELECT identity_secrets FROM shops WHERE id = ?').bind(s.shopId).first()) as { identity_secrets: string }).identity_secrets;
    const shown = (await (await call('GET', `/v1/shops/${s.shopId}`, s.adminKey)).text()) + (await (await call('GET', `/v1/shops/${s.shopId}/agent-keys`, s.adminKey)).text());
    for (const h of hashes) expect(shown).not.toContain(h);
    expect(shown).not.toContain(JSON.parse(sealed)[0].secret);
    expect(shown).not.toContain(s.identitySecret);
    expect(shown).not.toContain(s.agentKey);
  });
});

describe('agent keys', () => {
  it('issues a labelled key once, lists it without the key, and a revoked key stops working at once', async () => {
    const s = await createShop();
    const res = await call('POST', `/v1/shops/${s.shopId}/agent-keys`, s.adminKey, { label: 'Front desk' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string; label: string };
    expect(created.label).toBe('Front desk');
    expect((await call('GET', `/v1/shops/${s.shopId}/tickets`, created.key)).status).toBe(200);

    const list = (await (await call('GET', `/v1/shops/${s.shopId}/agent-keys`, s.adminKey)).json()) as {
      agentKeys: { id: string; label: string | null; createdAt: string; revokedAt: string | null; key?: string; hash?: string }[];
    };
    const listed = list.agentKeys.find((k) => k.id === created.id)!;
    expect(listed).toMatchObject({ label: 'Front desk', revokedAt: null });
    expect(Object.keys(listed).sort()).toEqual(['createdAt', 'id', 'label', 'revokedAt']);
    expect(list.agentKeys).toHaveLength(2); // plus the one created with the shop

    const revoke = await call('DELETE', `/v1/shops/${s.shopId}/agent-keys/${created.id}`, s.adminKey);
    expect(revoke.status).toBe(200);
    expect(((await revoke.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    await expectError(await call('GET', `/v1/shops/${s.shopId}/tickets`, created.key), 401, 'unauthorized');
    // The other agent key is unaffected.
    expect((await call('GET', `/v1/shops/${s.shopId}/tickets`, s.agentKey)).status).toBe(200);
  });

  it("answers 404 revoking a key id of another shop and leaves that key working", async () => {
    const a = await createShop();
    const b = await createShop();
    const ofB = (await (await call('POST', `/v1/shops/${b.shopId}/agent-keys`, b.adminKey, {})).json()) as { id: string; key: string; label: null };
    expect(ofB.label).toBeNull();
    await expectError(await call('DELETE', `/v1/shops/${a.shopId}/agent-keys/${ofB.id}`, a.adminKey), 404, 'not_found');
    expect((await call('GET', `/v1/shops/${b.shopId}/tickets`, ofB.key)).status).toBe(200);
  });

  it('does not let an agent key act as an admin key', async () => {
    const s = await createShop();
    await expectError(await call('POST', `/v1/shops/${s.shopId}/agent-keys`, s.agentKey, { label: 'self-made' }), 401, 'unauthorized');
  });
});

describe('admin key rotation', () => {
  it('issues a new admin key and the old one stops working', async () => {
    const s = await createShop();
    const res = await call('POST', `/v1/shops/${s.shopId}/admin-keys/rotate`, s.adminKey);
    expect(res.status).toBe(201);
    const { adminKey } = (await res.json()) as { adminKey: string };
    expect(adminKey).not.toBe(s.adminKey);
    expect((await call('GET', `/v1/shops/${s.shopId}`, adminKey)).status).toBe(200);
    await expectError(await call('GET', `/v1/shops/${s.shopId}`, s.adminKey), 401, 'unauthorized');
    // Agent keys are not touched by an admin key rotation.
    expect((await call('GET', `/v1/shops/${s.shopId}/tickets`, s.agentKey)).status).toBe(200);
  });
});

describe('identity secret rotation', () => {
  it('keeps the newest two secrets valid, drops the third, and retires one on request', async () => {
    const s = await createShop();
    const first = { ...s, kid: s.identityKid };
    const rotate = async () => {
      const res = await call('POST', `/v1/shops/${s.shopId}/identity-secrets/rotate`, s.adminKey);
      expect(res.status).toBe(201);
      return (await res.json()) as { kid: string; secret: string; liveKids: string[] };
    };
    const token = (secret: string, kid?: string) => signCustomerToken({ shopId: s.shopId, identitySecret: secret }, 'cust-1', kid ? { header: { kid } } : {});

    const second = await rotate();
    expect(second.kid).not.toBe(first.kid);
    expect(second.liveKids).toEqual([second.kid, first.kid]);
    // During the switch-over both secrets verify, with or without a kid.
    expect(await tokenAccepted(s.shopId, await token(first.identitySecret, first.kid))).toBe(true);
    expect(await tokenAccepted(s.shopId, await token(first.identitySecret))).toBe(true);
    expect(await tokenAccepted(s.shopId, await token(second.secret, second.kid))).toBe(true);
    expect(await tokenAccepted(s.shopId, await token(second.secret))).toBe(true);
    // A kid naming the wrong secret is refused.
    expect(await tokenAccepted(s.shopId, await token(first.identitySecret, second.kid))).toBe(false);

    const third = await rotate();
    expect(third.liveKids).toEqual([third.kid, second.kid]);
    expect(await tokenAccepted(s.shopId, await token(first.identitySecret, first.kid))).toBe(false);
    expect(await tokenAccepted(s.shopId, await token(first.identitySecret))).toBe(false);
    expect(await tokenAccepted(s.shopId, await token(second.secret, second.kid))).toBe(true);
    expect(await tokenAccepted(s.shopId, await token(third.secret, third.kid))).toBe(true);

    const view = (await (await call('GET', `/v1/shops/${s.shopId}`, s.adminKey)).json()) as { shop: { identityKeys: { kid: string }[] } };
    expect(view.shop.identityKeys.map((k) => k.kid)).toEqual([third.kid, second.kid]);

    const del = await call('DELETE', `/v1/shops/${s.shopId}/identity-secrets/${second.kid}`, s.adminKey);
    expect(del.status).toBe(200);
    expect(await tokenAccepted(s.shopId, await token(second.secret))).toBe(false);
    expect(await tokenAccepted(s.shopId, await token(third.secret))).toBe(true);

    await expectError(await call('DELETE', `/v1/shops/${s.shopId}/identity-secrets/${third.kid}`, s.adminKey), 409, 'conflict');
    await expectError(await call('DELETE', `/v1/shops/${s.shopId}/identity-secrets/k-none`, s.adminKey), 404, 'not_found');
    expect(await tokenAccepted(s.shopId, await token(third.secret))).toBe(true);
  });
});
