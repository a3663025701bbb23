import { describe, expect, it } from 'vitest';
import { LANGS, PACKS, fill } from '../../edge/src/language';
import { findPromise } from '../../edge/src/policy-gate/promise-guard';

/**
 * What a handoff tells the shopper about their order (handoff/details.ts picks the sentence) goes
 * through the same promise guard as any reply. Every pack's sentences must pass it, sentence by
 * sentence, so the shopper reads where the order stands instead of the guard's replacement.
 * `closed` ("Order 1042 is cancelled") states the order's own stage: the guard lets it through only
 * when the order was read this turn, which the Worker test covers (test/edge/handoff/ticket-scope).
 */
const vars = { n: 'QX-3101', orders: 'QX-3101, QX-3102', item: 'Harbor Rain Jacket', stage: 'processing' };
const sentences = (text: string) => text.split(/(?<=[.?!])\s+/).filter(Boolean);

describe.each(LANGS)('the %s pack’s handoff follow-ups', (lang) => {
  const { reality, ask } = PACKS[lang].reply.handoff;
  const entries = [...Object.entries(reality).filter(([k]) => k !== 'closed'), ...Object.entries(ask)];

  it.each(entries)('%s passes the promise guard', (_, template) => {
    const text = fill(template, vars);
    expect(text).not.toMatch(/\{\w+\}/);
    for (const sentence of sentences(text)) expect(findPromise(sentence), sentence).toBeNull();
  });

  it('asks at most one question per entry', () => {
    for (const [key, template] of Object.entries(ask)) expect((template.match(/[?？]/g) ?? []).length, key).toBe(1);
    for (const [key, template] of Object.entries(reality)) expect(template, key).not.toMatch(/[?？]/);
  });
});
