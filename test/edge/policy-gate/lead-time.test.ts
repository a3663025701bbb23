import { describe, expect, it } from 'vitest';
import { classifyMessage, detectIntents } from '../../../edge/src/policy-gate';

/** "Délais de livraison" means delivery times, not delays: a policy question, not a complaint. */
describe('delivery lead-time questions are answered, late parcels are handed off', () => {
  it.each(['Quels sont les délais de livraison ?', '¿Cuál es el plazo de entrega a Canarias?', 'Wie ist die Lieferzeit nach Österreich?', 'What are your delivery times to Spain?'])(
    'answers %s from the shipping policy',
    (q) => {
      expect(classifyMessage(q).handoff).toBe(false);
      const intents = detectIntents(q);
      expect(intents.policyQuestion).toBe(true);
      expect(intents.policyTopics).toContain('shipping');
    },
  );

  it.each(['Ma commande a du retard, elle devait arriver lundi', 'mi pedido tiene retraso', 'Meine Bestellung ist verspätet'])('hands off %s', (q) => {
    expect(classifyMessage(q).primary).toBe('delivery_problem');
  });
});

describe('size guide questions go to the sizing policy, not a product search', () => {
  it.each(['do you have a size guide for shoes?', 'Which size should I order?', '¿Tienen una guía de tallas?', 'Avez-vous un guide des tailles ?', 'Gibt es eine Größentabelle?'])('%s', (q) => {
    const intents = detectIntents(q);
    expect(intents.policyQuestion).toBe(true);
    expect(intents.policyTopics).toContain('sizing');
    expect(intents.productQuery).toBeNull();
  });
});
