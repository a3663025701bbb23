import { newId, nowIso } from '../lib/ids';
import { backoffDelay } from '../handoff/backoff';
import { type Mailer, mailerFor } from './mailer';
import { assertSafeHeaders, type MailToSend, type OutgoingMail } from './message';

/** What travels on the MAIL_OUTBOX queue: only the id; the row holds the message. */
export interface MailQueueMessage {
  mailId: string;
}

/** Queue name; must match edge/wrangler.jsonc. */
export const MAIL_QUEUE = 'aisle-mail';
/** Must match `max_retries` of the aisle-mail consumer in edge/wrangler.jsonc. */
export const MAIL_MAX_RETRIES = 5;
const BACKOFF = { baseSeconds: 30, maxSeconds: 1800 } as const;

export interface MailRow {
  id: string;
  shop_id: string;
  customer_id: string | null;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  last_error: string | null;
  provider_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/**
 * Writes the message to the outbox, then hands its id to the queue. Refuses (throws
 * MailHeaderError) before writing anything when a header contains CR or LF. A failed queue send
 * is logged and left to `sweepMail`: the row is the promise that the mail will go.
 */
export async function queueMail(
  env: Pick<Env, 'DB' | 'MAIL_OUTBOX' | 'MAIL_FROM'>,
  shopId: string,
  mail: OutgoingMail,
  options: { customerId?: string | null; from?: string } = {},
): Promise<string> {
  const from = options.from ?? env.MAIL_FROM;
  assertSafeHeaders({ ...mail, from });
  const id = newId('mail', 20);
  const now = nowIso();
  await env.DB.prepare(
    'INSERT INTO mail_outbox (id, shop_id, customer_id, to_address, from_address, subject, text_body, html_body, headers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
    .bind(id, shopId, options.customerId ?? null, mail.to, from, mail.subject, mail.text, mail.html ?? null, JSON.stringify(mail.headers ?? {}), now, now)
    .run();
  try {
    await env.MAIL_OUTBOX.send({ mailId: id } satisfies MailQueueMessage);
  } catch (err) {
    console.warn('mail queue send failed; the sweep will retry', id, (err as Error).message);
  }
  return id;
}

const toSend = (row: MailRow): MailToSend => ({
  id: row.id,
  from: row.from_address,
  to: row.to_address,
  subject: row.subject,
  text: row.text_body,
  ...(row.html_body ? { html: row.html_body } : {}),
  headers: JSON.parse(row.headers) as Record<string, string>,
});

export const getMail = (db: D1Database, id: string) => db.prepare('SELECT * FROM mail_outbox WHERE id = ?').bind(id).first<MailRow>();

/**
 * Sends one outbox row, idempotently on its id: a row already sent (or given up) is never sent
 * again, whatever the queue redelivers. Returns what happened; throws when the send failed
 * (the caller retries).
 */
export async function deliverMail(env: Pick<Env, 'DB'>, mailId: string, mailer: Mailer): Promise<'sent' | 'already_sent' | 'dead' | 'missing'> {
  const row = await getMail(env.DB, mailId);
  if (!row) return 'missing';
  if (row.status === 'sent') return 'already_sent';
  if (row.status === 'dead') return 'dead';
  await env.DB.prepare('UPDATE mail_outbox SET attempts = attempts + 1, updated_at = ? WHERE id = ?').bind(nowIso(), mailId).run();
  try {
    const { providerId } = await mailer.send(toSend(row));
    const now = nowIso();
    await env.DB.prepare("UPDATE mail_outbox SET status = 'sent', provider_id = ?, sent_at = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status = 'pending'")
      .bind(providerId, now, now, mailId)
      .run();
    return 'sent';
  } catch (err) {
    const message = `${mailer.name}: ${(err as Error).message ?? String(err)}`.slice(0, 300);
    await env.DB.prepare('UPDATE mail_outbox SET last_error = ?, updated_at = ? WHERE id = ?').bind(message, nowIso(), mailId).run();
    throw err;
  }
}

/**
 * The MAIL_OUTBOX consumer: sends each message; a failure retries with backoff, and the last
 * allowed attempt marks the row dead. A header that fails the CR/LF check is dead at once.
 */
export async function handleMailQueue(batch: MessageBatch<MailQueueMessage>, env: Env, mailer: Mailer = mailerFor(env)): Promise<void> {
  for (const message of batch.messages) {
    const { mailId } = message.body;
    try {
      await deliverMail(env, mailId, mailer);
      message.ack();
    } catch (err) {
      const permanent = (err as Error).name === 'MailHeaderError';
      if (permanent || message.attempts > MAIL_MAX_RETRIES) {
        await env.DB.prepare("UPDATE mail_outbox SET status = 'dead', updated_at = ? WHERE id = ? AND status = 'pending'").bind(nowIso(), mailId).run();
        message.ack();
      } else {
        message.retry({ delaySeconds: backoffDelay(message.attempts, { ...BACKOFF, jitter: Math.random }) });
      }
    }
  }
}

/** Cron: re-enqueues pending mail whose queue send never happened (older than a minute, never attempted). */
export async function sweepMail(env: Pick<Env, 'DB' | 'MAIL_OUTBOX'>, now = Date.now()): Promise<number> {
  const before = new Date(now - 60_000).toISOString();
  const { results } = await env.DB.prepare("SELECT id FROM mail_outbox WHERE status = 'pending' AND attempts = 0 AND created_at < ? ORDER BY created_at LIMIT 100")
    .bind(before)
    .all<{ id: string }>();
  let sent = 0;
  for (const row of results) {
    try {
      await env.MAIL_OUTBOX.send({ mailId: row.id } satisfies MailQueueMessage);
      sent++;
    } catch (err) {
      console.warn('mail sweep send failed', row.id, (err as Error).message);
    }
  }
  return sent;
}
