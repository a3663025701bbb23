import type { Locale } from '../../../shared/chat';
import type { HandoffCategory } from '../../../shared/ticket';
import { fill, wordingOf } from '../language';

/**
 * Everything a handoff says, from the `reply.handoff` entry of each language pack. The
 * shopper-facing sentence is deliberately non-committal: only a person can grant a refund, a
 * discount or a change.
 */

export const topicOf = (category: HandoffCategory, locale: Locale) => {
  const topics = wordingOf(locale).handoff.topics;
  return topics[category] ?? topics.other;
};

/** The sentence the shopper sees when a request goes to a person. Promises nothing about the outcome. */
export function handoffWording(category: HandoffCategory, locale: Locale): string {
  const words = wordingOf(locale).handoff;
  const generic = category === 'other' || category === 'human_request';
  return generic ? words.requestGeneric : fill(words.request, { topic: topicOf(category, locale) });
}

/** The next-steps line of the handoff card: the reference to quote and where the reply comes. */
export function nextStepsText(ticketId: string, hasEmail: boolean, locale: Locale): string {
  const words = wordingOf(locale).handoff;
  return `${fill(words.reference, { ticket: ticketId })} ${hasEmail ? words.byEmail : words.quoteReference}`;
}

/**
 * A draft reply for the agent, in the shopper's language. The bracketed part is for the agent
 * to fill in: the draft never decides the outcome, and it is never sent to the shopper by itself.
 */
export function suggestedReplyDraft(input: { category: HandoffCategory; locale: Locale; name: string | null; orderNumber: string | null; shopName: string }): string {
  const { category, locale, name, orderNumber, shopName } = input;
  const draft = wordingOf(locale).handoff.draft;
  const order = orderNumber ? fill(draft.forOrder, { number: orderNumber }) : '';
  return [
    fill(draft.greeting, { name: name ? ` ${name}` : '' }),
    fill(draft.body, { topic: topicOf(category, locale), order }),
    draft.decision,
    fill(draft.signoff, { shop: shopName }),
  ].join('\n\n');
}
