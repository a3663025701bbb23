import { describe, expect, it } from 'vitest';
import { findPhrase, hasPhrase, priceBounds, priceOrder, searchWords, sizeWordAt } from '../../edge/src/language';

const plain = (text: string) => searchWords(text).join(' ');

describe('phrase entries of the packs', () => {
  it('reads slots, alternatives, optional words and anchors', () => {
    expect(hasPhrase(plain('Can you show me all of my recent orders?'), 'ORDERHISTORY')).toBe(true);
    expect(hasPhrase(plain('Show my orders'), 'ORDERHISTORY')).toBe(true);
    // "my orders" only counts at the end of the message.
    expect(hasPhrase(plain('my orders are late, refund them'), 'ORDERHISTORY')).toBe(false);
    expect(findPhrase(plain('Does it come in forest green'), 'OPTIONASK')).toEqual(['forest', 'green']);
    expect(hasPhrase(plain('is this waterproof'), 'DETAILQUESTION')).toBe(true);
    expect(hasPhrase(plain('this is waterproof'), 'DETAILQUESTION')).toBe(false);
  });

  it('matches whole words only', () => {
    expect(hasPhrase(plain('a lovely item'), 'BACKREF', ['en'])).toBe(false);
    expect(hasPhrase(plain('is it red'), 'BACKREF', ['en'])).toBe(true);
    // Restricted to the languages asked for: "das" is German for "that", not an English word.
    expect(hasPhrase(plain('das rote'), 'BACKREF', ['en'])).toBe(false);
    expect(hasPhrase(plain('das rote'), 'BACKREF', ['en', 'de'])).toBe(true);
  });

  it('understands Italian and Portuguese order history and shopping words', () => {
    expect(hasPhrase(plain('Cosa ho ordinato il mese scorso?'), 'ORDERHISTORY')).toBe(true);
    expect(hasPhrase(plain('Quero ver as minhas encomendas'), 'ORDERHISTORY')).toBe(true);
    expect(hasPhrase(plain('Qual è il prodotto più economico?'), 'CHEAPEST')).toBe(true);
  });
});

describe('price bounds and sizes from the packs', () => {
  it('reads bounds in every pack language and leaves the rest of the query', () => {
    expect(priceBounds('rain jacket under $150')).toMatchObject({ maxPrice: 150 });
    expect(priceBounds('tienda de campaña hasta 200 €')).toMatchObject({ maxPrice: 200 });
    expect(priceBounds('Schlafsack über 80 Euro')).toMatchObject({ minPrice: 80 });
    expect(priceBounds('zaino fino a 60 euro')).toMatchObject({ maxPrice: 60 });
    expect(priceBounds('botas acima de 45,50€')).toMatchObject({ minPrice: 45.5 });
    const { text, maxPrice, minPrice } = priceBounds('boots more than 50 and less than 120 dollars');
    expect([minPrice, maxPrice]).toEqual([50, 120]);
    expect(text.trim().split(/\s+/)).toEqual(['boots', 'and']);
    // A number that is no bound stays: "100% cotton", "size 42".
    expect(priceBounds('100% cotton shirt size 42')).toEqual({ text: '100% cotton shirt size 42' });
  });

  it('orders by price when asked for the cheapest or the dearest', () => {
    expect(priceOrder(plain('your cheapest tent'))).toBe(1);
    expect(priceOrder(plain('la tienda más cara'))).toBe(-1);
    expect(priceOrder(plain('a tent for two'))).toBe(0);
  });

  it('reads size words after a cue, size phrases anywhere', () => {
    expect(sizeWordAt(['size', 'large'], 1)).toEqual({ size: 'l', length: 1 });
    expect(sizeWordAt(['large', 'tent'], 0)).toBeNull();
    expect(sizeWordAt(['extra', 'large', 'hoodie'], 0)).toEqual({ size: 'xl', length: 2 });
    expect(sizeWordAt(['taglia', 'piccola'], 1)).toEqual({ size: 's', length: 1 });
  });
});
