import { ShopSettings } from '../../../shared/shop';
import type { ConversationRow } from '../conversations/store';
import { sweepReplyMail } from './reply-mail';
import { returnToAssistant } from './workspace';

/** True when an agent owns `conv` but has not written to the shopper within the shop's ownershipTimeout. */
export function ownershipLapsed(conv: Pick<ConversationRow, 'state'> & { owned_at?: string | null; last_agent_message_at?: string | null }, timeoutMinutes: number, now = Date.now()): boolean {
  if (conv.state !== 'agent') return false;
  const last = Math.max(Date.parse(conv.owned_at ?? '') || 0, Date.parse(conv.last_agent_message_at ?? '') || 0);
  return last > 0 && now - last > timeoutMinutes * 60_000;
}

/**
 * Before a shopper's turn: a conversation whose agent went silent past support.ownershipTimeout
 * goes back to the assistant (the shopper is told), so nobody waits on a person who left.
 * Returns the state the turn should use.
 */
export async function settleOwnership(env: Env, shop: { id: string; settings: ShopSettings }, conv: ConversationRow): Promise<ConversationRow['state']> {
  if (!ownershipLapsed(conv, shop.settings.support.ownershipTimeout ?? 30)) return conv.state;
  await returnToAssistant(env, shop.id, conv, 'timeout');
  return 'assistant';
}

/** Cron: the same check for every owned conversation, so the shopper is told even if they say nothing; then reply emails. */
export async function sweepOwnership(env: Env, now = Date.now()): Promise<number> {
  await sweepReplyMail(env, now).catch((err) => console.warn('reply mail sweep failed', (err as Error).message));
  const { results } = await env.DB.prepare(
    "SELECT c.*, s.settings AS shop_settings FROM conversations c JOIN shops s ON s.id = c.shop_id WHERE c.state = 'agent' LIMIT 500",
  ).all<ConversationRow & { shop_settings: string }>();
  let returned = 0;
  for (const row of results) {
    const settings = ShopSettings.parse(JSON.parse(row.shop_settings));
    if (!ownershipLapsed(row, settings.support.ownershipTimeout ?? 30, now)) continue;
    if (await returnToAssistant(env, row.shop_id, row, 'timeout')) returned++;
  }
  return returned;
}
