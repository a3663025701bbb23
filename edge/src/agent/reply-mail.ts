import { ShopSettings } from '../../../shared/shop';
import { nowIso } from '../lib/ids';
import { queueMail } from '../mail';
import { workspaceText } from './wording';

const HOUR_MS = 3_600_000;

interface Candidate {
  conversation_id: string;
  shop_id: string;
  shop_name: string;
  settings: string;
  allowed_origins: string;
  locale: string | null;
  customer_id: string;
  email: string;
  author: string;
  created_at: string;
}

/**
 * "You have a reply": a person's reply the shopper did not see live within
 * support.replyEmailAfterMinutes is emailed to a verified customer who left, at most once per
 * conversation per hour, in the conversation's language, with the shop's name, a link without
 * any credential (the shop's storefront; the widget restores the chat there), Reply-To the
 * shop's support address and an unsubscribe line. The address is read here, on the agent path
 * (cron), from the shop's customer record: never by a chat turn or the model.
 * Seen live: the reply reached an open widget, or the widget connected after it was sent.
 */
export async function sweepReplyMail(env: Env, now = Date.now()): Promise<number> {
  const { results } = await env.DB.prepare(
    `SELECT c.id AS conversation_id, c.shop_id, s.name AS shop_name, s.settings, s.allowed_origins, c.locale, c.customer_id, cu.email, m.author, m.created_at
     FROM conversations c
       JOIN shops s ON s.id = c.shop_id
       JOIN customers cu ON cu.shop_id = c.shop_id AND cu.id = c.customer_id
       JOIN messages m ON m.id = (SELECT id FROM messages WHERE conversation_id = c.id AND author IS NOT NULL ORDER BY created_at DESC, rowid DESC LIMIT 1)
     WHERE c.customer_id IS NOT NULL AND cu.email IS NOT NULL AND c.last_agent_message_at IS NOT NULL
       AND (c.last_seen_live_at IS NULL OR c.last_seen_live_at < m.created_at)
       AND (c.last_reply_email_at IS NULL OR c.last_reply_email_at < ?)
       AND m.created_at > ?
     LIMIT 200`,
  )
    .bind(new Date(now - HOUR_MS).toISOString(), new Date(now - 24 * HOUR_MS).toISOString())
    .all<Candidate>();
  let sent = 0;
  for (const row of results) {
    const settings = ShopSettings.parse(JSON.parse(row.settings));
    if (now - Date.parse(row.created_at) < settings.support.replyEmailAfterMinutes * 60_000) continue;
    const origins = JSON.parse(row.allowed_origins) as string[];
    const link = origins[0] ? `${origins[0]}/` : null;
    if (!link) continue;
    const name = (JSON.parse(row.author) as { name?: string }).name ?? 'Support';
    // Claim the hour first, so two cron runs never send twice.
    const claim = await env.DB.prepare(
      'UPDATE conversations SET last_reply_email_at = ? WHERE id = ? AND shop_id = ? AND (last_reply_email_at IS NULL OR last_reply_email_at < ?)',
    )
      .bind(nowIso(), row.conversation_id, row.shop_id, new Date(now - HOUR_MS).toISOString())
      .run();
    if (!claim.meta.changes) continue;
    try {
      await queueMail(
        env,
        row.shop_id,
        {
          to: row.email,
          subject: workspaceText('replySubject', row.locale, { shop: row.shop_name }),
          text: workspaceText('replyBody', row.locale, { shop: row.shop_name, name, link }),
          headers: { ...(settings.support.email ? { 'Reply-To': settings.support.email } : {}), 'List-Unsubscribe': settings.support.email ? `<mailto:${settings.support.email}?subject=unsubscribe>` : '<mailto:unsubscribe@invalid>' },
        },
        { customerId: row.customer_id },
      );
      sent++;
    } catch (err) {
      console.warn('reply mail not queued', (err as Error).message);
    }
  }
  return sent;
}
