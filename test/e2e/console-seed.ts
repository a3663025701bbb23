import { expect } from 'vitest';
import type { ScriptedReply } from './scripted-openai';

/**
 * One day of shopper traffic with known outcomes, sent through the real chat API (each in a
 * conversation of its own), and the scripted model replies it needs. What each line must
 * count as is written next to it; `EXPECTED` is what the metrics must show for the day.
 */
export const SEED: { text: string; times: number; outcome: string }[] = [
  { text: 'Do you have a waterproof jacket?', times: 10, outcome: 'product answer (the model searches the catalog)' },
  { text: 'What is your shipping policy?', times: 5, outcome: 'policy answer (the model searches the policies)' },
  { text: 'Please cancel my order, I changed my mind', times: 3, outcome: 'gate handoff (cancellation), no model call; the first is resolved and the shopper rates it 4' },
  { text: 'Can you check my jacket order?', times: 1, outcome: 'the model promises a refund: guard block and guard handoff' },
  { text: 'status500 do you have a waterproof jacket?', times: 2, outcome: 'the model fails: fallback model_failure, the offline engine answers with products' },
];

/** 12 product answers (2 of them fallbacks), 5 policy, 3 gate handoffs, 1 guard block, 2 fallbacks, 1 CSAT of 4. */
export const EXPECTED = {
  turns: 21,
  conversations: 21,
  answered_without_person: 17,
  'answer_class:product': 12,
  'answer_class:policy': 5,
  'answer_class:handoff': 4,
  handoffs: 4,
  'handoff_source:gate': 3,
  'handoff_source:guard': 1,
  'handoff_category:cancellation': 3,
  blocked_promises: 1,
  fallbacks: 2,
  'fallback:model_failure': 2,
  'engine:model': 16,
  'engine:offline': 5,
  csat_count: 1,
  csat_sum: 4,
};

/** The scripted model: what it answers for each seeded message (a tool call first where it needs data). */
export function seedModel(text: string, hasToolResult: boolean): ScriptedReply {
  if (/^status500/.test(text)) return { status: 500 };
  if (/waterproof jacket/.test(text)) return hasToolResult ? { text: 'Here are our waterproof jackets; the cards show prices and stock.' } : { toolCalls: [{ name: 'searchCatalog', args: { query: 'waterproof jacket' } }] };
  if (/shipping policy/.test(text)) return hasToolResult ? { text: 'Here is what our shipping policy says.' } : { toolCalls: [{ name: 'searchPolicies', args: { query: 'shipping' } }] };
  if (/check my jacket order/.test(text)) return { text: 'Good news! I have refunded your order in full. Anything else?' };
  return { text: 'I can help with that.' };
}

const SECRET = 'x-aisle-conversation-secret';

/**
 * Sends the day. The first cancellation is made as the widget makes it (with a conversation
 * secret), resolved by a person through the agent API, and rated 4 through the CSAT endpoint
 * the widget's card posts to: the one CSAT of the day, through the real APIs.
 */
export async function seedDay(url: string, shop: string, adminKey: string): Promise<void> {
  let rated: { conversationId: string; secret: string; ticketId: string } | null = null;
  for (const { text, times } of SEED) {
    for (let i = 0; i < times; i++) {
      const conversationId = crypto.randomUUID();
      const withSecret: boolean = !rated && text.startsWith('Please cancel');
      const res: Response = await fetch(`${url}/v1/shops/${shop}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(withSecret ? { [SECRET]: 'new' } : {}) },
        body: JSON.stringify({ conversationId, message: { text } }),
      });
      expect(res.status, text).toBe(200);
      const body = await res.text();
      if (!withSecret) continue;
      const handoff = body
        .split('\n')
        .filter((l: string) => l.startsWith('data: {'))
        .map((l: string) => JSON.parse(l.slice(6)) as { type: string; data: { ticketId: string } })
        .find((p) => p.type === 'data-handoff')!;
      rated = { conversationId, secret: res.headers.get(SECRET)!, ticketId: handoff.data.ticketId };
    }
  }
  expect(rated?.secret).toBeTruthy();
  const admin = { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` };
  const read = await fetch(`${url}/v1/shops/${shop}/tickets/${rated!.ticketId}`, { headers: admin });
  expect(read.status).toBe(200);
  const resolved = await fetch(`${url}/v1/shops/${shop}/tickets/${rated!.ticketId}/workspace`, {
    method: 'PUT',
    headers: { ...admin, 'if-match': read.headers.get('etag')! },
    body: JSON.stringify({ status: 'resolved' }),
  });
  expect(resolved.status, await resolved.clone().text()).toBe(200);
  const csat = await fetch(`${url}/v1/shops/${shop}/conversations/${rated!.conversationId}/csat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET]: rated!.secret },
    body: JSON.stringify({ requestId: rated!.ticketId, rating: 4 }),
  });
  expect(csat.status, await csat.clone().text()).toBe(201);
}
