import type { Identity } from '../../../shared/identity';
import { listMessagesStatement, messagesFrom, openConversationStatements, settleOpenedConversation, type ConversationRow, type MessageRow, type OpenConversationInput, type StoredMessage } from '../conversations/store';
import { activeGrantStatement, grantFrom, type GrantRow } from '../guest/grants';
import { chargeMessageStatement, checkCharge, withinBudget, type ChargedUsage } from '../limits/budget';
import type { ShopRecord } from '../shops/store';

/** How much of the stored history a turn reads (the pipeline keeps the last 40 of it). */
export const TURN_HISTORY_READ = 1000;

export interface TurnState {
  /** Null: the conversation does not exist or this request may not use it (the route answers 404). */
  conversation: ConversationRow | null;
  /** The turn's identity: a guest with a live order grant for this conversation and secret becomes an order-verified guest. */
  identity: Identity;
  /** The stored messages before this turn, oldest first. */
  history: StoredMessage[];
}

/**
 * What a chat turn reads before it starts, in one D1 batch (one round trip instead of four or
 * five): the message charged to the shop's daily budget, the conversation (created first when
 * this request may create one, and only while the shop is within its budget), a guest's order
 * grant for this conversation's secret, and the history. The checks are those of
 * `chargeMessage`, `openConversation` and `activeGrant`, applied to the rows read; the batch is
 * one transaction, so a failure leaves nothing behind. The grant and history are read before the
 * conversation's access is checked, and used only after it passes.
 */
export async function loadTurnState(
  db: D1Database,
  input: { shop: ShopRecord; identity: Identity; conversationId: string; locale?: string; secret?: OpenConversationInput['secret']; secretHeader?: string },
): Promise<TurnState> {
  const { shop, identity } = input;
  const open: OpenConversationInput = { id: input.conversationId, shopId: shop.id, identity, locale: input.locale, secret: input.secret, createOnlyIf: withinBudget(shop) };
  const conversationReads = openConversationStatements(db, open);
  const grantRead = identity.level === 'guest' && input.secretHeader ? await activeGrantStatement(db, shop.id, input.conversationId, input.secretHeader) : null;
  const results = await db.batch([
    chargeMessageStatement(db, shop),
    ...conversationReads,
    ...(grantRead ? [grantRead] : []),
    listMessagesStatement(db, input.conversationId, TURN_HISTORY_READ),
  ]);
  checkCharge(shop, (results[0]!.results[0] as ChargedUsage | undefined) ?? null);
  const row = (results[conversationReads.length]!.results[0] as ConversationRow | undefined) ?? null;
  const conversation = await settleOpenedConversation(db, open, row);
  const grant = grantRead ? grantFrom(results[conversationReads.length + 1]!.results[0] as GrantRow | undefined) : null;
  return { conversation, identity: grant ?? identity, history: conversation ? messagesFrom(results.at(-1)!.results as MessageRow[]) : [] };
}
