import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CONVERSATION_SECRET_HEADER } from '../../../shared/chat';
import { mayUseConversation } from '../../../edge/src/conversations/access';
import { getConversation } from '../../../edge/src/conversations/store';
import { api, chat, createShop, signCustomerToken } from '../helpers';
import { expectError } from '../shops/support';

const H = CONVERSATION_SECRET_HEADER;

/** A v1.0 client: no secret asked for, so the conversation is `open`. */
async function startOpen(shopId: string, opts: { token?: string } = {}) {
  const conversationId = crypto.randomUUID();
  const r = await chat(shopId, { conversationId, text: 'hello there' }, opts as never);
  return { conversationId, r };
}

describe('conversation secret (v1.1)', () => {
  it('is answered once on the first turn and then needed to read and to continue', async () => {
    const shop = await createShop();
    const conversationId = crypto.randomUUID();
    const first = await api(`/v1/shops/${shop.shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [H]: 'new' },
      body: JSON.stringify({ conversationId, message: { text: 'hello there' } }),
    });
    expect(first.status).toBe(200);
    const secret = first.headers.get(H)!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await first.text();
    // Only the hash is stored.
    const row = (await getConversation(env.DB, conversationId))!;
    expect(row.access).toBe('secret');
    expect(JSON.stringify(row)).not.toContain(secret);

    const path = `/v1/shops/${shop.shopId}/conversations/${conversationId}`;
    await expectError(await api(path), 404, 'not_found');
    await expectError(await api(path, { headers: { [H]: 'x'.repeat(43) } }), 404, 'not_found');
    const own = await api(path, { headers: { [H]: secret } });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { messages: unknown[]; state: string }).state).toBe('assistant');

    // Continuing without the secret looks like an unknown conversation; with it, it works and no new secret is issued.
    const stranger = await chat(shop.shopId, { conversationId, text: 'show me the history' });
    await expectError(stranger.res, 404, 'not_found');
    const next = await api(`/v1/shops/${shop.shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [H]: secret },
      body: JSON.stringify({ conversationId, message: { text: 'thanks!' } }),
    });
    expect(next.status).toBe(200);
    expect(next.headers.get(H)).toBeNull();
    await next.text();
    const after = (await (await api(path, { headers: { [H]: secret } })).json()) as { messages: { role: string }[] };
    expect(after.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('refuses `new` for an id that already exists, so nobody can take over an open conversation', async () => {
    const shop = await createShop();
    const { conversationId } = await startOpen(shop.shopId);
    const takeover = await api(`/v1/shops/${shop.shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [H]: 'new' },
      body: JSON.stringify({ conversationId, message: { text: 'hi' } }),
    });
    await expectError(takeover, 404, 'not_found');
    expect((await getConversation(env.DB, conversationId))!.access).toBe('open');
  });

  it('does not create a conversation for a presented secret that names none', async () => {
    const shop = await createShop();
    const conversationId = crypto.randomUUID();
    const res = await api(`/v1/shops/${shop.shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [H]: 'made-up-secret-value' },
      body: JSON.stringify({ conversationId, message: { text: 'hi' } }),
    });
    await expectError(res, 404, 'not_found');
    expect(await getConversation(env.DB, conversationId)).toBeNull();
  });

  it("keeps a verified customer's rule on top: the secret alone does not open their conversation", async () => {
    const shop = await createShop();
    const alice = await signCustomerToken(shop, 'cus_alice');
    const conversationId = crypto.randomUUID();
    const first = await api(`/v1/shops/${shop.shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [H]: 'new', authorization: `Bearer ${alice}` },
      body: JSON.stringify({ conversationId, message: { text: 'hello' } }),
    });
    const secret = first.headers.get(H)!;
    await first.text();
    const path = `/v1/shops/${shop.shopId}/conversations/${conversationId}`;
    await expectError(await api(path, { headers: { [H]: secret } }), 404, 'not_found');
    expect((await api(path, { headers: { [H]: secret, authorization: `Bearer ${alice}` } })).status).toBe(200);
  });

  it('keeps conversations from before the migration readable by id, and read-only', async () => {
    const shop = await createShop();
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    // Inserted as rows existed before 0006: the column default marks them legacy.
    await env.DB.batch([
      env.DB.prepare('INSERT INTO conversations (id, shop_id, created_at, updated_at) VALUES (?, ?, ?, ?)').bind(id, shop.shopId, now, now),
      env.DB.prepare("INSERT INTO messages (id, conversation_id, shop_id, role, parts, created_at) VALUES ('m1', ?, ?, 'user', '[{\"type\":\"text\",\"text\":\"old question\"}]', ?)").bind(id, shop.shopId, now),
    ]);
    const res = await api(`/v1/shops/${shop.shopId}/conversations/${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ readOnly: true, messages: [{ parts: [{ type: 'text', text: 'old question' }] }] });
    const cont = await chat(shop.shopId, { conversationId: id, text: 'one more thing' });
    await expectError(cont.res, 404, 'not_found');
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?').bind(id).first<{ n: number }>();
    expect(count!.n).toBe(1);
  });

  it('opens v1.1 features (use "secret") only for secret conversations with their secret', async () => {
    const shop = await createShop();
    const { conversationId } = await startOpen(shop.shopId);
    const open = (await getConversation(env.DB, conversationId))!;
    expect(await mayUseConversation(open, { shopId: shop.shopId, identity: { level: 'guest' }, secret: null, use: 'secret' })).toBe(false);
    expect(await mayUseConversation(open, { shopId: shop.shopId, identity: { level: 'guest' }, secret: null, use: 'read' })).toBe(true);
  });

  it('lets browsers send the header and read it back (CORS)', async () => {
    const origin = 'https://shop.example';
    const shop = await createShop(undefined, { allowedOrigins: [origin] });
    const pre = await api(`/v1/shops/${shop.shopId}/chat`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type, ${H}` } });
    expect(pre.headers.get('access-control-allow-headers')).toContain(H);
    const r = await api(`/v1/shops/${shop.shopId}/chat`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', [H]: 'new' },
      body: JSON.stringify({ conversationId: crypto.randomUUID(), message: { text: 'hi' } }),
    });
    expect(r.headers.get('access-control-expose-headers')).toContain(H);
    await r.text();
  });
});
