import { describe, expect, it } from 'vitest';
import { findOrderNumbers, findOwnOrderNumbers, mergeOrderReferences } from '../../edge/src/language';

/** Order references compared against the verified customer's own numbers (edge/src/orders/references.ts). */
describe('order references the shop’s own way', () => {
  const own = ['HG-20958', 'HG-20301'];
  const refs = (text: string, numbers = own) => mergeOrderReferences(findOrderNumbers(text), text, numbers);

  it('finds one of the customer’s numbers however it is typed', () => {
    for (const text of ['where is 20958?', 'hg 20958', 'HG20958', 'HG‐２０９５８ please', '# 20 958', 'Bestellung 20958', 'pedido nº hg-20958', 'HG-20958, 2 items'])
      expect(refs(text), text).toEqual(['HG-20958']);
  });

  it('keeps several references in the order they are mentioned', () => {
    expect(refs('cancel 20301 and hg 20958')).toEqual(['HG-20301', 'HG-20958']);
  });

  it('reads a number of the customer’s shape that is not theirs the shop’s way, so it is looked up and not found', () => {
    expect(refs('status of hg 21999')).toEqual(['HG-21999']);
    expect(refs('status of 21999')).toEqual(['21999']);
    expect(refs('is 100049999 here', ['100044120'])).toEqual(['100049999']);
  });

  it('does not read prices, dates, part numbers or other lengths as references', () => {
    for (const text of ['I paid 209.58', 'delivered 20/09/58', '209580 is my postcode', 'size 44 please', 'call 555 1234'])
      expect(findOwnOrderNumbers(text, own), text).toEqual([]);
  });

  it('finds nothing without the customer’s numbers beyond what is typed with an order word', () => {
    expect(refs('where is 20958?', [])).toEqual([]);
    expect(refs('order 20958', [])).toEqual(['20958']);
  });

  it('nine-digit numbers in groups', () => {
    expect(refs('des nouvelles du 100 045 777 ?', ['100045777', '100044120'])).toEqual(['100045777']);
    expect(refs('¿y el 100-045-873?', ['100045873'])).toEqual(['100045873']);
  });
});
