import { CONCEPTS, isStopWord, stem, tokenize, type Analysis } from '../language';

/**
 * Words of the message that can name an item: content words of no concept (an action word like
 * "cancel" never names the "noise-cancelling" headphones the shopper did not mention), no stop
 * word, three letters or more. Compared by stem, so "boots" names "Trail Boot".
 */
export function itemWords(analysis: Analysis): Set<string> {
  const words = new Set<string>();
  analysis.tokens.forEach((t, i) => {
    if (t.entity || t.norm.length < 3 || isStopWord(t.norm) || analysis.concepts[i].length > 0) return;
    words.add(stem(t.norm));
  });
  return words;
}

/**
 * The items of an order that the message names: those sharing the most content words with it
 * ("the ceramic planter set" names the Glazed Ceramic Planter Set, not the Self-Watering Planter).
 */
export function namedItems(order: { items: readonly { name: string }[] }, words: Set<string>): string[] {
  const scored = order.items.map((item) => {
    const stems = new Set(
      tokenize(item.name)
        .map((t) => t.norm)
        .filter((n) => n.length >= 3 && !isStopWord(n) && CONCEPTS.exactly(n).length === 0)
        .map((n) => stem(n)),
    );
    return { name: item.name, score: [...stems].filter((st) => words.has(st)).length };
  });
  const best = Math.max(0, ...scored.map((i) => i.score));
  return best === 0 ? [] : scored.filter((i) => i.score === best).map((i) => i.name);
}
