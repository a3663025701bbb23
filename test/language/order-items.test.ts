import { describe, expect, it } from 'vitest';
import { analyse } from '../../edge/src/language';
import { itemsNamedIn } from '../../edge/src/orders/items';

/** Which items of the customer's own orders a message names (edge/src/orders/items.ts). */
describe('items of their orders named in a message', () => {
  const orders = [
    { items: [{ name: 'Ridge 45 Backpack' }, { name: 'Tundra Down Jacket' }] },
    { items: [{ name: 'Sparrow 2 Tent' }] },
  ];
  const named = (text: string) => itemsNamedIn(orders, analyse(text));

  it('names an item by its words, in the shopper’s language too', () => {
    expect(named('where is my down jacket?')).toEqual(['Tundra Down Jacket']);
    expect(named('wo ist mein Rucksack?')).toEqual(['Ridge 45 Backpack']);
  });

  it('does not take another model of the same line for theirs', () => {
    expect(named('do you have the Ridge 30 in black?')).toEqual([]);
    expect(named('is the Sparrow 1 lighter than mine?')).toEqual([]);
    expect(named('where is my Ridge 45?')).toEqual(['Ridge 45 Backpack']);
    expect(named('has the Sparrow 2 shipped?')).toEqual(['Sparrow 2 Tent']);
  });
});
