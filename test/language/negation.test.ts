import { describe, expect, it } from 'vitest';
import { analyse, declinedTokens } from '../../edge/src/language';

/** The words of the message the shopper declines, as the gate and the intents will not read them. */
const declined = (text: string) => {
  const a = analyse(text);
  return declinedTokens(a).map((i) => a.tokens[i].word).join(' ');
};

describe('declined actions (language/negation.ts)', () => {
  it.each([
    ["I'm not asking for a refund, I only want to know when it arrives", 'not asking for a refund'],
    ['no need to cancel anything, where is my parcel?', 'no need to cancel'],
    ['no quiero devolver nada, solo saber si es impermeable', 'no quiero devolver'],
    ["pas besoin d'annuler, je voudrais juste savoir où en est la commande", 'pas besoin d annuler'],
    ['je ne cherche pas à me faire rembourser, quelle largeur ?', 'ne cherche pas a me faire rembourser'],
    ['Ich möchte nichts umtauschen, wann kommt meine Bestellung?', 'nichts umtauschen'],
    ['I want no refund, just the tracking number', 'no refund'],
    ['Keine Rückerstattung nötig, nur wo ist mein Paket', 'keine ruckerstattung notig'],
    ["non devo restituire niente, dov'è il mio ordine?", 'non devo restituire'],
    ['não é para pedir reembolso, têm o rato em preto?', 'nao e para pedir reembolso'],
  ])('"%s" declines "%s"', (text, words) => {
    expect(declined(text)).toBe(words);
  });

  it.each([
    "I haven't received my refund",
    "I can't return it, the label link is broken",
    'no refund yet after three weeks',
    'I never got the replacement',
    "I don't want the jacket anymore, please cancel it",
    'no me han devuelto el dinero',
    "je n'ai toujours pas été remboursé",
    'Ich habe keine Erstattung bekommen',
    'non mi avete ancora rimborsato',
    'ainda não recebi o reembolso',
  ])('"%s" declines nothing: a report or a request stays one', (text) => {
    expect(declined(text)).toBe('');
  });

  it('keeps the request that follows the declined one', () => {
    const a = analyse("I don't want to cancel, I want to change the size");
    const gone = new Set(declinedTokens(a));
    const kept = a.tokens.filter((t) => !gone.has(t.i)).map((t) => t.norm);
    expect(kept).toEqual(expect.arrayContaining(['change', 'size']));
    expect(kept).not.toContain('cancel');
  });
});
