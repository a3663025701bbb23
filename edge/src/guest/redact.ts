/**
 * Emails typed into the chat by a guest asking about an order. The address is replaced before
 * the message is stored, audited or given to a model, and the shopper is offered the order form
 * instead, where what is typed never enters the history.
 *
 * The pattern is deliberately broad (any script, IDN hosts, quoted dots are not special): a false
 * positive only hides a string that looked like an address.
 */
const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}/gu;

export const EMAIL_PLACEHOLDER = '[email removed]';

export const containsEmail = (text: string) => {
  EMAIL.lastIndex = 0;
  return EMAIL.test(text.normalize('NFKC'));
};

/** The text with every email-like run replaced (on the NFKC form, so full-width "＠" is caught too). */
export function redactEmails(text: string): string {
  const normalised = text.normalize('NFKC');
  EMAIL.lastIndex = 0;
  if (!EMAIL.test(normalised)) return text;
  EMAIL.lastIndex = 0;
  return normalised.replace(EMAIL, EMAIL_PLACEHOLDER);
}
