import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AisleMessage, ConversationResponse, HandoffPart, NoticePart } from '../../../shared/chat';
import { runRetention } from '../../../edge/src/retention';
import { api, chat, createShop, dataOf, json, signCustomerToken, type TestShop } from '../helpers';

/**
 * Issue 16, the agent's side: agent messages reach the history with their author, ownership
 * quiets the assistant while the gate still notes money requests, hand back and the ownership
 * timeout return the conversation, versions refuse stale writes, CSAT is one per resolved ticket,
 * and every refusal of acceptance 4 holds.
 */

const ORIGIN = 'https://shop.example';
let shop: TestShop;
let other: TestShop;
let agentKeyId: string;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const call = (s: TestShop, path: string, init: RequestInit = {}) => api(`/v1/shops/${s.shopId}${path}`, init);
const asAgent = (path: string, body?: unknown, method = 'POST', headers: Record<string, string> = {}) =>
  call(shop, path, body === undefined ? { method, headers: { ...bearer(shop.agentKey), ...headers } } : { ...json(body, { ...bearer(shop.agentKey), ...headers }), method });

/** A guest conversation started with a secret, handed off by a refund request. */
async function handedOff(text = 'The jacket arrived torn. I want a refund.') {
  const conversationId = crypto.randomUUID();
  const res = await api(`/v1/shops/${shop.shopId}/chat`, json({ conversationId, message: { text } }, { 'x-aisle-conversation-secret': 'new', origin: ORIGIN }));
  const secret = res.headers.get('x-aisle-conversation-secret')!;
  const body = await res.text();
  const handoff = body.split('\n').filter((l) => l.startsWith('data: {')).map((l) => JSON.parse(l.slice(6))).find((p) => p.type === 'data-handoff')?.data as HandoffPart;
  expect(handoff?.ticketId).toMatch(/^tkt_/);
  return { conversationId, secret, ticketId: handoff.ticketId };
}

async function say(c: { conversationId: string; secret: string }, text: string) {
  const res = await api(`/v1/shops/${shop.shopId}/chat`, json({ conversationId: c.conversationId, message: { text } }, { 'x-aisle-conversation-secret': c.secret, origin: ORIGIN }));
  expect(res.status).toBe(200);
  const parts = (await res.text()).split('\n').filter((l) => l.startsWith('data: {')).map((l) => JSON.parse(l.slice(6)));
  return { parts, text: parts.filter((p) => p.type === 'text-delta').map((p) => p.delta).join('') };
}

async function history(c: { conversationId: string; secret: string }) {
  const res = await call(shop, `/conversations/${c.conversationId}`, { headers: { 'x-aisle-conversation-secret': c.secret } });
  expect(res.status).toBe(200);
  return (await res.json()) as ConversationResponse;
}

const stateOf = async (id: string) => (await env.DB.prepare('SELECT state FROM conversations WHERE id = ?').bind(id).first<{ state: string }>())!.state;

beforeAll(async () => {
  shop = await createShop(undefined, { allowedOrigins: [ORIGIN] });
  other = await createShop();
  const created = await call(shop, '/agent-keys', json({ label: 'Ana', name: 'Ana', email: 'ana@shop.example' }, bearer(shop.adminKey)));
  expect(created.status).toBe(201);
  const body = (await created.json()) as { id: string; key: string; profile: { displayName: string } };
  expect(body.profile.displayName).toBe('Ana');
  agentKeyId = body.id;
  shop = { ...shop, agentKey: body.key };
});

describe('agent messages and ownership', () => {
  it('stores an agent reply with its author, audits it, and makes the assistant quiet', async () => {
    const c = await handedOff();
    expect(await stateOf(c.conversationId)).toBe('handed_off');
    const res = await asAgent(`/tickets/${c.ticketId}/messages`, { text: 'Hi, I am **Ana**. See [our returns](https://evil.example/x) <img src=x onerror=alert(1)>' });
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: AisleMessage };
    expect(message.author).toEqual({ kind: 'person', name: 'Ana', role: 'agent' });
    const text = message.parts[0].type === 'text' ? message.parts[0].text : '';
    // The markdown filter: the off-shop link is plain text, the tag is inert escaped text.
    expect(text).not.toContain('](https://evil.example');
    expect(text).not.toContain('<img');
    expect(await stateOf(c.conversationId)).toBe('agent');

    const restored = await history(c);
    expect(restored.messages.at(-1)?.author).toEqual({ kind: 'person', name: 'Ana', role: 'agent' });
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE conversation_id = ? AND kind = 'agent'").bind(c.conversationId).all<{ data: string }>();
    expect(audit.results.map((r) => JSON.parse(r.data))).toContainEqual(expect.objectContaining({ action: 'message', author: expect.objectContaining({ keyId: agentKeyId, name: 'Ana' }) }));

    // Owned: the assistant says a person is on it, and answers nothing itself.
    const quiet = await say(c, 'What is your return window?');
    expect(quiet.text).toBe('');
    expect(quiet.parts.find((p) => p.type === 'data-notice')?.data.code).toBe('handed_off');
    // The gate still runs: a money request is added to the ticket as a note.
    const money = await say(c, 'Also please cancel my other order and refund the shipping.');
    expect((money.parts.find((p) => p.type === 'data-notice')?.data as NoticePart).text).toMatch(/added/i);
    const notes = (await (await asAgent(`/tickets/${c.ticketId}/notes`, undefined, 'GET')).json()) as { notes: { body: string }[] };
    expect(notes.notes.some((n) => n.body.includes('cancel my other order'))).toBe(true);
  });

  it('hand back returns the conversation to the assistant and tells the shopper', async () => {
    const c = await handedOff();
    expect((await asAgent(`/tickets/${c.ticketId}/take-over`)).status).toBe(200);
    expect(await stateOf(c.conversationId)).toBe('agent');
    expect((await history(c)).messages.at(-1)?.parts.some((p) => p.type === 'data-notice' && p.data.code === 'agent_joined')).toBe(true);
    expect((await asAgent(`/tickets/${c.ticketId}/hand-back`)).status).toBe(200);
    expect(await stateOf(c.conversationId)).toBe('assistant');
    expect((await history(c)).messages.at(-1)?.parts.some((p) => p.type === 'data-notice' && p.data.code === 'agent_left')).toBe(true);
    const answered = await say(c, 'What is your return window?');
    expect(answered.parts.some((p) => p.type === 'data-notice' && p.data.code === 'handed_off')).toBe(false);
  });

  it('the ownership timeout gives a silent agent’s conversation back before the next turn', async () => {
    const c = await handedOff();
    await asAgent(`/tickets/${c.ticketId}/take-over`);
    const old = new Date(Date.now() - 31 * 60_000).toISOString();
    await env.DB.prepare('UPDATE conversations SET owned_at = ?, last_agent_message_at = NULL WHERE id = ?').bind(old, c.conversationId).run();
    const turn = await say(c, 'Hello?');
    expect(turn.parts.some((p) => p.type === 'data-notice' && p.data.code === 'handed_off')).toBe(false);
    expect(await stateOf(c.conversationId)).toBe('assistant');
    const h = await history(c);
    expect(h.messages.some((m) => m.parts.some((p) => p.type === 'data-notice' && p.data.code === 'agent_left'))).toBe(true);
  });
});

describe('versions, resolve and CSAT', () => {
  it('refuses a stale If-Match with 412 and writes nothing', async () => {
    const c = await handedOff();
    const read = await asAgent(`/tickets/${c.ticketId}`, undefined, 'GET');
    const etag = read.headers.get('etag')!;
    expect(etag).toBe('W/"1"');
    const first = await asAgent(`/tickets/${c.ticketId}/workspace`, { status: 'pending' }, 'PUT', { 'if-match': etag });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('W/"2"');
    const stale = await asAgent(`/tickets/${c.ticketId}/workspace`, { draftReply: 'overwrite' }, 'PUT', { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('precondition_failed');
    const after = (await (await asAgent(`/tickets/${c.ticketId}`, undefined, 'GET')).json()) as { version: number; draftReply: string; ticket: { status: string } };
    expect(after).toMatchObject({ version: 2, ticket: { status: 'pending' } });
    expect(after.draftReply).not.toBe('overwrite');
  });

  it('resolving asks for CSAT; one rating per ticket, with the secret only', async () => {
    const c = await handedOff();
    const res = await asAgent(`/tickets/${c.ticketId}`, { status: 'resolved' }, 'PATCH');
    expect(res.status).toBe(200);
    expect(await stateOf(c.conversationId)).toBe('assistant');
    const csat = (await history(c)).messages.flatMap((m) => m.parts).find((p) => p.type === 'data-csat');
    expect(csat?.type === 'data-csat' && csat.data.requestId).toBe(c.ticketId);
    const submit = (secret: string | null, body: unknown) =>
      call(shop, `/conversations/${c.conversationId}/csat`, json(body, { origin: ORIGIN, ...(secret ? { 'x-aisle-conversation-secret': secret } : {}) }));
    expect((await submit(null, { requestId: c.ticketId, rating: 5 })).status).toBe(404);
    expect((await submit(c.secret, { requestId: c.ticketId, rating: 9 })).status).toBe(400);
    expect((await submit(c.secret, { requestId: c.ticketId, rating: 4, comment: 'Quick <b>help</b>' })).status).toBe(201);
    expect((await submit(c.secret, { requestId: c.ticketId, rating: 1 })).status).toBe(409);
    const row = await env.DB.prepare('SELECT rating, comment FROM csat_ratings WHERE ticket_id = ?').bind(c.ticketId).first();
    expect(row).toEqual({ rating: 4, comment: 'Quick <b>help</b>' });
    const event = await env.DB.prepare("SELECT payload FROM outbox_events WHERE ticket_id = ? AND type = 'csat.submitted'").bind(c.ticketId).first<{ payload: string }>();
    expect(JSON.parse(event!.payload).data).toMatchObject({ rating: 4, ticketId: c.ticketId });
  });
});

describe('refusals (acceptance 4)', () => {
  async function session(s: TestShop, key: string) {
    const res = await api(`/v1/shops/${s.shopId}/sessions`, json({ key }, { origin: 'http://aisle.test' }));
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }

  it('another shop’s key or session, a revoked key’s session and a POST without CSRF are refused', async () => {
    const c = await handedOff();
    expect((await call(shop, `/tickets/${c.ticketId}/messages`, json({ text: 'hi' }, bearer(other.agentKey)))).status).toBe(401);
    const foreign = await session(other, other.agentKey);
    expect((await call(shop, `/inbox`, { headers: { cookie: foreign.cookie.replace(other.shopId, shop.shopId) } })).status).toBe(401);
    const own = await session(shop, shop.agentKey);
    expect((await call(shop, '/inbox', { headers: { cookie: own.cookie } })).status).toBe(200);
    // Cross-site: no CSRF header, or a foreign Origin.
    expect((await call(shop, `/tickets/${c.ticketId}/messages`, json({ text: 'hi' }, { cookie: own.cookie, origin: 'http://aisle.test' }))).status).toBe(403);
    expect((await call(shop, `/tickets/${c.ticketId}/messages`, json({ text: 'hi' }, { cookie: own.cookie, origin: 'https://evil.example', 'x-aisle-csrf': own.csrfToken }))).status).toBe(403);
    expect((await call(shop, `/tickets/${c.ticketId}/messages`, json({ text: 'hi' }, { cookie: own.cookie, origin: 'http://aisle.test', 'x-aisle-csrf': own.csrfToken }))).status).toBe(201);
    // A revoked key's session dies with it.
    const extra = (await (await call(shop, '/agent-keys', json({ label: 'temp' }, bearer(shop.adminKey)))).json()) as { id: string; key: string };
    const temp = await session(shop, extra.key);
    expect((await call(shop, '/inbox', { headers: { cookie: temp.cookie } })).status).toBe(200);
    expect((await call(shop, `/agent-keys/${extra.id}`, { method: 'DELETE', headers: bearer(shop.adminKey) })).status).toBe(200);
    expect((await call(shop, '/inbox', { headers: { cookie: temp.cookie } })).status).toBe(401);
  });

  it('live: a WebSocket from a foreign origin, a reused or foreign ticket, and another customer’s conversation are refused', async () => {
    const c = await handedOff();
    const ticketFor = async (headers: Record<string, string>) => call(shop, `/conversations/${c.conversationId}/live`, { method: 'POST', headers: { origin: ORIGIN, ...headers } });
    expect((await ticketFor({})).status).toBe(404); // no secret
    const issued = (await (await ticketFor({ 'x-aisle-conversation-secret': c.secret })).json()) as { ticket: string; url: string };
    expect(issued.url).not.toContain(c.secret);
    const upgrade = (url: string, origin: string) => api(url, { headers: { upgrade: 'websocket', origin } });
    expect((await upgrade(issued.url, 'https://evil.example')).status).toBe(403);
    const ok = await upgrade(issued.url, ORIGIN);
    expect(ok.status).toBe(101);
    const ws = ok.webSocket!;
    ws.accept();
    const got: string[] = [];
    ws.addEventListener('message', (e) => got.push(String(e.data)));
    // Reused: single use.
    expect((await upgrade(issued.url, ORIGIN)).status).toBe(401);
    // Foreign: a ticket of this shop presented to another shop.
    const second = (await (await ticketFor({ 'x-aisle-conversation-secret': c.secret })).json()) as { ticket: string };
    expect((await api(`/v1/shops/${other.shopId}/live?ticket=${second.ticket}`, { headers: { upgrade: 'websocket', origin: ORIGIN } })).status).not.toBe(101);

    // A live agent reply reaches the open socket.
    await asAgent(`/tickets/${c.ticketId}/messages`, { text: 'Live hello' });
    for (let i = 0; i < 50 && !got.some((g) => g.includes('Live hello')); i++) await new Promise((r) => setTimeout(r, 20));
    expect(got.some((g) => g.includes('Live hello'))).toBe(true);
    ws.close();

    // Another customer's conversation looks unknown.
    const alice = await signCustomerToken(shop, 'cus_alice');
    const bob = await signCustomerToken(shop, 'cus_bob');
    const mine = await chat(shop.shopId, { text: 'Hello' }, { token: alice });
    const theirs = await call(shop, `/conversations/${mine.conversationId}/live`, { method: 'POST', headers: { authorization: `Bearer ${bob}` } });
    expect(theirs.status).toBe(404);
  });
});

describe('retention and customer deletion (acceptance 7)', () => {
  it('removes notes, notices, CSAT comments and agent messages by age, and everything of a deleted customer', async () => {
    const c = await handedOff();
    await asAgent(`/tickets/${c.ticketId}/messages`, { text: 'An agent reply' });
    await asAgent(`/tickets/${c.ticketId}/notes`, { body: 'Internal note quoting the shopper' });
    await asAgent(`/tickets/${c.ticketId}`, { status: 'resolved' }, 'PATCH');
    await call(shop, `/conversations/${c.conversationId}/csat`, json({ requestId: c.ticketId, rating: 3, comment: 'ok' }, { origin: ORIGIN, 'x-aisle-conversation-secret': c.secret }));
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    await env.DB.batch([
      env.DB.prepare('UPDATE messages SET created_at = ? WHERE conversation_id = ?').bind(old, c.conversationId),
      env.DB.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').bind(old, c.conversationId),
      env.DB.prepare('UPDATE ticket_notes SET created_at = ? WHERE ticket_id = ?').bind(old, c.ticketId),
      env.DB.prepare('UPDATE csat_ratings SET created_at = ? WHERE ticket_id = ?').bind(old, c.ticketId),
    ]);
    await runRetention(env);
    const count = async (sql: string) => ((await env.DB.prepare(sql).bind(c.ticketId).first<{ n: number }>())!.n);
    expect(await count('SELECT COUNT(*) AS n FROM ticket_notes WHERE ticket_id = ?')).toBe(0);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?').bind(c.conversationId).first()).toEqual({ n: 0 });
    expect(await env.DB.prepare('SELECT rating, comment FROM csat_ratings WHERE ticket_id = ?').bind(c.ticketId).first()).toEqual({ rating: 3, comment: null });

    // A verified customer's agent conversation, notes and rating go with DELETE /customers/:id.
    const token = await signCustomerToken(shop, 'cus_erase');
    const conversationId = crypto.randomUUID();
    const first = await chat(shop.shopId, { conversationId, text: 'The jacket arrived torn. I want a refund.' }, { token });
    const ticketId = dataOf<HandoffPart>(first.parts, 'handoff')[0].ticketId;
    await asAgent(`/tickets/${ticketId}/messages`, { text: 'Sorry to hear that' });
    await asAgent(`/tickets/${ticketId}/notes`, { body: 'Customer note' });
    await asAgent(`/tickets/${ticketId}`, { status: 'resolved' }, 'PATCH');
    await env.DB.prepare("INSERT INTO csat_ratings (id, shop_id, ticket_id, conversation_id, customer_id, rating, comment, created_at) VALUES ('csat_x', ?, ?, ?, 'cus_erase', 2, 'slow', ?)")
      .bind(shop.shopId, ticketId, conversationId, new Date().toISOString())
      .run();
    expect((await call(shop, '/customers/cus_erase', { method: 'DELETE', headers: bearer(shop.adminKey) })).status).toBe(200);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM ticket_notes WHERE ticket_id = ?').bind(ticketId).first()).toEqual({ n: 0 });
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM csat_ratings WHERE ticket_id = ?').bind(ticketId).first()).toEqual({ n: 0 });
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?').bind(conversationId).first()).toEqual({ n: 0 });
  });
});

describe('"you have a reply" emails through the outbox (acceptance 6)', () => {
  it('mails a verified customer who left, once an hour, in their language, with no credential and no other personal data', async () => {
    const put = await call(shop, '/orders', {
      ...json({ customers: [{ id: 'cus_mail', name: 'Marta Ruiz', email: 'marta@example.com' }], orders: [] }, bearer(shop.adminKey)),
      method: 'PUT',
    });
    expect(put.status).toBeLessThan(300);
    await call(shop, '', { ...json({ settings: { support: { email: 'help@shop.example', replyEmailAfterMinutes: 10 } } }, bearer(shop.adminKey)), method: 'PATCH' });
    const token = await signCustomerToken(shop, 'cus_mail', { claims: { email: 'marta@example.com', name: 'Marta Ruiz' } });
    const first = await chat(shop.shopId, { text: 'La chaqueta llegó rota. Quiero un reembolso.', locale: 'es' }, { token, origin: ORIGIN });
    const ticketId = dataOf<HandoffPart>(first.parts, 'handoff')[0].ticketId;
    await env.DB.prepare("UPDATE conversations SET locale = 'es' WHERE id = ?").bind(first.conversationId).run();
    expect((await asAgent(`/tickets/${ticketId}/messages`, { text: 'Hola Marta, lo revisamos hoy.' })).status).toBe(201);

    const { sweepOwnership } = await import('../../../edge/src/agent/ownership');
    const mails = () => env.DB.prepare("SELECT * FROM mail_outbox WHERE shop_id = ? AND to_address = 'marta@example.com'").bind(shop.shopId).all<Record<string, string>>();
    // Not yet: the shopper may still read it live within the window.
    await sweepOwnership(env);
    expect((await mails()).results).toHaveLength(0);
    // Eleven minutes later, never seen live: one email.
    await sweepOwnership(env, Date.now() + 11 * 60_000);
    await sweepOwnership(env, Date.now() + 12 * 60_000);
    const [mail, ...more] = (await mails()).results;
    expect(more).toHaveLength(0);
    expect(mail.subject).toBe(`Tienes una respuesta de Test shop ${shop.shopId}`);
    expect(mail.text_body).toContain(`${ORIGIN}/`);
    expect(mail.text_body).toContain('unsubscribe');
    expect(mail.text_body).not.toContain('lo revisamos'); // the reply itself stays in the chat
    expect(mail.text_body).not.toContain(first.conversationId);
    expect(mail.text_body).not.toContain('Marta Ruiz');
    expect(mail.text_body).not.toMatch(/secret|token|tkt_/i);
    expect(JSON.parse(mail.headers)).toMatchObject({ 'Reply-To': 'help@shop.example' });
    expect(mail.customer_id).toBe('cus_mail');
  });
});

describe('live sockets: caps and revocation', () => {
  it('caps sockets per client IP, and closes an inbox socket once its key is revoked', async () => {
    const { runDurableObjectAlarm } = await import('cloudflare:test');
    const c = await handedOff();
    const open = async (ip: string) => {
      const t = (await (await call(shop, `/conversations/${c.conversationId}/live`, { method: 'POST', headers: { origin: ORIGIN, 'x-aisle-conversation-secret': c.secret } })).json()) as { url: string };
      return api(t.url, { headers: { upgrade: 'websocket', origin: ORIGIN, 'cf-connecting-ip': ip } });
    };
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await open('203.0.113.7');
      expect(r.status).toBe(101);
      r.webSocket!.accept();
      sockets.push(r.webSocket!);
    }
    expect((await open('203.0.113.7')).status).toBe(429);
    const otherIp = await open('203.0.113.8');
    expect(otherIp.status).toBe(101);
    otherIp.webSocket!.accept();
    for (const ws of [...sockets, otherIp.webSocket!]) ws.close();

    // An inbox socket of a session whose key is then revoked is closed by the hub's check.
    const extra = (await (await call(shop, '/agent-keys', json({ label: 'socket' }, bearer(shop.adminKey)))).json()) as { id: string; key: string };
    const signIn = await api(`/v1/shops/${shop.shopId}/sessions`, json({ key: extra.key }, { origin: 'http://aisle.test' }));
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const t = (await (await call(shop, '/live/inbox', { method: 'POST', headers: { cookie, origin: 'http://aisle.test', 'x-aisle-csrf': csrfToken } })).json()) as { url: string };
    expect((await api(t.url, { headers: { upgrade: 'websocket', origin: ORIGIN } })).status).toBe(403); // the inbox is for the workspace's own origin
    const t2 = (await (await call(shop, '/live/inbox', { method: 'POST', headers: { cookie, origin: 'http://aisle.test', 'x-aisle-csrf': csrfToken } })).json()) as { url: string };
    const inbox = await api(t2.url, { headers: { upgrade: 'websocket', origin: 'http://aisle.test' } });
    expect(inbox.status).toBe(101);
    const ws = inbox.webSocket!;
    let closed: number | null = null;
    ws.addEventListener('close', (e) => (closed = e.code));
    ws.accept();
    await call(shop, `/agent-keys/${extra.id}`, { method: 'DELETE', headers: bearer(shop.adminKey) });
    const stub = env.LIVE.get(env.LIVE.idFromName(`inbox:${shop.shopId}`));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    for (let i = 0; i < 50 && closed === null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(4001);
  });
});
