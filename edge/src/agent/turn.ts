import { classifyMessage, shopChoices } from '../policy-gate';
import type { analyse } from '../language';
import { messageText, type StoredMessage } from '../conversations/store';
import { noteShopperRequest } from '../handoff/tickets';
import { ticketChanged } from '../live';
import type { TurnInput } from '../chat/pipeline';

/**
 * While an agent owns the conversation the assistant is quiet, but the policy gate still reads
 * each message: a money or fulfilment request is added to the conversation's open ticket as a
 * note (the newest open one when there are several). Returns true when a note was written.
 */
export async function noteMoneyRequest(input: TurnInput, analysis: ReturnType<typeof analyse>, history: StoredMessage[]): Promise<boolean> {
  const gate = classifyMessage(analysis, { history: history.filter((m) => m.role === 'user').map(messageText).slice(-6), choices: shopChoices(input.shop.settings) });
  if (!gate.handoff) return false;
  const open = await input.env.DB.prepare(
    "SELECT id FROM tickets WHERE shop_id = ? AND conversation_id = ? AND status IN ('open', 'pending') ORDER BY (category = ?) DESC, created_at DESC LIMIT 1",
  )
    .bind(input.shop.id, input.conversationId, gate.categories[0] ?? 'other')
    .first<{ id: string }>();
  if (!open) return false;
  await noteShopperRequest({ env: input.env, db: input.env.DB, shop: input.shop, conversationId: input.conversationId, text: input.text }, open);
  return true;
}

/** The conversation's ticket open workspaces show (the newest unresolved one, else the newest). */
export const conversationTicketQuery = (db: D1Database, shopId: string, conversationId: string) =>
  db.prepare("SELECT id FROM tickets WHERE shop_id = ? AND conversation_id = ? ORDER BY (status != 'resolved') DESC, created_at DESC LIMIT 1").bind(shopId, conversationId);

/**
 * A shopper's message arrived in a conversation with a ticket: open workspaces refresh it.
 * `known`: the ticket, when the caller has already read it (in the turn's own write batch) or
 * created it this turn; else it is read here.
 */
export async function conversationActivity(env: Env, shopId: string, conversationId: string, known?: { id: string } | null): Promise<void> {
  const row = known !== undefined ? known : await conversationTicketQuery(env.DB, shopId, conversationId).first<{ id: string }>().catch(() => null);
  if (row) await ticketChanged(env, shopId, row.id, conversationId, 'activity');
}

/**
 * After a handoff the shopper keeps asking ordinary things. The gate's follow-up rule ("yes, do
 * it", "the other one instead" keeps the pending request open) must not swallow a question that
 * carries its own product, policy or order-status intent: "do you have a rain jacket?" is a new
 * question, not a second refund. Only in a handed-off conversation, only for inherited requests.
 */
export function ownQuestionAfterHandoff<G extends { handoff: boolean; rules: string[]; categories: unknown[] }>(
  state: string | undefined,
  text: string,
  gate: G,
  intents: { policyQuestion: boolean; productQuery: unknown; orderStatus: boolean },
): G {
  if (state !== 'handed_off' || !gate.handoff || gate.rules[0] !== 'followup' || !text.includes('?')) return gate;
  if (!intents.policyQuestion && !intents.productQuery && !intents.orderStatus) return gate;
  return { ...gate, handoff: false, categories: [], rules: ['own_question_after_handoff', ...gate.rules] };
}
