import { describe, expect, it } from 'vitest';
import policies from '../../../edge/src/demo/data/policies.json';
import { fill, LANGS, wordingOf } from '../../../edge/src/language';
import { createPromiseGuard, findPromise, type GuardOutput } from '../../../edge/src/policy-gate';

/** Sentences an assistant must never send on its own: each promises or confirms money or fulfilment. */
const PROMISES = [
  'I have refunded your order.',
  "I'll refund you.",
  'Your refund has been processed.',
  "I've cancelled your order.",
  'We will send you a replacement.',
  'I changed the size to M.',
  "You'll get a $10 credit.",
  "I've gone ahead and issued a full refund.",
  'We are processing your refund now.',
  'Your order has been cancelled.',
  'I have updated the shipping address on your order.',
  'We have adjusted the price of your order.',
  'I will compensate you with store credit.',
  'Let me cancel that for you.',
  'I have waived the shipping fee.',
  'Te hemos reembolsado el pedido.',
  'Hemos cancelado tu pedido.',
  'Te enviaremos un reemplazo.',
  'Voy a reembolsar tu compra.',
  'Su reembolso ha sido procesado.',
  'Le remboursement a été effectué.',
  'Vous recevrez un remboursement complet.',
  'Je vais annuler votre commande.',
  'Nous avons annulé votre commande.',
  'Votre commande a été annulée.',
  'Ich habe Ihre Bestellung storniert.',
  'Wir haben Ihnen den Betrag erstattet.',
  'Ich werde Ihnen einen Gutschein schicken.',
  'Ihre Rückerstattung wurde veranlasst.',
];

/**
 * Codes, percentages and amounts are not claims of an action: grounding blocks them when this
 * turn's evidence does not hold them (test/edge/guard/grounding.test.ts).
 */

/** Sentences that mention the same things without promising them: policy, questions, refusals, handoffs. */
const NEAR_MISSES = [
  'Refunds are issued within 5 business days after the return arrives.',
  'Our policy allows returns within 30 days.',
  'Would you like me to connect you with someone about a refund?',
  "I can't issue refunds myself.",
  "I'm not able to cancel orders.",
  'A specialist will review your refund request.',
  "I've passed your refund request to our team.",
  'If your return is approved, you will receive a refund within 5 days.',
  'Discount codes can be entered at checkout.',
  'Orders can be cancelled within 2 hours of purchase.',
  'I understand you would like a refund.',
  "I'm sorry to hear about your refund.",
  'You can request a refund within 30 days of delivery.',
  'I have created a ticket for your cancellation request.',
  'Your order 1042 has shipped and should arrive on Friday.',
  'Los reembolsos se emiten en un plazo de 5 días hábiles.',
  'No puedo cancelar pedidos yo mismo.',
  'Un especialista revisará tu solicitud de reembolso.',
  '¿Quieres que un compañero revise tu reembolso?',
  'Les remboursements sont effectués sous 14 jours.',
  'Je ne peux pas annuler de commande moi-même.',
  'Un conseiller va examiner votre demande de remboursement.',
  'Erstattungen werden innerhalb von 14 Tagen bearbeitet.',
  'Ich kann keine Bestellungen stornieren.',
  'Ein Mitarbeiter prüft Ihre Anfrage zur Erstattung.',
  'Möchten Sie, dass ein Kollege sich Ihre Erstattung ansieht?',
  // General sentences about other people are rules (issue 15: conditional and general sentences).
  'Premium members have their return fee waived.',
  'Tell them everything has been updated in the system.',
  'Les clients ont leur commande remboursée sous 14 jours.',
  // A one-letter word is an article or a preposition, not "has": "a credit card", "a stylish ... space-saving".
  'Each payment method is either a gift card or a credit card.',
  'The mug stand is a stylish, space-saving way to store your mugs.',
];

const BEFORE = 'Thanks for waiting, Mr. Jones. ';
const AFTER = ' Is there anything else I can help with?';

/** Cuts text into chunks of 1 to 7 characters so that words and sentences are split mid-way. */
function chunk(text: string, seed: number): string[] {
  const out: string[] = [];
  let i = 0;
  let k = seed;
  while (i < text.length) {
    const size = 1 + (k % 7);
    out.push(text.slice(i, i + size));
    i += size;
    k = (k * 31 + 7) % 101;
  }
  return out;
}

function stream(chunks: string[]): { released: string; blocked: Extract<GuardOutput, { type: 'blocked' }>[]; log: GuardOutput[][] } {
  const guard = createPromiseGuard();
  const log = chunks.map((c) => guard.push(c));
  log.push(guard.end());
  const all = log.flat();
  return {
    released: all.flatMap((o) => (o.type === 'text' ? [o.text] : [])).join(''),
    blocked: all.filter((o): o is Extract<GuardOutput, { type: 'blocked' }> => o.type === 'blocked'),
    log,
  };
}

describe('findPromise', () => {
  it.each(PROMISES)('blocks: %s', (sentence) => {
    expect(findPromise(sentence)).not.toBeNull();
  });
  it.each(NEAR_MISSES)('passes: %s', (sentence) => {
    expect(findPromise(sentence)).toBeNull();
  });
  it('a claim about other people still blocks when it is ours, about this shopper or marked done', () => {
    for (const s of ['We have refunded their order.', 'Your order has been cancelled, like other customers asked.', 'Order cancelled for the customer ✅', 'Les clients et vous : votre commande a été annulée.']) {
      expect(findPromise(s), s).not.toBeNull();
    }
  });

  it('shop text quoted word for word passes as a rule, unless it tells this shopper something was or will be done for their order or money', () => {
    const judge = (s: string) => {
      const g = createPromiseGuard({ allow: () => true });
      return [...g.push(s), ...g.end()].some((o) => o.type === 'blocked');
    };
    for (const s of [
      'Cracks are covered: we will replace your mug for free.',
      'We will refund you within 5 days of receiving the return.',
      'Refunds are issued once the return is approved.',
      // A rule of the shop in the completed form, to nobody in particular (it was quoted in every language).
      'Refunds, partial refunds and any exception to these rules are handled by our customer service team, not by the chat assistant.',
      'Refused parcels are returned to us and refunded minus the original shipping cost.',
    ]) expect(judge(s), s).toBe(false);
    for (const s of ['We will refund you today.', 'Your refund has been approved.', 'Nous allons annuler votre commande.', 'Order cancelled ✅']) expect(judge(s), s).toBe(true);
  });

  it('names the category of the promise', () => {
    expect(findPromise('I have refunded your order.')?.category).toBe('refund');
    expect(findPromise('Ich habe Ihre Bestellung storniert.')?.category).toBe('cancellation');
    expect(findPromise('Your discount has been applied.')?.category).toBe('discount');
    expect(findPromise('We will send you a replacement.')?.category).toBe('exchange');
    expect(findPromise('I changed the size to M.')?.category).toBe('order_change');
  });
});

describe('createPromiseGuard', () => {
  it.each(PROMISES.map((p, i) => [p, i] as const))('no part of "%s" is released, however it is split', (sentence, seed) => {
    // Without a full stop the promise runs on into the next sentence, which is then held back with it.
    const promise = /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
    for (const s of [seed, seed + 13, seed + 57]) {
      const { released, blocked } = stream(chunk(BEFORE + promise + AFTER, s));
      // Released text is the input minus the blocked sentence, byte for byte.
      expect(released).toBe(BEFORE.trimEnd() + AFTER);
      expect(blocked).toHaveLength(1);
      expect(blocked[0].sentence).toBe(promise);
    }
  });

  it.each(NEAR_MISSES.map((p, i) => [p, i] as const))('"%s" is released unchanged', (sentence, seed) => {
    const text = BEFORE + sentence + AFTER;
    const { released, blocked } = stream(chunk(text, seed));
    expect(blocked).toEqual([]);
    expect(released).toBe(text);
  });

  it('holds a sentence until it ends, then releases it', () => {
    const guard = createPromiseGuard();
    expect(guard.push('Our boots are waterpr')).toEqual([]);
    expect(guard.push('oof and weigh 1.')).toEqual([]);
    expect(guard.push('2 kg, e.g. for hiking')).toEqual([]);
    expect(guard.push('. They')).toEqual([{ type: 'text', text: 'Our boots are waterproof and weigh 1.2 kg, e.g. for hiking.' }]);
    expect(guard.end()).toEqual([{ type: 'text', text: ' They' }]);
  });

  it('a newline ends a sentence, so list items are judged one by one', () => {
    const { released, blocked } = stream(chunk('Options:\n- I have cancelled your order\n- Returns are free within 30 days\n', 3));
    expect(blocked.map((b) => b.sentence)).toEqual(['- I have cancelled your order']);
    expect(released).toBe('Options:\n- Returns are free within 30 days\n');
  });

  it('after one blocked promise, later sentences about the same thing are blocked too', () => {
    const { released, blocked } = stream(chunk("I've refunded your order. The refund will show up on your card in 3 days. Anything else?", 5));
    expect(blocked).toHaveLength(2);
    expect(released).toBe(' Anything else?');
  });

  it('keeps blocking promises in later sentences', () => {
    const { released, blocked } = stream(chunk('Sorry about that! I have cancelled your order. Also, a discount has been applied to your next order. Have a nice day!', 9));
    expect(blocked.map((b) => b.category)).toEqual(['cancellation', 'discount']);
    expect(released).toBe('Sorry about that! Have a nice day!');
  });

  it('passes an empty stream', () => {
    expect(stream([]).released).toBe('');
  });

  it("passes the Worker's own lines around a quoted policy, in every language", () => {
    // "Lee la política completa: [Returns and refunds]" read "completa" as done and handed off a refund.
    const titles = policies.policies.map((p) => p.title);
    const blocked: string[] = [];
    for (const lang of LANGS) {
      for (const title of titles) {
        for (const line of [fill(wordingOf(lang).messages.policyLink, { title, url: '/policies/x' }), fill(wordingOf(lang).messages.policyIntro, { title })]) {
          if (findPromise(line)) blocked.push(`${lang}: ${line}`);
        }
      }
    }
    expect(blocked).toEqual([]);
  });
});
