/** A message as the product writes it; `from` defaults to MAIL_FROM. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Extra headers (e.g. List-Unsubscribe). Names and values are checked like everything else. */
  headers?: Record<string, string>;
}

/** What an adapter sends: the stored outbox row's content, with its id (the idempotency key). */
export interface MailToSend extends OutgoingMail {
  id: string;
  from: string;
}

/** A header value or address that could inject headers (CR or LF) or is not an address. */
export class MailHeaderError extends Error {
  override readonly name = 'MailHeaderError';
  constructor(readonly field: string) {
    super(`Mail header "${field}" must not contain CR or LF`);
  }
}

const CRLF = /[\r\n]/;
const HEADER_NAME = /^[!-9;-~]+$/; // RFC 5322 field name: printable ASCII except ':'
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * Refuses any header that contains CR or LF, anywhere: to, from, reply-to, subject, and every
 * extra header's name and value. The local send_email emulator accepts a Subject containing
 * "\r\nBcc: ...", so this check is ours and runs before the outbox write and again before sending.
 */
export function assertSafeHeaders(mail: OutgoingMail & { from?: string }): void {
  const fields: [string, string | undefined][] = [
    ['to', mail.to],
    ['from', mail.from],
    ['replyTo', mail.replyTo],
    ['subject', mail.subject],
    ...Object.entries(mail.headers ?? {}).flatMap(([name, value]): [string, string][] => [
      [`header name ${JSON.stringify(name).slice(0, 40)}`, name],
      [name, value],
    ]),
  ];
  for (const [field, value] of fields) if (value !== undefined && CRLF.test(value)) throw new MailHeaderError(field);
  for (const name of Object.keys(mail.headers ?? {})) if (!HEADER_NAME.test(name)) throw new MailHeaderError(`header name ${name.slice(0, 40)}`);
  for (const [field, value] of [['to', mail.to], ['from', mail.from], ['replyTo', mail.replyTo]] as const) {
    if (value !== undefined && !ADDRESS.test(value)) {
      const err = new MailHeaderError(field);
      err.message = `Mail header "${field}" is not a single email address`;
      throw err;
    }
  }
}
