import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAIL_MAX_RETRIES, MailHeaderError, getMail, handleMailQueue, httpMailer, queueMail, sendEmailMailer, type MailQueueMessage, type Mailer } from '../../../edge/src/mail';
import { MAIL_QUEUE } from '../../../edge/src/mail/outbox';
import { createShop } from '../helpers';
import { receiverUrl } from '../handoff/support';

const mail = { to: 'ann@example.com', subject: 'Your request 7KQ2-M9XD', text: 'A person will answer within a day.' };

/** Runs the real consumer on one queue message, as the queue would deliver it. */
async function consume(mailId: string, attempts: number, mailer: Mailer) {
  const batch = createMessageBatch<MailQueueMessage>(MAIL_QUEUE, [{ id: `m-${mailId}-${attempts}`, timestamp: new Date(), attempts, body: { mailId } }]);
  const ctx = createExecutionContext();
  await handleMailQueue(batch, env, mailer);
  return getQueueResult(batch, ctx);
}

interface ReceivedMail {
  idempotencyKey: string;
  authorization: string;
  answered: number;
  mail: { to: string; subject: string; text: string; from: string };
}
const control = (key: string) => `${receiverUrl()}/_control/${key}`;
async function script(key: string, statuses: number[]) {
  await fetch(control(key), { method: 'PUT', body: JSON.stringify({ statuses }) });
}
const received = async (key: string) => ((await (await fetch(control(key))).json()) as { received: ReceivedMail[] }).received;

describe('mail outbox', () => {
  it('writes the message to the outbox first, and the queue sends it once, even across a retry', async () => {
    const shop = await createShop();
    const key = `mail-${crypto.randomUUID()}`;
    await script(key, [503, 200]);
    const mailer = httpMailer({ url: `${receiverUrl()}/mail/${key}`, apiKey: 'mk_test' });

    const id = await queueMail(env, shop.shopId, mail, { customerId: 'cus_ann' });
    const row = (await getMail(env.DB, id))!;
    expect(row).toMatchObject({ status: 'pending', to_address: mail.to, subject: mail.subject, customer_id: 'cus_ann', from_address: env.MAIL_FROM, attempts: 0 });

    // First attempt: the provider answers 503 -> the queue retries later.
    const first = await consume(id, 1, mailer);
    expect(first.retryMessages).toHaveLength(1);
    expect((await getMail(env.DB, id))!).toMatchObject({ status: 'pending', attempts: 1, last_error: 'http: mail API answered HTTP 503' });
    // Second attempt: sent.
    const second = await consume(id, 2, mailer);
    expect(second.explicitAcks).toHaveLength(1);
    expect((await getMail(env.DB, id))!).toMatchObject({ status: 'sent', attempts: 2, provider_id: 'prov_2' });
    // The queue delivers the same message again (at-least-once): nothing more is sent.
    const third = await consume(id, 3, mailer);
    expect(third.explicitAcks).toHaveLength(1);

    const got = await received(key);
    expect(got.map((r) => r.answered)).toEqual([503, 200]);
    expect(got.filter((r) => r.answered === 200)).toHaveLength(1);
    expect(new Set(got.map((r) => r.idempotencyKey))).toEqual(new Set([id]));
    expect(got[1]).toMatchObject({ authorization: 'Bearer mk_test', mail: { to: mail.to, subject: mail.subject, text: mail.text, from: env.MAIL_FROM } });
    expect((await getMail(env.DB, id))!.attempts).toBe(2);
  });

  it('marks a message dead after the last retry instead of trying forever', async () => {
    const shop = await createShop();
    const key = `mail-${crypto.randomUUID()}`;
    await script(key, [500]);
    const mailer = httpMailer({ url: `${receiverUrl()}/mail/${key}` });
    const id = await queueMail(env, shop.shopId, mail);
    const last = await consume(id, MAIL_MAX_RETRIES + 1, mailer);
    expect(last.explicitAcks).toHaveLength(1);
    expect((await getMail(env.DB, id))!.status).toBe('dead');
  });

  it('refuses CR or LF in any header before anything is written', async () => {
    const shop = await createShop();
    const injections: (typeof mail & { replyTo?: string; headers?: Record<string, string> })[] = [
      { ...mail, subject: 'Hello\r\nBcc: everyone@example.com' },
      { ...mail, subject: 'Hello\nBcc: everyone@example.com' },
      { ...mail, to: 'ann@example.com\r\nBcc: x@example.com' },
      { ...mail, replyTo: 'ann@example.com\rX: y' },
      { ...mail, headers: { 'X-Ref': '1\r\nBcc: x@example.com' } },
      { ...mail, headers: { 'X-Ref\r\nBcc': 'x@example.com' } },
    ];
    for (const m of injections) await expect(queueMail(env, shop.shopId, m)).rejects.toBeInstanceOf(MailHeaderError);
    await expect(queueMail(env, shop.shopId, mail, { from: 'shop@example.com\nBcc: x@example.com' })).rejects.toBeInstanceOf(MailHeaderError);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM mail_outbox WHERE shop_id = ?').bind(shop.shopId).first<{ n: number }>();
    expect(count!.n).toBe(0);
  });

  it('the adapters refuse CR/LF themselves: the send_email emulator would accept "\\r\\nBcc:" in a Subject', async () => {
    const bad = { ...mail, id: 'mail_x', from: 'shop@example.com', subject: 'Hi\r\nBcc: everyone@example.com' };
    let bindingCalled = false;
    const binding = { send: async () => ((bindingCalled = true), { messageId: 'x' }) } as unknown as SendEmail;
    await expect(sendEmailMailer(binding).send(bad)).rejects.toBeInstanceOf(MailHeaderError);
    expect(bindingCalled).toBe(false);
    const key = `mail-${crypto.randomUUID()}`;
    await expect(httpMailer({ url: `${receiverUrl()}/mail/${key}` }).send(bad)).rejects.toBeInstanceOf(MailHeaderError);
    expect(await received(key)).toEqual([]);
  });

  it('sends through the real (emulated) send_email binding', async () => {
    const shop = await createShop();
    const id = await queueMail(env, shop.shopId, mail, { from: 'aisle@example.com' });
    const result = await consume(id, 1, sendEmailMailer(env.EMAIL));
    expect(result.explicitAcks).toHaveLength(1);
    expect((await getMail(env.DB, id))!.status).toBe('sent');
  });
});
