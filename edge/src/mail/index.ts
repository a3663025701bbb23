/**
 * Outgoing mail with a D1 outbox.
 *
 * ```ts
 * import { queueMail } from '../mail';
 * await queueMail(env, shop.id, { to, subject, text }, { customerId }); // throws MailHeaderError on CR/LF
 * ```
 *
 * `queueMail` writes the row to `mail_outbox` first, then sends `{ mailId }` to the MAIL_OUTBOX
 * queue; the consumer (`handleMailQueue`) sends it through a `Mailer` with retries and backoff,
 * idempotently on the outbox id (a sent row is never sent again; the HTTP adapter also sends
 * `Idempotency-Key`). The cron re-enqueues rows whose queue send failed. Adapters: `sendEmailMailer`
 * (the `send_email` binding) and `httpMailer` (a generic HTTP email API), chosen by `mailerFor(env)`.
 */
export { MailHeaderError, assertSafeHeaders, type MailToSend, type OutgoingMail } from './message';
export { httpMailer, mailerFor, sendEmailMailer, type HttpMailerOptions, type Mailer } from './mailer';
export { MAIL_MAX_RETRIES, deliverMail, getMail, handleMailQueue, queueMail, sweepMail, type MailQueueMessage, type MailRow } from './outbox';
