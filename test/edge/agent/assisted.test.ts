import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../../edge/src/index';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModelEngine } from '../../../edge/src/engines/model';
import { scriptedModel } from '../assistant/mock-model';
import type { DraftView } from '../../../shared/agent';
import { LOCALES, type ConversationResponse, type HandoffPart, type NoticePart } from '../../../shared/chat';
import { sweepDrafts } from '../../../edge/src/assisted/drafts';
import { rollupShop } from '../../../edge/src/metrics/rollup';
import { deleteCustomerData } from '../../../edge/src/shops/customer-data';
import { api, dataOf, json, seedDemoShop, signCustomerToken, useEngine, type StreamPart, type TestShop } from '../helpers';

/**
 * Assisted mode (issue 19, acceptance 3), inside workerd with the real D1, queues and live hub:
 * an answer of each class set to `assisted` is generated and guarded, then held; the shopper gets
 * the notice, never the draft; an agent approves or edits it (audited with who); the approved
 * reply is stored in the conversation; an unapproved one becomes a handoff ticket at the timeout;
 * the gate's handoffs are never held; the metrics count approvals and edits.
 */

const ORIGIN = 'https://shop.example';
let shop: TestShop;
let token: string;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const call = (path: string, init: RequestInit = {}) => api(`/v1/shops/${shop.shopId}${path}`, init);
const asAgent = (path: string, body?: unknown) => call(path, body === undefined ? { headers: bearer(shop.agentKey) } : json(body, bearer(shop.agentKey)));

async function setModes(assisted: Record<string, string>, assistedTimeout?: number) {
  const res = await call('', { ...json({ settings: { assisted, ...(assistedTimeout ? { assistedTimeout } : {}) } }, bearer(shop.adminKey)), method: 'PATCH' });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** One shopper turn with a conversation secret (as the widget sends it). */
async function ask(text: string, opts: { conversationId?: string; secret?: string; token?: string; locale?: string } = {}) {
  const conversationId = opts.conversationId ?? crypto.randomUUID();
  const res = await api(
    `/v1/shops/${shop.shopId}/chat`,
    json({ conversationId, message: { text }, ...(opts.locale ? { locale: opts.locale } : {}) }, { 'x-aisle-conversation-secret': opts.secret ?? 'new', origin: ORIGIN, ...(opts.token ? bearer(opts.token) : {}) }),
  );
  expect(res.status).toBe(200);
  const secret = opts.secret ?? res.headers.get('x-aisle-conversation-secret')!;
  const parts = (await res.text())
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => JSON.parse(l.slice(6)) as StreamPart);
  const text_ = parts.filter((p) => p.type === 'text-delta').map((p) => p.delta as string).join('');
  return { conversationId, secret, parts, text: text_ };
}

async function history(c: { conversationId: string; secret: string }, authToken?: string) {
  const res = await call(`/conversations/${c.conversationId}`, { headers: { 'x-aisle-conversation-secret': c.secret, ...(authToken ? bearer(authToken) : {}) } });
  expect(res.status).toBe(200);
  return (await res.json()) as ConversationResponse;
}

const pending = async () => ((await (await asAgent('/drafts')).json()) as { drafts: DraftView[] }).drafts;
const draftOf = async (conversationId: string) => (await pending()).find((d) => d.conversationId === conversationId)!;

beforeAll(async () => {
  shop = await seedDemoShop();
  await call('', { ...json({ allowedOrigins: [ORIGIN] }, bearer(shop.adminKey)), method: 'PATCH' });
  token = await signCustomerToken(shop, 'cus_1001');
});

afterEach(() => useEngine(null));

describe('assisted mode', { timeout: 30_000 }, () => {
  it('holds an answer of each class set to assisted: the shopper gets the notice, never the draft, until it is approved and comes live', async () => {
    await setModes({ product: 'assisted', policy: 'assisted', order: 'assisted', other: 'assisted' });
    const cases: { cls: string; text: string; card: string | null; token?: boolean }[] = [
      { cls: 'product', text: 'Do you have a waterproof rain jacket?', card: 'products' },
      { cls: 'policy', text: 'How long is your return window?', card: 'citations' },
      { cls: 'order', text: 'Where is my order NW-10231?', card: 'order', token: true },
      { cls: 'other', text: 'Hello there', card: null },
    ];
    for (const c of cases) {
      const turn = await ask(c.text, c.token ? { token } : {});
      const notices = dataOf<NoticePart>(turn.parts, 'notice');
      expect(notices.map((n) => n.code), c.cls).toEqual(['reply_held']);
      expect(turn.text).toBe(notices[0].text);
      // Nothing of the answer reached the stream: no cards, no text but the notice.
      if (c.card) expect(dataOf(turn.parts, c.card), c.cls).toEqual([]);
      const stored = await history(turn, c.token ? token : undefined);
      expect(stored.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(JSON.stringify(stored.messages[1].parts)).not.toContain('data-products');
      const draft = await draftOf(turn.conversationId);
      expect(draft, c.cls).toMatchObject({ answerClass: c.cls, question: c.text, status: 'pending' });
      expect(draft.text.length).toBeGreaterThan(10);
      expect(draft.text).not.toBe(notices[0].text);
      if (c.card) expect(draft.attachments, c.cls).toContain(`data-${c.card}`);
      const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE turn_id = (SELECT turn_id FROM assisted_drafts WHERE id = ?) AND kind = 'turn'").bind(draft.id).first<{ data: string }>();
      expect(JSON.parse(audit!.data)).toMatchObject({ delivery: 'hold', draftId: draft.id, answerClass: c.cls, sent: notices[0].text, held: draft.text });

      // The widget's live channel for this conversation; approval sends the reply over it.
      const auth = { origin: ORIGIN, 'x-aisle-conversation-secret': turn.secret, ...(c.token ? bearer(token) : {}) };
      const issued = (await (await call(`/conversations/${turn.conversationId}/live`, { method: 'POST', headers: auth })).json()) as { url: string };
      const upgraded = await api(issued.url, { headers: { upgrade: 'websocket', origin: ORIGIN } });
      expect(upgraded.status).toBe(101);
      const ws = upgraded.webSocket!;
      ws.accept();
      const got: { type: string; message?: { parts: { type: string; text?: string }[] } }[] = [];
      ws.addEventListener('message', (e) => got.push(JSON.parse(String(e.data))));
      const approved = await asAgent(`/drafts/${draft.id}/approve`, {});
      expect(approved.status, c.cls).toBe(200);
      expect(((await approved.json()) as { deliveredLive: boolean }).deliveredLive).toBe(true);
      await expect.poll(() => got.find((e) => e.type === 'message')?.message?.parts.find((p) => p.type === 'text')?.text).toBe(draft.text);
      ws.close();
      expect((await history(turn, c.token ? token : undefined)).messages.map((m) => m.role)).toEqual(['user', 'assistant', 'assistant']);
    }
    await setModes({ product: 'autonomous', policy: 'autonomous', order: 'autonomous', other: 'autonomous' });
  });

  it('speaks the notice in each of the six languages', async () => {
    await setModes({ product: 'assisted' });
    const seen = new Map<string, string>();
    for (const locale of LOCALES) {
      const turn = await ask('Harbour Fleece Vest?', { locale });
      const [notice] = dataOf<NoticePart>(turn.parts, 'notice');
      expect(notice?.code, locale).toBe('reply_held');
      expect(notice.state).toBe('held');
      seen.set(locale, notice.text);
      expect((await draftOf(turn.conversationId)).locale).toBe(locale);
    }
    expect(new Set(seen.values()).size).toBe(6);
  });

  it('streams classes left autonomous as before, and never holds a gate handoff', async () => {
    await setModes({ product: 'assisted', policy: 'autonomous', order: 'autonomous', other: 'autonomous' });
    const policy = await ask('How long is your return window?');
    expect(dataOf<NoticePart>(policy.parts, 'notice').map((n) => n.code)).not.toContain('reply_held');
    expect(dataOf(policy.parts, 'citations').length).toBeGreaterThan(0);
    const refund = await ask('The jacket arrived torn, I want a refund and a discount on a new one');
    const [handoff] = dataOf<HandoffPart>(refund.parts, 'handoff');
    expect(handoff?.ticketId).toMatch(/^tkt_/);
    expect(dataOf<NoticePart>(refund.parts, 'notice').map((n) => n.code)).not.toContain('reply_held');
    expect((await pending()).some((d) => d.conversationId === refund.conversationId || d.conversationId === policy.conversationId)).toBe(false);
  });

  it('holds a model answer streamed word by word; a model promise the guard blocks is a handoff, never held', async () => {
    await setModes({ product: 'assisted' });
    const reply = 'Here are our waterproof jackets; the cards show prices and stock.';
    const scripted = scriptedModel([{ toolCalls: [{ toolName: 'searchCatalog', input: { query: 'waterproof jacket' } }] }, { text: reply }]);
    useEngine(() => ({ primary: createModelEngine(() => scripted.model), name: 'model' }));
    const turn = await ask('Do you have a waterproof jacket?');
    expect(dataOf<NoticePart>(turn.parts, 'notice').map((n) => n.code)).toEqual(['reply_held']);
    expect(turn.text).not.toContain('waterproof jackets');
    const draft = await draftOf(turn.conversationId);
    expect(draft.text).toBe(reply);
    expect(draft.attachments).toContain('data-products');

    const promise = scriptedModel([{ text: 'Good news! I have refunded your order in full.' }]);
    useEngine(() => ({ primary: createModelEngine(() => promise.model), name: 'model' }));
    // A product question (a guest's order question gets the order form from code, never a model).
    const blocked = await ask('Which of your jackets is the warmest?');
    expect(dataOf<HandoffPart>(blocked.parts, 'handoff')[0]?.ticketId).toMatch(/^tkt_/);
    expect(dataOf<NoticePart>(blocked.parts, 'notice').map((n) => n.code)).not.toContain('reply_held');
    expect(blocked.text).not.toContain('refunded your order');
    expect((await pending()).some((d) => d.conversationId === blocked.conversationId)).toBe(false);
  });

  it('sends an approved draft as written, stored in the conversation and audited with who approved', async () => {
    await setModes({ product: 'assisted' });
    const turn = await ask('Do you have a waterproof rain jacket?');
    const draft = await draftOf(turn.conversationId);
    // While it waits, a reloaded widget learns it (and keeps its live channel open).
    expect((await history(turn)).state).toBe('held');
    const res = await asAgent(`/drafts/${draft.id}/approve`, {});
    expect(res.status).toBe(200);
    const out = (await res.json()) as { draft: DraftView; message: { id: string; parts: { type: string; text?: string }[]; author?: unknown } };
    expect(out.draft).toMatchObject({ status: 'approved', sentText: draft.text });
    expect(out.message.author).toBeUndefined();
    const stored = await history(turn);
    expect(stored.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'assistant']);
    expect(stored.state).toBe('assistant');
    const last = stored.messages[2];
    expect(last.parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('')).toBe(draft.text);
    expect(last.parts.some((p) => p.type === 'data-products')).toBe(true);
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE conversation_id = ? AND kind = 'agent'").bind(turn.conversationId).all<{ data: string }>();
    expect(audit.results.map((r) => JSON.parse(r.data))).toEqual([
      expect.objectContaining({ action: 'draft_approved', draftId: draft.id, sent: draft.text, author: expect.objectContaining({ keyId: expect.any(String), via: 'key' }) }),
    ]);
    // Decided once: a second approval (or an edit) is a 409, and nothing is sent twice.
    const again = await asAgent(`/drafts/${draft.id}/approve`, { text: 'Something else' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect((await history(turn)).messages).toHaveLength(3);
    expect((await pending()).some((d) => d.id === draft.id)).toBe(false);
  });

  it('records an edit: the person’s words, through the markdown filter and not the promise guard', async () => {
    await setModes({ product: 'assisted' });
    const turn = await ask('Do you have a waterproof rain jacket?');
    const draft = await draftOf(turn.conversationId);
    // A person may promise what the assistant may not; a link off the shop stays plain text.
    const edit = 'Yes! I have set one aside for you and refunded the shipping. See [this](https://evil.example/x) <b>now</b>.';
    const res = await asAgent(`/drafts/${draft.id}/approve`, { text: edit });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { draft: DraftView; message: { parts: { type: string; text?: string }[]; author?: { kind: string; name: string } } };
    expect(out.draft.status).toBe('edited');
    expect(out.message.author).toMatchObject({ kind: 'person', role: 'agent' });
    const sent = out.message.parts.find((p) => p.type === 'text')!.text!;
    expect(sent).toContain('refunded the shipping');
    expect(sent).not.toContain('https://evil.example');
    expect(sent).not.toContain('<b>');
    expect(out.message.parts.some((p) => p.type === 'data-products')).toBe(true);
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE conversation_id = ? AND kind = 'agent'").bind(turn.conversationId).first<{ data: string }>();
    expect(JSON.parse(audit!.data)).toMatchObject({ action: 'draft_edited', draftId: draft.id, draft: draft.text, sent });
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE conversation_id = ? AND kind = 'guard'").bind(turn.conversationId).first<{ n: number }>())!.n).toBe(0);
  });

  it('refuses bad input with a code and zod issues, and another shop’s key', async () => {
    await setModes({ product: 'assisted' });
    const turn = await ask('Do you have a waterproof rain jacket?');
    const draft = await draftOf(turn.conversationId);
    for (const body of [{ text: '   ' }, { text: 'x'.repeat(4001) }, { text: 5 }, { approve: true }]) {
      const res = await asAgent(`/drafts/${draft.id}/approve`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as { error: { code: string; issues: unknown[] } };
      expect(err.error.code).toBe('invalid_request');
      expect(err.error.issues.length).toBeGreaterThan(0);
    }
    expect((await call('/drafts?status=maybe', { headers: bearer(shop.agentKey) })).status).toBe(400);
    const bad = await call('', { ...json({ settings: { assisted: { product: 'sometimes' } } }, bearer(shop.adminKey)), method: 'PATCH' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: unknown[] } }).error.issues.length).toBeGreaterThan(0);
    expect((await asAgent('/drafts/drf_nope/approve', {})).status).toBe(404);
    // No key, a customer token, another shop's key: no drafts, nothing approved.
    expect((await call('/drafts')).status).toBe(401);
    expect((await call(`/drafts/${draft.id}/approve`, json({}, bearer(token)))).status).toBe(401);
    const other = await seedDemoShop();
    expect((await api(`/v1/shops/${other.shopId}/drafts/${draft.id}/approve`, json({}, bearer(other.agentKey)))).status).toBe(404);
    expect((await draftOf(turn.conversationId)).status).toBe('pending');
  });

  it('turns a draft nobody approved within assistedTimeout into a handoff ticket carrying it', async () => {
    await setModes({ product: 'assisted' }, 5);
    const turn = await ask('Do you have a waterproof rain jacket?');
    const draft = await draftOf(turn.conversationId);
    expect(Date.parse(draft.expiresAt) - Date.parse(draft.createdAt)).toBe(5 * 60_000);
    // Not yet due: nothing happens.
    await sweepDrafts(env, new Date(Date.parse(draft.createdAt) + 4 * 60_000));
    expect((await draftOf(turn.conversationId))?.status).toBe('pending');
    await sweepDrafts(env, new Date(Date.parse(draft.expiresAt) + 1000));
    const row = await env.DB.prepare('SELECT status, ticket_id FROM assisted_drafts WHERE id = ?').bind(draft.id).first<{ status: string; ticket_id: string }>();
    expect(row!.status).toBe('timed_out');
    const ticket = await env.DB.prepare('SELECT draft_reply, category, data FROM tickets WHERE id = ?').bind(row!.ticket_id).first<{ draft_reply: string; category: string; data: string }>();
    expect(ticket!.draft_reply).toBe(draft.text);
    expect(ticket!.category).toBe('other');
    expect(JSON.parse(ticket!.data).latestMessage).toBe('Do you have a waterproof rain jacket?');
    // The shopper is told (after the ticket was stored), with its card; never the unchecked draft.
    const stored = await history(turn);
    const last = stored.messages.at(-1)!;
    expect(last.parts.find((p) => p.type === 'data-handoff')).toMatchObject({ data: { ticketId: row!.ticket_id } });
    expect(JSON.stringify(stored.messages)).not.toContain(draft.text);
    expect(stored.state).toBe('handed_off');
    // Too late to approve, and a second sweep does nothing.
    expect((await asAgent(`/drafts/${draft.id}/approve`, {})).status).toBe(409);
    expect(await sweepDrafts(env, new Date(Date.parse(draft.expiresAt) + 120_000))).toBe(0);
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE conversation_id = ? AND kind = 'agent'").bind(turn.conversationId).first<{ data: string }>();
    expect(JSON.parse(audit!.data)).toMatchObject({ action: 'draft_timed_out', draftId: draft.id, ticketId: row!.ticket_id });
  });

  it('is timed out by the every-minute cron of the scheduled handler', async () => {
    await setModes({ product: 'assisted' }, 1);
    const turn = await ask('Do you have a waterproof rain jacket?');
    const draft = await draftOf(turn.conversationId);
    // Its minute is up.
    await env.DB.prepare('UPDATE assisted_drafts SET expires_at = ? WHERE id = ?').bind(new Date(Date.now() - 1000).toISOString(), draft.id).run();
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    const row = await env.DB.prepare('SELECT status, ticket_id FROM assisted_drafts WHERE id = ?').bind(draft.id).first<{ status: string; ticket_id: string | null }>();
    expect(row).toMatchObject({ status: 'timed_out', ticket_id: expect.stringMatching(/^tkt_/) });
  });

  it('counts held, approved and edited replies in the metrics, and not as answered without a person', async () => {
    const fresh = await seedDemoShop();
    const prev = shop;
    shop = fresh;
    await call('', { ...json({ allowedOrigins: [ORIGIN] }, bearer(shop.adminKey)), method: 'PATCH' });
    try {
      await setModes({ product: 'assisted' });
      const turns = [];
      for (let i = 0; i < 3; i++) turns.push(await ask('Do you have a waterproof rain jacket?'));
      await ask('How long is your return window?');
      const drafts = await pending();
      expect(drafts).toHaveLength(3);
      expect((await asAgent(`/drafts/${drafts[0].id}/approve`, {})).status).toBe(200);
      expect((await asAgent(`/drafts/${drafts[1].id}/approve`, { text: drafts[1].text })).status).toBe(200);
      expect((await asAgent(`/drafts/${drafts[2].id}/approve`, { text: 'We have two waterproof jackets in stock.' })).status).toBe(200);
      const report = await rollupShop(env.DB, shop.shopId, 'UTC', 180, new Date());
      expect(report.rowsWritten).toBeGreaterThan(0);
      const metrics = (await (await call('/metrics?days=1', { headers: bearer(shop.adminKey) })).json()) as { totals: Record<string, number> };
      expect(metrics.totals).toMatchObject({ turns: 4, assisted_held: 3, assisted_approved: 2, assisted_edited: 1, answered_without_person: 1 });
      // Twice is once.
      expect((await rollupShop(env.DB, shop.shopId, 'UTC', 180, new Date())).rowsWritten).toBe(0);
    } finally {
      shop = prev;
    }
  });

  it('deletes a customer’s held replies with their data', async () => {
    await setModes({ order: 'assisted' });
    const turn = await ask('Where is my order NW-10231?', { token });
    const draft = await draftOf(turn.conversationId);
    expect(draft.answerClass).toBe('order');
    await deleteCustomerData(env.DB, shop.shopId, 'cus_1001');
    expect(await env.DB.prepare('SELECT id FROM assisted_drafts WHERE id = ?').bind(draft.id).first()).toBeNull();
  });
});
