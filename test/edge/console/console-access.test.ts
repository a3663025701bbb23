import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, BASE, createShop, json, seedDemoShop, type TestShop } from '../helpers';
import { bearer, expectError } from '../shops/support';

const cookieName = (shopId: string) => `__Host-aisle_session_${shopId}`;

async function signIn(shop: TestShop, key: string) {
  const res = await api(`/v1/shops/${shop.shopId}/sessions`, json({ key }, { origin: BASE }));
  expect(res.status).toBe(201);
  const value = (res.headers.get('set-cookie') ?? '').match(new RegExp(`${cookieName(shop.shopId)}=([^;]+)`))![1];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `${cookieName(shop.shopId)}=${value}`, csrfToken };
}

describe('console: admin routes take an admin session as well as the admin key', () => {
  it('reads metrics, test questions and the shop with the admin session cookie; writes need CSRF and the same Origin', async () => {
    const shop = await createShop();
    const { cookie, csrfToken } = await signIn(shop, shop.adminKey);
    for (const path of ['', '/metrics?days=7', '/knowledge-gaps', '/test-questions', '/test-runs', '/console/setup', '/webhook-endpoints', '/policies']) {
      const res = await api(`/v1/shops/${shop.shopId}${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      await res.body?.cancel();
    }
    const body = { question: 'Do you sell kayaks?', expect: { noHandoff: true } };
    await expectError(await api(`/v1/shops/${shop.shopId}/test-questions`, json(body, { cookie, origin: BASE })), 403, 'forbidden');
    await expectError(await api(`/v1/shops/${shop.shopId}/test-questions`, json(body, { cookie, origin: 'https://evil.example', 'x-aisle-csrf': csrfToken })), 403, 'forbidden');
    const ok = await api(`/v1/shops/${shop.shopId}/test-questions`, json(body, { cookie, origin: BASE, 'x-aisle-csrf': csrfToken }));
    expect(ok.status).toBe(201);
    const patched = await api(`/v1/shops/${shop.shopId}`, { ...json({ settings: { widget: { color: '#aa3300' } } }, { cookie, origin: BASE, 'x-aisle-csrf': csrfToken }), method: 'PATCH' });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { shop: { settings: { widget: { color: string } } } }).shop.settings.widget.color).toBe('#aa3300');
  });

  it('refuses an agent session (403) and no session (401); a wrong bearer is 401 even next to a good cookie', async () => {
    const shop = await createShop();
    const agent = await signIn(shop, shop.agentKey);
    await expectError(await api(`/v1/shops/${shop.shopId}/metrics`, { headers: { cookie: agent.cookie } }), 403, 'forbidden');
    await expectError(await api(`/v1/shops/${shop.shopId}/console/setup`), 401, 'unauthorized');
    const admin = await signIn(shop, shop.adminKey);
    await expectError(await api(`/v1/shops/${shop.shopId}/metrics`, { headers: { cookie: admin.cookie, ...bearer('ask_admin_wrong_0123456789abcdef') } }), 401, 'unauthorized');
    // The agent key as a bearer does not open admin routes either.
    await expectError(await api(`/v1/shops/${shop.shopId}/metrics`, { headers: bearer(shop.agentKey) }), 401, 'unauthorized');
  });

  it('rotating the admin key ends the console session', async () => {
    const shop = await createShop();
    const { cookie } = await signIn(shop, shop.adminKey);
    expect((await api(`/v1/shops/${shop.shopId}/console/setup`, { headers: { cookie } })).status).toBe(200);
    const rotated = await api(`/v1/shops/${shop.shopId}/admin-keys/rotate`, { method: 'POST', headers: bearer(shop.adminKey) });
    expect(rotated.status).toBe(201);
    await expectError(await api(`/v1/shops/${shop.shopId}/console/setup`, { headers: { cookie } }), 401, 'unauthorized');
  });
});

describe('console: set-up checklist', () => {
  it('counts the real imports with their dates, lists webhooks with last delivery and failures, and never a secret', async () => {
    const shop = await seedDemoShop();
    const created = await api(`/v1/shops/${shop.shopId}/webhook-endpoints`, json({ url: 'https://hooks.example.com/aisle' }, bearer(shop.adminKey)));
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: string; secret: string };
    const day = new Date().toISOString();
    const older = new Date(Date.now() - 60_000).toISOString();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO webhook_deliveries (id, shop_id, event_id, endpoint_id, attempt, outcome, status_code, created_at) VALUES ('d1', ?, 'e1', ?, 1, 'delivered', 200, ?)").bind(shop.shopId, endpoint.id, older),
      env.DB.prepare("INSERT INTO webhook_deliveries (id, shop_id, event_id, endpoint_id, attempt, outcome, status_code, error, created_at) VALUES ('d2', ?, 'e2', ?, 1, 'failed', 503, 'Service Unavailable', ?)").bind(shop.shopId, endpoint.id, day),
    ]);
    const res = await api(`/v1/shops/${shop.shopId}/console/setup`, { headers: bearer(shop.adminKey) });
    expect(res.status).toBe(200);
    const text = await res.text();
    const setup = JSON.parse(text);
    const counts = async (sql: string) => (await env.DB.prepare(sql).bind(shop.shopId).first<{ n: number }>())!.n;
    expect(setup.catalog.products).toBe(await counts('SELECT COUNT(*) AS n FROM products WHERE shop_id = ?'));
    expect(setup.catalog.products).toBeGreaterThan(0);
    expect(setup.policies.documents).toBe(await counts('SELECT COUNT(*) AS n FROM policy_documents WHERE shop_id = ?'));
    expect(setup.orders.orders).toBe(await counts('SELECT COUNT(*) AS n FROM orders WHERE shop_id = ?'));
    for (const part of [setup.catalog, setup.policies, setup.orders]) expect(Date.parse(part.lastImportAt)).toBeGreaterThan(Date.now() - 600_000);
    expect(setup.snippet).toMatch(new RegExp(`^<script src="${BASE}/widget.js" data-shop="${shop.shopId}" data-title="[^"]+"( data-[a-z]+="[^"]*")* async></script>$`));
    expect(setup.identityKeys).toEqual([{ kid: 'k1', createdAt: expect.any(String) }]);
    expect(setup.webhooks).toEqual([
      expect.objectContaining({
        id: endpoint.id,
        url: 'https://hooks.example.com/aisle',
        lastDelivery: { at: older, statusCode: 200 },
        failures7d: 1,
        lastFailure: { at: day, statusCode: 503, error: 'Service Unavailable' },
      }),
    ]);
    expect(text).not.toContain(endpoint.secret);
    expect(text).not.toContain('whsec_');
    expect(text).not.toMatch(/"secret/);
  });

  it('puts the saved look into the snippet, escaped, since the widget reads it from the tag', async () => {
    const shop = await createShop();
    await api(`/v1/shops/${shop.shopId}`, { ...json({ name: 'Tom & "Jerry" <Shop>', settings: { widget: { color: '#aa3300', greeting: 'Hi <there>' } } }, bearer(shop.adminKey)), method: 'PATCH' });
    const setup = (await (await api(`/v1/shops/${shop.shopId}/console/setup`, { headers: bearer(shop.adminKey) })).json()) as { snippet: string };
    expect(setup.snippet).toBe(
      `<script src="${BASE}/widget.js" data-shop="${shop.shopId}" data-title="Tom &amp; &quot;Jerry&quot; &lt;Shop&gt;" data-color="#aa3300" data-greeting="Hi &lt;there&gt;" async></script>`,
    );
  });

  it('is empty but well-formed for a new shop', async () => {
    const shop = await createShop();
    const setup = await (await api(`/v1/shops/${shop.shopId}/console/setup`, { headers: bearer(shop.adminKey) })).json();
    expect(setup).toMatchObject({ catalog: { products: 0, lastImportAt: null }, policies: { documents: 0, passages: 0 }, orders: { orders: 0 }, webhooks: [] });
  });
});
