import type { Locale } from '../../../shared/chat';
import { fill, wordingOf, type ReplyWording } from '../language';

/** What guests are told about the order check: the `reply.guest` entry of each language pack. */
export type GuestPhrase = Exclude<keyof ReplyWording['guest'], 'codeMail'>;

export const guestWords = (locale: Locale, key: GuestPhrase, vars: Record<string, string | number> = {}) => fill(wordingOf(locale).guest[key], vars);

/** The one-time code mail's subject and text, in the conversation's language. */
export const codeMailWords = (locale: Locale, vars: Record<string, string>) => {
  const mail = wordingOf(locale).guest.codeMail;
  return { subject: fill(mail.subject, vars), text: fill(mail.text, vars) };
};
