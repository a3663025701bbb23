import { CONCEPTS, editDistance, isStopWord, stem, tokenize, type Analysis } from '../language';

/** A word of a name or a message, as it is compared: its normalised form and its stem. */
interface Word {
  norm: string;
  stem: string;
}

const contentWord = (norm: string) => norm.length >= 3 && !isStopWord(norm);

/** Words of the message that can name an item: content words of no concept, not an order number or a price. */
function messageWords(analysis: Analysis): Word[] {
  return analysis.tokens.flatMap((t, i) => (t.entity || !contentWord(t.norm) || analysis.concepts[i].length > 0 ? [] : [{ norm: t.norm, stem: stem(t.norm) }]));
}

/**
 * Whether a word of the shopper names a word of an item, across the ways shoppers write the shop's
 * names: the same stem ("boots", "boot"), one stem a prefix of the other ("cerámica", "ceramic";
 * "bistrot", "bistro"), one edit apart ("ratan", "rattan"), or the name's word inside a compound
 * ("Rasentrimmer", "trimmer"). Short words must match exactly.
 */
function names(said: Word, item: Word): boolean {
  if (said.stem === item.stem) return true;
  const [a, b] = said.stem.length <= item.stem.length ? [said.stem, item.stem] : [item.stem, said.stem];
  if (a.length >= 5 && b.startsWith(a)) return true;
  if (a.length >= 5 && editDistance(a, b) <= 1) return true;
  return item.norm.length >= 5 && said.norm.length > item.norm.length + 2 && said.norm.includes(item.norm);
}

/**
 * The items of the customer's orders the message names: those sharing the most words with it
 * ("the ceramic planter set" names the Glazed Ceramic Planter Set, not the Self-Watering Planter).
 * Item words that are words of some concept ("Set", "Pack") name nothing alone.
 */
export function itemsNamed(analysis: Analysis, orders: readonly { items: readonly { name: string }[] }[]): string[] {
  const said = messageWords(analysis);
  if (said.length === 0) return [];
  const scored = [...new Set(orders.flatMap((o) => o.items.map((i) => i.name)))].map((name) => {
    const words = tokenize(name)
      .map((t) => t.norm)
      .filter((n) => contentWord(n) && CONCEPTS.exactly(n).length === 0)
      .map((norm) => ({ norm, stem: stem(norm) }));
    return { name, score: words.filter((w) => said.some((s) => names(s, w))).length };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  return best === 0 ? [] : scored.filter((s) => s.score === best).map((s) => s.name);
}
