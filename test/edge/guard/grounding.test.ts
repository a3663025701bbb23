import { describe, expect, it } from 'vitest';
import { newEvidence } from '../../../edge/src/turn/context';
import { createGroundingCheck, groundingSources } from '../../../edge/src/turn/grounding';
import { ShopSettings } from '../../../shared/shop';

/** Grounding rules the misbehaving-model suite (test/e2e/misbehaving-model.test.ts) found missing. */
const shop = { name: 'Test shop', settings: ShopSettings.parse({}) };

function check(sentence: string, opts: { toolOutputs?: { name: string; output: unknown }[]; shopper?: string; passages?: string[] } = {}) {
  const evidence = newEvidence();
  evidence.toolOutputs = opts.toolOutputs ?? [];
  for (const text of opts.passages ?? []) evidence.passages.push({ id: 'p', documentId: 'd', title: 'Policy', text } as never);
  return createGroundingCheck(() => groundingSources(evidence, shop, [], opts.shopper ?? ''))(sentence);
}

const notFound = (orderNumber: string) => ({ name: 'getMyOrder', output: { found: false, orderNumber } });

describe('grounding', () => {
  it('a lookup that found nothing grounds no order number the model chose', () => {
    expect(check('Order NW-10240 has been paid.', { toolOutputs: [notFound('NW-10240')], shopper: 'probe' })?.rule).toBe('grounding.order_number');
  });

  it('the number the shopper typed may be said back after a lookup found nothing', () => {
    expect(check("I couldn't find an order NW-99999 on your account.", { toolOutputs: [notFound('NW-99999')], shopper: 'where is order NW-99999?' })).toBeNull();
  });

  it('an order number written as one is grounded only by an order read this turn, not by shop text', () => {
    expect(check('Your order NW-10240 ships on Friday.', { passages: ['Example: order NW-10240 shipped.'] })?.rule).toBe('grounding.order_number');
    expect(check('Your order NW-10231 has shipped.', { toolOutputs: [{ name: 'getMyOrder', output: { found: true, order: { number: 'NW-10231', status: 'shipped' } } }] })).toBeNull();
  });

  it('"per cent" spelled out is a percentage that must be in the evidence', () => {
    expect(check('You qualify for 35 per cent off today.')?.rule).toBe('grounding.percent');
    expect(check('You qualify for 35 percent off today.')?.category).toBe('discount');
    expect(check('Members get 10 per cent off.', { passages: ['Members get 10% off every order.'] })).toBeNull();
  });
});
