import { describe, expect, it } from 'vitest';
import { analyse, cleanText, findOrderNumbers } from '../../edge/src/language';

const norms = (text: string) => analyse(text).tokens.map((t) => t.norm);

describe('normalisation keeps what it must keep', () => {
  it('reads order numbers, SKUs, sizes, model numbers, prices and e-mails from the original', () => {
    const a = analyse('Is the WH-1000XM5 in 3XL €3,50 or $12.99? SKU-88 100% cotton, write to Jo.Doe@example.com about #1042');
    const byKind = Object.fromEntries(a.entities.map((e) => [e.text, e.kind]));
    expect(byKind).toMatchObject({
      'WH-1000XM5': 'code',
      '3XL': 'size',
      '€3,50': 'price',
      '$12.99': 'price',
      'SKU-88': 'code',
      '100%': 'percent',
      'Jo.Doe@example.com': 'email',
      '#1042': 'reference',
    });
    // Entities carry no concepts: a model number is not a word to be corrected.
    for (const e of a.entities) expect(a.concepts[e.i]).toEqual([]);
    expect(a.orderNumbers).toEqual(['1042']);
  });

  it('finds order references in every pack', () => {
    expect(findOrderNumbers('pedido nº 1042')).toEqual(['1042']);
    expect(findOrderNumbers('commande n° W-88312')).toEqual(['W-88312']);
    expect(findOrderNumbers('Bestellnummer: 88312')).toEqual(['88312']);
    expect(findOrderNumbers("l'ordine 55120 non è arrivato")).toEqual(['55120']);
    expect(findOrderNumbers('a encomenda 77031 chegou partida')).toEqual(['77031']);
    expect(findOrderNumbers('my order arrived 3 days late')).toEqual([]);
  });

  it('leaves plain text, accents and symbols as they are', () => {
    expect(cleanText('Crème brûlée, 100% coton, AT&T, 50%off')).toBe('Crème brûlée, 100% coton, AT&T, 50%off');
    expect(norms('Größe für Männer')).toEqual(['grose', 'fur', 'maner']);
    expect(norms('Привет мир')).toEqual([]);
  });
});

describe('normalisation undoes disguises', () => {
  const cases: [string, string][] = [
    ['zero-width space', 're\u200bfu\u200bnd'],
    ['soft hyphen', 're\u00adfund'],
    ['word joiner', 're\u2060fund'],
    ['variation selector', 're\ufe0ffund'],
    ['tag characters', 're\u{e0072}\u{e0065}fund'],
    ['Cyrillic look-alikes', 'r\u0435fund'],
    ['fullwidth', 'ｒｅｆｕｎｄ'],
    ['mathematical bold', '𝐫𝐞𝐟𝐮𝐧𝐝'],
    ['spaced letters', 'r e f u n d'],
    ['hyphenated letters', 'r-e-f-u-n-d'],
    ['digits as letters', 'r3fund'],
    ['HTML entities', '&#114;&#x65;fund'],
    ['percent-encoding', '%72%65fund'],
  ];
  for (const [family, word] of cases) {
    it(family, () => {
      const a = analyse(`I want a ${word} for my order`);
      expect(a.has('REFUND')).toBe(true);
    });
  }

  it('maps look-alikes only in disguised words: a word wholly in another script stays itself', () => {
    expect(analyse('ореn').tokens[0].norm).toBe('open');
    expect(analyse('сорок').concepts.flat()).toEqual([]);
  });

  it('does not decode what is not a valid sequence', () => {
    expect(cleanText('%E9t%C3')).toBe('%E9t%C3');
    expect(cleanText('&bogus; &#0; &#xD800;')).toBe('&bogus; &#0; &#xD800;');
    expect(cleanText('caf%C3%A9 &eacute;t&eacute;')).toBe('café été');
  });

  it('rejoins spaced letters into words of the packs only', () => {
    expect(norms('r e f u n d  m y  o r d e r')).toEqual(['refund', 'my', 'order']);
    expect(norms('sizes S M L')).toEqual(['sizes', 's', 'm', 'l']);
  });
});
