import { describe, expect, it } from 'vitest';
import catalog from '../../../edge/src/demo/data/catalog.json';
import { classifyMessage } from '../../../edge/src/policy-gate';

/**
 * Typo tolerance must not turn product names into requests: "Stormline" is one letter from
 * "storn" (German stornieren, cancel). Every product question on the demo shop stays an answer.
 */
describe('product names are not handoff words', () => {
  it('does not hand off plain product questions', () => {
    const handedOff = catalog.products
      .flatMap((p) => [`Do you have the ${p.title}?`, `Is the ${p.title} in stock in size M?`, `How much is the ${p.title}?`])
      .filter((q) => classifyMessage(q).handoff);
    expect(handedOff).toEqual([]);
  });

  it('reads "case" as broken only in French', () => {
    expect(classifyMessage('Do you sell a silicone phone case?').handoff).toBe(false);
    expect(classifyMessage('Mon colis est arrivé cassé').primary).toBe('damaged_or_wrong_item');
    expect(classifyMessage('my phone case arrived broken').primary).toBe('damaged_or_wrong_item');
  });

  it('still hands off a cancellation with a typo in a longer stem', () => {
    expect(classifyMessage('Ich möchte meine Bestellung stornieren').primary).toBe('cancellation');
    expect(classifyMessage('please cancell my ordr').primary).toBe('cancellation');
  });
});
