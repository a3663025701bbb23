import { tool } from 'ai';
import { z } from 'zod';
import { HandoffCategory } from '../../../../shared/ticket';
import { createHandoffTicket, handoffPart, handoffWording } from '../../handoff/tickets';
import { analyse } from '../../language';
import { decideModelHandoff } from '../../policy-gate';
import { recordToolCall, type Turn } from '../../turn';

// Built once per isolate, not per turn: zod schemas are costly to build and never change.
const HandOffInput = z.object({
  category: HandoffCategory.describe('What the shopper needs a person for; "human_request" when they simply ask for a person, "other" if nothing fits.'),
  reason: z.string().trim().min(1).max(300).describe('One line for the agent: what the shopper wants, in plain words (e.g. "Wants a refund for the boots in order 1042, sole came off").'),
});

/**
 * Lets the model pass a request to a person. It can only ADD a handoff: the customer, orders
 * and policy passages on the ticket come from the verified turn, never from these arguments,
 * and whether a ticket is opened, and its category, come from the shopper's message
 * (policy-gate/model-handoff.ts): a question with no money, fulfilment or person concept gets
 * none, and the model is told to answer it. The conversation's open ticket is reused.
 */
export const createHandOffTool = (turn: Turn) =>
  tool({
    description:
      'Pass the shopper to a human support agent by opening a ticket. Use it for anything only a person can decide or do: ' +
      'refunds, returns, exchanges, cancellations, order or address changes, discounts, payment problems, lost, late or damaged parcels, complaints, ' +
      'or when the shopper asks for a person. After calling it, tell the shopper exactly the `tellShopper` sentence and promise nothing else.',
    inputSchema: HandOffInput,
    execute: async (input) =>
      recordToolCall(
        turn,
        'handOff',
        input,
        async () => {
          const decision = decideModelHandoff(analyse(turn.text), input.category);
          if (!decision.open) {
            return { handedOff: false as const, reason: decision.reason, instruction: 'No person is needed for this question: answer it from the tools, and do not say it was passed on.' };
          }
          const category = decision.categories[0];
          const toldShopper = handoffWording(category, turn.locale);
          const { ticket, created } = await createHandoffTicket(turn, {
            categories: decision.categories,
            requestedAction: input.reason,
            source: 'model',
            toldShopper,
            riskFlags: decision.riskFlags,
            language: turn.locale,
            reuse: 'conversation',
          });
          turn.emit({ type: 'data-handoff', data: handoffPart(ticket, turn.shop, turn.locale) });
          return {
            handedOff: true as const,
            ticketId: ticket.id,
            created,
            // Created: the sentence, where the order stands and the one question (what the ticket records as told).
            tellShopper: created ? ticket.toldShopper : toldShopper,
            expectedReply: turn.shop.settings.support.expectedReply,
            ...(decision.riskFlags.includes('model_only') ? { instruction: 'Also answer what the shopper asked, from the tools.' } : {}),
          };
        },
        (out) => (out.handedOff ? { ticketId: out.ticketId, created: out.created } : { handedOff: false, reason: out.reason }),
      ),
  });
