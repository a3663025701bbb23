import type { HandoffCategory } from '../../../shared/ticket';
import { HANDOFF_CONCEPTS, type Analysis } from '../language';
import { readValues } from '../language/values';

/**
 * What the model's `handOff` may do, decided by code from the shopper's message (the turn's
 * analysis), never by the model's arguments. The model may ADD a handoff the gate missed:
 *
 * - a money, fulfilment or person concept in the message (or a percentage: a discount): a ticket
 *   whose category comes from the analysis (the model's own category only when the analysis
 *   names it too);
 * - none of those, and the message is a question ("does this jacket run small?"): no ticket;
 *   the model is told to answer from the tools (a product question never becomes a refund);
 * - none of those, and not a question ("my situation is complicated, I need help"): a ticket
 *   `other` with the risk flag `model_only`, so a person sees the model alone asked for it, and
 *   the model still answers what it can.
 *
 * Either way the ticket reuses the conversation's open one, and the turn shows one card.
 */
export type ModelHandoffDecision =
  | { open: true; categories: HandoffCategory[]; riskFlags: string[] }
  | { open: false; reason: 'question_without_concern' };

type Concern = (typeof HANDOFF_CONCEPTS)[keyof typeof HANDOFF_CONCEPTS][number];

/** Category of each money, fulfilment and person concept, most important first (a missing concept fails the typecheck). */
const CATEGORY_OF: Record<Concern, HandoffCategory> = {
  CHARGEBACK: 'payment_problem',
  DAMAGED: 'damaged_or_wrong_item',
  DELAY: 'delivery_problem',
  REFUND: 'refund',
  CANCEL: 'cancellation',
  RETURN: 'return',
  EXCHANGE: 'exchange',
  DISCOUNT: 'discount',
  COMPLAINT: 'complaint',
  HUMAN: 'human_request',
};

export function decideModelHandoff(message: Analysis, asked: HandoffCategory): ModelHandoffDecision {
  const found = [...new Set((Object.keys(CATEGORY_OF) as Concern[]).filter((c) => message.has(c)).map((c) => CATEGORY_OF[c]))];
  // A percentage the shopper names ("can I get 20% off?") is about money: a discount.
  if (readValues(message.text).some((v) => v.kind === 'percent') && !found.includes('discount')) found.push('discount');
  if (found.length > 0) return { open: true, categories: found.includes(asked) ? [asked, ...found.filter((c) => c !== asked)] : found, riskFlags: [] };
  if (message.question) return { open: false, reason: 'question_without_concern' };
  return { open: true, categories: ['other'], riskFlags: ['model_only'] };
}
