import { describe, expect, it } from 'vitest';
import type { HandoffCategory } from '../../../shared/ticket';
import { classifyMessage } from '../../../edge/src/policy-gate';

/** Requests to act on an order or a payment, or for a person: [message, category it must carry]. */
const REQUESTS: [string, HandoffCategory][] = [
  ['I want to return my jacket', 'return'],
  ['refund my order 1042', 'refund'],
  ['my parcel never arrived', 'delivery_problem'],
  ['I was charged twice', 'payment_problem'],
  ['can I still change the size of my order?', 'order_change'],
  ['refnd pls, the shoes are too small', 'refund'],
  ['cancell my ordr', 'cancellation'],
  ['I need to cancel order #5521 asap', 'cancellation'],
  ['my order is late, it has been 3 weeks', 'delivery_problem'],
  ['the package still hasnt arrived after two weeks', 'delivery_problem'],
  ['tracking says delivered but I never got it', 'delivery_problem'],
  ['the mug arrived broken', 'damaged_or_wrong_item'],
  ['you sent me the wrong size', 'damaged_or_wrong_item'],
  ['can I get a discount code?', 'discount'],
  // The difference back after a price drop or a price match is a refund (test/corpus/README.md, conventions).
  ['the price dropped the day after I bought it, can you match it?', 'refund'],
  ['my payment was declined but the money left my account', 'payment_problem'],
  ['I will file a chargeback with my bank', 'payment_problem'],
  ['I want to talk to a human', 'human_request'],
  ['can I speak to a real person please', 'human_request'],
  ['agent', 'human_request'],
  ['I want to exchange these boots for a bigger size', 'exchange'],
  ['please change the shipping address on order 1042', 'address_change'],
  ['I moved, can you send my order to my new address?', 'address_change'],
  ['I want to complain about the terrible service', 'complaint'],
  ['I have a coupon code but it does not work', 'discount'],
  // Spanish
  ['Quiero un reembolso de mi pedido', 'refund'],
  ['quiero devolver las zapatillas', 'return'],
  ['mi pedido no ha llegado todavía y ya pasaron tres semanas', 'delivery_problem'],
  ['me cobraron dos veces', 'payment_problem'],
  ['quiero cancelar mi pedido', 'cancellation'],
  ['quiero hablar con una persona', 'human_request'],
  ['puedo cambiar la talla de mi pedido?', 'order_change'],
  ['el producto llego roto', 'damaged_or_wrong_item'],
  ['quiero un reenbolso', 'refund'],
  // French
  ['Je veux être remboursé', 'refund'],
  ['je voudrais annuler ma commande 1042', 'cancellation'],
  ["mon colis n'est jamais arrivé", 'delivery_problem'],
  ['je voudrais parler à un conseiller', 'human_request'],
  ["j'ai été débité deux fois", 'payment_problem'],
  ['je veux changer l adresse de livraison', 'address_change'],
  ['le produit est arrive casse', 'damaged_or_wrong_item'],
  ['je veux rembourser ma comande', 'refund'],
  // German
  ['Ich möchte eine Rückerstattung', 'refund'],
  ['Ich moechte eine Rueckerstattung fuer meine Bestellung', 'refund'],
  ['bitte Bestellung 1042 stornieren', 'cancellation'],
  ['Mein Paket ist nicht angekommen', 'delivery_problem'],
  ['ich möchte mit einem Mitarbeiter sprechen', 'human_request'],
  ['Ich will die Schuhe zurückschicken', 'return'],
  ['Die Lieferadresse ist falsch, bitte ändern', 'address_change'],
  ['mir wurde doppelt abgebucht', 'payment_problem'],
  ['der Artikel ist kaputt angekommen', 'damaged_or_wrong_item'],
  ['ich möchte die Größe meiner Bestellung ändern', 'order_change'],
  ['ich will meine Bestelung stornieren', 'cancellation'],
];

/** Questions the shop answers itself: policy, order status, products, small talk. */
const ANSWERED = [
  'what is your refund policy?',
  'how long do returns take?',
  'do you offer exchanges?',
  'can I return sale items?',
  'are returns free?',
  'where is my order?',
  'track my package',
  'when will my order arrive',
  'my order hasnt arrived yet, where is it?',
  'do you have this jacket in blue?',
  'how long does delivery take?',
  'what payment methods do you accept?',
  'can I pay with PayPal?',
  'do you ship to Canada?',
  'how do I contact customer service?',
  'how do I reset my password?',
  'how do I unsubscribe from the newsletter?',
  'is there a fee to cancel?',
  'does the colour fade in the wash?',
  'hi there',
  'thanks a lot!',
  '¿cuál es su política de devoluciones?',
  '¿dónde está mi pedido?',
  '¿cuánto tarda el envío?',
  'quelle est votre politique de retour ?',
  'où est ma commande ?',
  'combien de temps prend la livraison ?',
  'Wie lange dauert die Rückerstattung?',
  'Wo ist meine Bestellung?',
  'Was sind Ihre Rückgabebedingungen?',
  'Haben Sie diese Jacke in Blau?',
];

describe('classifyMessage: requests hand off', () => {
  it.each(REQUESTS)('%s -> %s', (text, category) => {
    const decision = classifyMessage(text);
    expect(decision.handoff).toBe(true);
    expect(decision.categories).toContain(category);
    expect(decision.primary).toBe(decision.categories[0]);
    expect(decision.requestedAction).not.toBe('');
    expect(decision.rules.length).toBeGreaterThan(0);
    expect(decision.priority).not.toBe('low');
  });
});

describe('classifyMessage: questions are answered, not handed off', () => {
  it.each(ANSWERED)('%s', (text) => {
    const decision = classifyMessage(text);
    expect(decision).toMatchObject({ handoff: false, categories: [], primary: null, requestedAction: '', priority: 'low' });
  });
});

describe('classifyMessage: details an agent relies on', () => {
  it('a mixed message hands off the change and keeps the most important category first', () => {
    const decision = classifyMessage('where is my order and can I change the size?');
    expect(decision.categories).toEqual(['order_change']);
    // Money back asked for in so many words is the request; the damage is its reason (both are kept).
    const both = classifyMessage('The parcel arrived damaged and I want my money back for order #A-7731');
    expect(both.categories[0]).toBe('refund');
    expect(both.categories).toContain('damaged_or_wrong_item');
    expect(both.requestedAction).toContain('A-7731');
  });

  it('a policy question next to a concrete request still hands off', () => {
    expect(classifyMessage('What is your refund policy? I want a refund for order 1042').categories).toContain('refund');
  });

  it('cancelling an account or a newsletter is self-service, cancelling an order is not', () => {
    expect(classifyMessage('how do I cancel my newsletter subscription?').handoff).toBe(false);
    expect(classifyMessage('please cancel my account').handoff).toBe(false);
    expect(classifyMessage('please cancel my order').handoff).toBe(true);
  });

  it('customer service hours are answered, a person is handed off', () => {
    expect(classifyMessage('when can I call customer service?').handoff).toBe(false);
    expect(classifyMessage('I need to talk to someone').primary).toBe('human_request');
  });

  it('detects the language of the message', () => {
    expect(classifyMessage('quiero devolver mi pedido').language).toBe('es');
    expect(classifyMessage('je veux retourner ma commande').language).toBe('fr');
    expect(classifyMessage('ich möchte meine Bestellung zurückschicken').language).toBe('de');
    expect(classifyMessage('I want to return my order').language).toBe('en');
  });

  it('raises risk flags and priority for threats and anger', () => {
    const chargeback = classifyMessage('Refund me now or I will open a chargeback with my bank');
    expect(chargeback.riskFlags).toContain('chargeback_threat');
    expect(chargeback.priority).toBe('urgent');
    const legal = classifyMessage('I want my money back or my lawyer will hear about it');
    expect(legal.riskFlags).toContain('legal_threat');
    expect(legal.priority).toBe('urgent');
    const angry = classifyMessage('This is RIDICULOUS, my parcel is LOST again!!');
    expect(angry.riskFlags).toEqual(expect.arrayContaining(['angry', 'repeat_contact']));
    expect(angry.priority).toBe('high');
    expect(classifyMessage('I would like to return my scarf').riskFlags).toEqual([]);
  });

  it('a short follow-up that confirms a pending request keeps it a handoff', () => {
    const history = ['Can I change the size of my order 1042?'];
    expect(classifyMessage('the blue one instead, size M', { history })).toMatchObject({ handoff: true, primary: 'order_change' });
    expect(classifyMessage('yes please do it', { history: ['I want to cancel my order'] }).primary).toBe('cancellation');
    expect(classifyMessage('yes please do it', { history: ['what is your return policy?'] }).handoff).toBe(false);
    expect(classifyMessage('no thanks, never mind', { history }).handoff).toBe(false);
  });
});
