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
 * A draft reply for the agent, in the shopper's language, written from the ticket's facts: the
 * order, where it stands, what was asked for and what the shop's policy says. It states no
 * outcome the agent has not decided, and it is never sent to the shopper by itself.
 */
export function suggestedReplyDraft(input: {
  category: HandoffCategory;
  locale: Locale;
  name: string | null;
  orderNumber: string | null;
  shopName: string;
  details?: string[];
  reality?: string | null;
  passage?: { title: string; text: string } | null;
}): string {
  const { category, locale, name, orderNumber, shopName } = input;
  const draft = wordingOf(locale).handoff.draft;
  const order = orderNumber ? fill(draft.forOrder, { number: orderNumber }) : '';
  const facts = [
    input.reality ?? '',
    input.details?.length ? fill(draft.details, { details: input.details.join(', ') }) : '',
    input.passage ? fill(draft.policy, { title: input.passage.title, text: firstSentences(input.passage.text) }) : '',
  ].filter(Boolean);
  return [
    fill(draft.greeting, { name: name ? ` ${name}` : '' }),
    fill(draft.body, { topic: topicOf(category, locale), order }),
    ...(facts.length ? [facts.join(' ')] : []),
    fill(draft.signoff, { shop: shopName }),
  ].join('\n\n');
}

/** The passage's opening, up to about two sentences: enough to cite, short enough to read. */
function firstSentences(text: string, max = 240): string {
  const flat = text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf('. ', max);
  return cut > 60 ? flat.slice(0, cut + 1) : flat.slice(0, max - 1) + '…';
}
