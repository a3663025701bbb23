import { describe, expect, it } from 'vitest';
import { fill, LANGS, PACKS, REPLY_MESSAGES } from '../../edge/src/language';
import { findPromise } from '../../edge/src/policy-gate/promise-guard';

/**
 * What the Worker says by itself must never claim or promise an action it cannot take; the same
 * claim guard that checks every engine's reply reads every pack's wording, with sample values filled in.
 */
const SAMPLE = { query: 'rain jacket', title: 'Stormline Jacket', options: 'Blue / M', availability: 'in stock', price: '€129.00', option: 'Size', values: 'S, M, L', url: '/pages/returns', number: 'NW-10042', count: 3, ticket: 'K7QM-2RXD', expected: 'within one business day', topic: 'refund' };

describe('reply wording of every pack', () => {
  for (const lang of LANGS) {
    it(`${lang}: no message, handoff sentence or order sentence claims an action`, () => {
      const reply = PACKS[lang].reply;
      const sentences = [
        ...REPLY_MESSAGES.map((k) => fill(reply.messages[k], SAMPLE)),
        ...Object.values(reply.handoff.topics).map((topic) => fill(reply.handoff.request, { topic })),
        reply.handoff.requestGeneric,
        `${fill(reply.handoff.reference, SAMPLE)} ${reply.handoff.byEmail}`,
        ...(['received', 'processing', 'shipped', 'out_for_delivery', 'delivered'] as const).map((k) => fill(reply.orderStatus[k], { n: 'NW-10042', via: '' })),
      ];
      for (const sentence of sentences) expect(findPromise(sentence), `${lang}: ${sentence}`).toBeNull();
    });
  }
});
