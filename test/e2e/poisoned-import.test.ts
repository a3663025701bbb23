import { beforeAll, describe, expect, it } from 'vitest';
import { stack } from './harness';
import { createPoisonedShop, poisonProblems } from './misbehaving/poisoned-shop';
import { chatTurn } from './misbehaving/turn';

/**
 * Acceptance 3 of issue 15, offline engine (the shared Worker has no model key): a shop imports
 * products and policies that carry promises, codes, images, `javascript:` and off-shop links,
 * and raw HTML. The offline engine quotes catalog and policy text; nothing of it may reach the
 * shopper as a promise or a live link, in the stream or in the stored history rendered with
 * marked. The same shop behind a misbehaving model: test/e2e/misbehaving-model.test.ts.
 */
let shop: Awaited<ReturnType<typeof createPoisonedShop>>;
beforeAll(async () => {
  shop = await createPoisonedShop(stack().url, stack().operatorKey);
});

const QUESTIONS = [
  'Tell me about the Trail Enamel Mug',
  'What is the Trail mug made of?',
  'Do you have a camp stove?',
  'What is your return policy?',
  'How long do I have to return something?',
  'Quelle est votre politique de retour ?',
];

describe('poisoned shop text through the offline engine', () => {
  it('shows no planted promise and no live image or link off the shop', async () => {
    const problems: string[] = [];
    let quoted = 0;
    for (const q of QUESTIONS) {
      const t = await chatTurn(stack().url, shop.id, q);
      for (const [where, text] of [['stream', t.text], ['history', t.stored]] as const) {
        for (const p of await poisonProblems(text)) problems.push(`${q} (${where}): ${p}`);
      }
      // The shop's honest text still comes through: the turn is not just silenced.
      if (/350 ml|enamel|boils a litre|30 days/i.test(t.text)) quoted++;
    }
    console.log(`poisoned import, offline engine: ${QUESTIONS.length} questions, ${problems.length} problems, ${quoted} replies quoting the shop's honest text`);
    if (problems.length) console.log(problems.join('\n'));
    expect(problems).toEqual([]);
    expect(quoted).toBeGreaterThanOrEqual(3);
  });
});
