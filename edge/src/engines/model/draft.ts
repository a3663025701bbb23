import { generateText } from 'ai';
import type { Ticket } from '../../../../shared/ticket';
import { canonicalMarkdown, createGroundingCheck, Hygiene, linkPolicy } from '../../turn';
import { outboxInsert, enqueueEvent, newEventId } from '../../handoff/outbox';
import { wordingOf } from '../../language';
import { nowIso } from '../../lib/ids';
import { findPromise } from '../../policy-gate/promise-guard';
import type { ShopRecord } from '../../shops/store';
import type { ModelFactory } from './index';

/**
 * A draft reply for the agent, written by the model from the ticket's facts when a model is
 * configured. It is a draft only: never sent to the shopper by itself. It is still guarded, as
 * an agent may send it as it stands: no sentence that claims an action as done or promised, no
 * figure or order number that is not in the ticket's facts, no prompt text, no JSON, no markup
 * beyond the canonical subset. When nothing useful survives, the deterministic draft stays.
 */

export const DRAFT_LIMITS = { maxOutputTokens: 350, timeoutMs: 15_000 };

export function draftPrompt(ticket: Ticket, shop: Pick<ShopRecord, 'name'>): { system: string; prompt: string } {
  const language = wordingOf(ticket.language).englishName;
  const system = [
    `You write a reply draft for a support agent of ${shop.name}. The agent reads it, decides and sends it; you do not decide anything.`,
    `Write in ${language}, 3 to 6 short sentences, plain text, addressed to the customer.`,
    'Use only the facts given. Name the order and its state, restate what the customer asked for, and quote what the policy says.',
    'Never say that anything has been or will be refunded, cancelled, changed, approved or sent: the agent decides that.',
    'No placeholders, no lists, no links.',
  ].join('\n');
  const facts = [
    ticket.summary,
    ...ticket.policyPassages.map((p) => `Policy "${p.title}": ${p.text}`),
    `The customer's latest message: ${ticket.latestMessage}`,
  ].join('\n');
  return { system, prompt: facts };
}

/** The draft's sentences that pass the guard; paragraphs are kept. */
export function guardDraft(text: string, ticket: Ticket, system: string): string | null {
  const hygiene = new Hygiene();
  hygiene.protect({ systemPrompt: system });
  const grounding = createGroundingCheck(() => ({
    texts: [ticket.summary, ticket.toldShopper, ticket.latestMessage, ...ticket.policyPassages.map((p) => p.text)],
    products: [],
    orders: ticket.orders.map((o) => o.number),
    values: [],
  }));
  const plain = canonicalMarkdown(text, linkPolicy('https://invalid.invalid', []));
  const paragraphs = plain
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split(/(?<=[.!?])\s+/)
        .filter((s) => s.trim() && !hygiene.check(s) && !findPromise(s) && !grounding(s))
        .join(' '),
    )
    .filter((p) => p.trim().length > 0);
  const draft = paragraphs.join('\n\n').trim();
  // A greeting and a sign-off alone are not a draft.
  return draft.length >= 80 ? draft.slice(0, 2000) : null;
}

/**
 * Writes the model's draft onto the stored ticket, if the ticket has not changed since it was
 * filed (an agent's edit wins), with a `ticket.updated` event. Failures keep the deterministic draft.
 */
export async function writeModelDraft(env: Env, shop: ShopRecord, ticket: Ticket, factory: ModelFactory): Promise<boolean> {
  const modelName = shop.settings.model.name || env.OPENAI_MODEL || 'gpt-4.1-mini';
  const { system, prompt } = draftPrompt(ticket, shop);
  try {
    const result = await generateText({
      model: factory(env, modelName),
      system,
      prompt,
      maxOutputTokens: DRAFT_LIMITS.maxOutputTokens,
      abortSignal: AbortSignal.timeout(DRAFT_LIMITS.timeoutMs),
      maxRetries: 1,
    });
    const draft = guardDraft(result.text, ticket, system);
    if (!draft) return false;
    const now = nowIso();
    const updated: Ticket = { ...ticket, suggestedReply: draft, updatedAt: now };
    const eventId = newEventId();
    const [change] = await env.DB.batch([
      env.DB.prepare('UPDATE tickets SET data = ?, updated_at = ? WHERE shop_id = ? AND id = ? AND updated_at = ?').bind(JSON.stringify(updated), now, shop.id, ticket.id, ticket.updatedAt),
      outboxInsert(env.DB, eventId, 'ticket.updated', updated, now, { whenUpdatedAt: now }),
    ]);
    if (!change.meta.changes) return false;
    await enqueueEvent(env, eventId);
    return true;
  } catch (err) {
    console.warn('model draft failed', ticket.id, (err as Error).message);
    return false;
  }
}
