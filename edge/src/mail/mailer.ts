import type { MailToSend } from './message';
import { assertSafeHeaders } from './message';

/** Sends one message. Throws on failure (the queue retries); must be safe to call again with the same `id`. */
export interface Mailer {
  readonly name: string;
  send(mail: MailToSend): Promise<{ providerId: string | null }>;
}

/**
 * Cloudflare Email Service through the `send_email` binding. Production reality: it sends only
 * from a domain onboarded to Email Service (Workers Paid), or, with Email Routing alone, only to
 * verified destination addresses. Under wrangler dev and vitest the binding is emulated: nothing
 * leaves the machine and headers are not validated, hence `assertSafeHeaders` here too.
 */
export function sendEmailMailer(binding: SendEmail): Mailer {
  return {
    name: 'send_email',
    async send(mail) {
      assertSafeHeaders(mail);
      const result = await binding.send({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        ...(mail.headers && Object.keys(mail.headers).length ? { headers: mail.headers } : {}),
      });
      return { providerId: result?.messageId ?? null };
    },
  };
}

export interface HttpMailerOptions {
  /** The provider's send endpoint; it gets `POST` JSON `{ from, to, subject, text, html?, reply_to?, headers? }`. */
  url: string;
  apiKey?: string;
  timeoutMs?: number;
}

/**
 * A generic HTTP email API (the shape most providers share). Sends `Idempotency-Key: <outbox id>`,
 * so a provider that honours it never sends twice even if we crash between its 2xx and our write.
 */
export function httpMailer(options: HttpMailerOptions): Mailer {
  if (!options.url) throw new Error('httpMailer needs `url` (MAIL_API_URL)');
  return {
    name: 'http',
    async send(mail) {
      assertSafeHeaders(mail);
      const res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': mail.id,
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.replyTo ? { reply_to: mail.replyTo } : {}),
          ...(mail.headers ? { headers: mail.headers } : {}),
        }),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await res.text().catch(() => '');
      if (res.status < 200 || res.status >= 300) throw new Error(`mail API answered HTTP ${res.status}`);
      let providerId: string | null = null;
      try {
        const body = JSON.parse(text) as { id?: unknown };
        if (typeof body.id === 'string') providerId = body.id;
      } catch {
        /* not JSON: fine */
      }
      return { providerId };
    },
  };
}

/** MAIL_API_URL set -> the HTTP API (key in the MAIL_API_KEY secret); else the send_email binding. */
export function mailerFor(env: Env): Mailer {
  if (env.MAIL_API_URL) return httpMailer({ url: env.MAIL_API_URL, apiKey: (env as { MAIL_API_KEY?: string }).MAIL_API_KEY });
  return sendEmailMailer(env.EMAIL);
}
