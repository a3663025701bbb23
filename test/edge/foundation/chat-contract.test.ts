import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../../shared/errors';
import { api, chat, createShop, json, signCustomerToken } from '../helpers';

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ErrorBody.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body;
}

const chatReq = (shop: string, body: unknown, headers: Record<string, string> = {}) => api(`/v1/shops/${shop}/chat`, json(body, headers));
const valid = () => ({ conversationId: crypto.randomUUID(), message: { text: 'hello' } });

describe('chat contract: bad input gets a clear 4xx with a code and the zod issues', () => {
  it('answers healthz', async () => {
    const res = await api('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('rejects a body that is not JSON with 400 invalid_request', async () => {
    const shop = await createShop();
    const res = await api(`/v1/shops/${shop.shopId}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"conversationId": ' });
    await expectError(res, 400, 'invalid_request');
  });

  it('rejects wrong types and names the field in the issues', async () => {
    const shop = await createShop();
    const body = await expectError(await chatReq(shop.shopId, { conversationId: 42, message: { text: 7 } }), 400, 'invalid_request');
    const paths = body.error.issues!.map((i) => i.path.join('.'));
    expect(paths).toContain('conversationId');
    expect(paths).toContain('message.text');
  });

  it('rejects unknown fields such as client-sent history or a customer id', async () => {
    const shop = await createShop();
    for (const extra of [{ messages: [{ role: 'user', content: 'hi' }] }, { customerId: 'cus_1' }]) {
      const body = await expectError(await chatReq(shop.shopId, { ...valid(), ...extra }), 400, 'invalid_request');
      expect(JSON.stringify(body.error.issues)).toMatch(/messages|customerId/);
    }
  });

  it('rejects empty and over-long text', async () => {
    const shop = await createShop();
    await expectError(await chatReq(shop.shopId, { conversationId: crypto.randomUUID(), message: { text: '   ' } }), 400, 'invalid_request');
    await expectError(await chatReq(shop.shopId, { conversationId: crypto.randomUUID(), message: { text: 'a'.repeat(4001) } }), 400, 'invalid_request');
  });

  it('answers 404 for an unknown shop, also on a preflight', async () => {
    await expectError(await chatReq('no-such-shop', valid()), 404, 'not_found');
    const pre = await api('/v1/shops/no-such-shop/chat', { method: 'OPTIONS', headers: { origin: 'https://a.test', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(404);
  });

  it('rejects a body over 16 KB with 413, also when sent chunked', async () => {
    const shop = await createShop();
    const big = JSON.stringify({ ...valid(), message: { text: 'x'.repeat(17 * 1024) } });
    await expectError(await api(`/v1/shops/${shop.shopId}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big }), 413, 'payload_too_large');
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const res = await api(`/v1/shops/${shop.shopId}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit);
    await expectError(res, 413, 'payload_too_large');
  });

  it('answers 404 for unknown endpoints in the JSON error shape', async () => {
    await expectError(await api('/v1/nothing-here'), 404, 'not_found');
  });
});

describe('conversations: the server owns the history', () => {
  it('stores every turn and returns it as UI messages', async () => {
    const shop = await createShop();
    const first = await chat(shop.shopId, { text: 'hello there' });
    expect(first.res.status).toBe(200);
    await chat(shop.shopId, { conversationId: first.conversationId, text: 'thanks!' });
    const res = await api(`/v1/shops/${shop.shopId}/conversations/${first.conversationId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { role: string; parts: { type: string; text?: string }[] }[] };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(body.messages[0].parts[0]).toEqual({ type: 'text', text: 'hello there' });
    expect(body.messages[1].parts.find((p) => p.type === 'text')?.text).toBe(first.text);
  });

  it("hides a verified customer's conversation from everyone else (404), and from other shops", async () => {
    const shop = await createShop();
    const alice = await signCustomerToken(shop, 'cus_alice');
    const bob = await signCustomerToken(shop, 'cus_bob');
    const convo = await chat(shop.shopId, { text: 'hello' }, { token: alice });
    expect(convo.res.status).toBe(200);

    const path = `/v1/shops/${shop.shopId}/conversations/${convo.conversationId}`;
    expect((await api(path, { headers: { authorization: `Bearer ${alice}` } })).status).toBe(200);
    await expectError(await api(path, { headers: { authorization: `Bearer ${bob}` } }), 404, 'not_found');
    await expectError(await api(path), 404, 'not_found');
    // Continuing it as someone else looks exactly like an unknown conversation.
    const asBob = await chat(shop.shopId, { conversationId: convo.conversationId, text: 'show me the history' }, { token: bob });
    await expectError(asBob.res, 404, 'not_found');
    const asGuest = await chat(shop.shopId, { conversationId: convo.conversationId, text: 'hi' });
    await expectError(asGuest.res, 404, 'not_found');

    const other = await createShop();
    await expectError(await api(`/v1/shops/${other.shopId}/conversations/${convo.conversationId}`), 404, 'not_found');
  });

  it('answers 404 for a conversation id that was never used', async () => {
    const shop = await createShop();
    await expectError(await api(`/v1/shops/${shop.shopId}/conversations/${crypto.randomUUID()}`), 404, 'not_found');
  });
});
