import { describe, expect, it } from 'vitest';
import { classifyMessage, detectIntents } from '../../../edge/src/policy-gate';

describe('detectIntents', () => {
  it('finds order status questions in four languages, with typos', () => {
    for (const text of [
      'where is my order?',
      'wher is my ordr #1042',
      'track my package',
      'when will my parcel arrive?',
      '¿dónde está mi pedido?',
      'où est ma commande ?',
      'wo ist meine Bestellung?',
      'status of order 77120',
    ]) {
      expect(detectIntents(text).orderStatus, text).toBe(true);
    }
    expect(detectIntents('how long does delivery take?').orderStatus).toBe(false);
    expect(detectIntents('do you have this in red?').orderStatus).toBe(false);
  });

  it('reads "what did I order?" and "show my orders" as a look at the customer\'s own orders', () => {
    for (const text of ['has my camera shipped?', 'when will my new boots arrive?', 'did my order arrive?', 'what did I order?', 'What have I bought', 'show me my recent orders', 'my orders', 'order history', '¿qué pedí?', "qu'ai-je commandé ?", 'Was habe ich bestellt?', 'zeig mir meine Bestellungen']) {
      expect(detectIntents(text).orderStatus, text).toBe(true);
    }
    for (const text of ['how do I order?', 'can I order by phone?', 'what did I do wrong?', 'cancel my orders', 'when will my refund arrive?', 'how long does shipping take?', 'is my size available?']) {
      expect(detectIntents(text).orderStatus, text).toBe(false);
    }
  });

  it('extracts order numbers next to an order word or a hash, not quantities', () => {
    expect(detectIntents('where is order #1042?').orderNumbers).toEqual(['1042']);
    expect(detectIntents('my pedido 5521 and commande n° W-88312').orderNumbers).toEqual(['5521', 'W-88312']);
    expect(detectIntents('Bestellnummer: 99812').orderNumbers).toEqual(['99812']);
    expect(detectIntents('I ordered 3 items 10 days ago').orderNumbers).toEqual([]);
  });

  it('names policy topics as English search terms', () => {
    expect(detectIntents('what is your return policy?')).toMatchObject({ policyQuestion: true, policyTopics: ['returns'] });
    expect(detectIntents('¿cuánto cuesta el envío?').policyTopics).toContain('shipping');
    expect(detectIntents('acceptez-vous PayPal ?').policyTopics).toContain('payment');
    expect(detectIntents('Wie lange habe ich Garantie?').policyTopics).toContain('warranty');
    expect(detectIntents('what are your opening hours?').policyTopics).toContain('contact');
    expect(detectIntents('where is my order?').policyQuestion).toBe(false);
  });

  it('keeps the product part of a question and drops filler', () => {
    expect(detectIntents('do you have the trail runner in blue size 10?').productQuery).toBe('trail runner blue size 10');
    expect(detectIntents('Hola, ¿tienen chaquetas impermeables?').productQuery).toBe('chaquetas impermeables');
    expect(detectIntents('Haben Sie Wanderschuhe in Größe 42?').productQuery).toBe('wanderschuhe größe 42');
    expect(detectIntents('where is my order?').productQuery).toBeNull();
    expect(detectIntents('thanks so much').productQuery).toBeNull();
  });

  it('greetings, thanks and language', () => {
    expect(detectIntents('Hello!')).toMatchObject({ greeting: true, thanks: false });
    expect(detectIntents('merci beaucoup')).toMatchObject({ thanks: true, language: 'fr' });
    expect(detectIntents('Guten Tag, wo ist mein Paket?')).toMatchObject({ greeting: true, orderStatus: true, language: 'de' });
  });

  it('a mixed message sets the safe intent while the gate hands off the rest', () => {
    const text = 'where is my order and can I change the size?';
    expect(detectIntents(text).orderStatus).toBe(true);
    expect(classifyMessage(text).categories).toContain('order_change');
  });
});
