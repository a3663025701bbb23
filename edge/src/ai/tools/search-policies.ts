import { tool } from 'ai';
import { z } from 'zod';
import { resolveUrl } from '../../catalog/cards';
import { searchPolicies } from '../../policies/search';
import { recordToolCall, type Turn } from '../../turn';

// Built once per isolate, not per turn: zod schemas are costly to build and never change.
const SearchPoliciesInput = z.object({
  query: z.string().trim().min(1).max(500).describe('The policy question in the shopper\'s words, e.g. "how long do refunds take" or "do you ship to Switzerland".'),
});

/**
 * Finds the passages of the shop's policies (shipping, returns, warranty...) that answer a
 * question. Passages become evidence and citations; none found means the shop's policies do
 * not say, which the reply must admit rather than guess.
 */
export const createSearchPoliciesTool = (turn: Turn) =>
  tool({
    description:
      "Search this shop's policies (shipping, delivery times and costs, returns, refunds, exchanges, warranty, payment, sizing...). Answer policy questions only from the passages returned and cite them; if none is returned, say the policies do not cover it.",
    inputSchema: SearchPoliciesInput,
    execute: async (input) =>
      recordToolCall(
        turn,
        'searchPolicies',
        input,
        async () => {
          const hits = await searchPolicies(turn.db, turn.shop.id, input.query, 3);
          if (hits.length === 0) {
            turn.evidence.fallbackReason ??= 'missing_policy_content';
            return { found: 0, passages: [], note: "The shop's policies do not answer this. Say so; do not guess a policy." };
          }
          const passages = hits.map(({ score: _score, ...p }) => ({ ...p, ...(p.url ? { url: resolveUrl(p.url, turn.publicOrigin) } : {}) }));
          for (const p of passages) if (!turn.evidence.passages.some((e) => e.id === p.id)) turn.evidence.passages.push(p);
          turn.emit({
            type: 'data-citations',
            data: { citations: passages.map((p) => ({ documentId: p.documentId, passageId: p.id, title: p.title, ...(p.url ? { url: p.url } : {}) })) },
          });
          return {
            found: passages.length,
            passages: passages.map((p) => ({
              documentId: p.documentId,
              passageId: p.id,
              title: p.title,
              ...(p.heading ? { heading: p.heading } : {}),
              ...(p.url ? { url: p.url } : {}),
              text: p.text,
            })),
          };
        },
        (out) => ({ passages: out.passages.map((p) => p.passageId) }),
      ),
  });
