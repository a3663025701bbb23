import { describe, expect, it } from 'vitest';
import { analyse } from '../../edge/src/language';
import { classifyMessage } from '../../edge/src/policy-gate';

/**
 * Questions about a deadline or a way to pay are answered from the policies; the same words told
 * as a report or a request still go to a person (edge/src/policy-gate/rules.ts, language packs).
 */
describe('deadlines and instalments asked, not requested', () => {
  const asked = [
    'until when can I change my delivery address?',
    'Bis wann kann ich eine Bestellung noch ändern?',
    "jusqu'à quand puis-je annuler ma commande ?",
    '¿hasta cuándo puedo devolver un producto?',
    "fino a quando posso modificare l'ordine?",
    'até quando posso trocar o tamanho?',
    'how long do I have to report a broken item?',
    'est-ce que je peux payer en plusieurs fois ?',
    // A hypothetical with a time in it is still asked, not told.
    'what happens if my lavender dies after a month?',
    'what if my parcel does not arrive within 10 days?',
  ];
  for (const text of asked) {
    it(`answers "${text}"`, () => {
      expect(analyse(text).question).toBe(true);
      expect(classifyMessage(text).handoff).toBe(false);
    });
  }

  const requests: [string, string][] = [
    ['no puedo esperar hasta que llegue, quiero mi dinero', 'refund'],
    ['my item arrived broken, how long do I have to wait for a reply?', 'damaged_or_wrong_item'],
    ["j'ai été débité deux fois pour ma commande", 'payment_problem'],
    ['please change the delivery address of my order until Friday', 'address_change'],
    ['my parcel is 10 days late, what now?', 'delivery_problem'],
    ['it has been 3 weeks and my order still has not arrived, what happens if it never comes?', 'delivery_problem'],
  ];
  for (const [text, category] of requests) {
    it(`hands off "${text}" as ${category}`, () => {
      expect(classifyMessage(text).categories).toContain(category);
    });
  }

  it('reads "until when" as a deadline only with the word for when', () => {
    expect(analyse('bis wann kann ich zurückgeben?').asksDuration()).toBe(true);
    expect(analyse('ich warte bis Freitag').asksDuration()).toBe(false);
  });
});
