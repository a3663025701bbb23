import { CONCEPTS, editDistance, entryOfCollapsed, isNumeric, isStopWord, stem, synonymsOf, tokenize, type Analysis, type ConceptId } from '../language';

/**
 * A word of the message that can name an item, as it is compared: its normalised form and stem,
 * and the same for its synonyms in the other languages ("guanti" also reads "gloves"), since the
 * shopper names in their own language what the shop sold under an English title.
 */
export interface ItemWord {
  norm: string;
  stem: string;
  /** The same word in other words: each a list of words (a phrase: "garden store"). */
  alternatives: { norm: string; stem: string }[][];
}

/** Concepts a word may carry and still name an item: a question word of no topic ("tenda" in Italian is a tent). */
const NAMING_CONCEPTS: readonly ConceptId[] = ['ASKWORD'];
const contentWord = (norm: string) => norm.length >= 3 && !isStopWord(norm);
/** Words of an item's name that can be named: content words of no concept ("Set", "Pack", "Store" name nothing alone). */
const itemWord = (norm: string) => contentWord(norm) && CONCEPTS.exactly(norm).length === 0;
const wordOf = (norm: string) => ({ norm, stem: stem(norm) });

/**
 * Words of the message that can name an item: content words of no concept (an action word like
 * "cancel" never names the "noise-cancelling" headphones the shopper did not mention), no stop
 * word, three letters or more, not an order number or a price.
 */
export function itemWords(analysis: Analysis): ItemWord[] {
  const tokens = analysis.tokens;
  const words: ItemWord[] = tokens.flatMap((t, i) => {
    if (t.entity || !contentWord(t.norm) || analysis.concepts[i].some((c) => !NAMING_CONCEPTS.includes(c as ConceptId))) return [];
    // "giaca" for "giacca": a doubled letter typed once still finds the word's synonyms.
    const spelled = entryOfCollapsed(t.word);
    return [{ ...wordOf(t.norm), alternatives: alternativesOf([t.word, ...(spelled ? [spelled] : []), ...compoundTails(t.word)]) }];
  });
  // Names of two or three words in the shopper's language ("saco de dormir", "sacco a pelo").
  for (let i = 0; i < tokens.length; i++) {
    for (const n of [2, 3]) {
      const run = tokens.slice(i, i + n);
      if (run.length < n || run.some((t) => t.entity)) continue;
      const phrase = run.map((t) => t.word).join(' ');
      const alternatives = alternativesOf([phrase]);
      if (alternatives.length > 0) words.push({ ...wordOf(run.map((t) => t.norm).join('')), alternatives });
    }
  }
  return words;
}

/** The synonyms of each form, as lists of item words. */
function alternativesOf(forms: readonly string[]): ItemWord['alternatives'] {
  return forms
    .flatMap((f) => synonymsOf(f))
    .map((s) => tokenize(s).filter((w) => itemWord(w.norm)).map((w) => wordOf(w.norm)))
    .filter((a) => a.length > 0);
}

/** The last parts of a long compound that may be a word of their own ("daunenjacke": "jacke", "ersatzakku": "akku"). */
function compoundTails(word: string): string[] {
  if (word.length < 8) return [];
  const tails: string[] = [];
  for (let k = 3; word.length - k >= 4; k++) tails.push(word.slice(k));
  return tails;
}

/**
 * Whether a word of the shopper names a word of an item, across the ways shoppers write the shop's
 * names: the same stem ("boots", "boot"), one stem a prefix of the other ("cerámica", "ceramic";
 * "bistrot", "bistro"), one edit apart ("ratan", "rattan"), or one word inside a compound of the
 * other ("Rasentrimmer", "trimmer"; "watch", "Smartwatch"). Short words must match exactly.
 */
function names(said: { norm: string; stem: string }, item: { norm: string; stem: string }): boolean {
  if (said.stem === item.stem) return true;
  const [a, b] = said.stem.length <= item.stem.length ? [said.stem, item.stem] : [item.stem, said.stem];
  if (a.length >= 5 && b.startsWith(a)) return true;
  if (a.length >= 5 && editDistance(a, b) <= 1) return true;
  const [short, long] = said.norm.length <= item.norm.length ? [said.norm, item.norm] : [item.norm, said.norm];
  return short.length >= 5 && long.length > short.length + 2 && long.includes(short);
}

/** The item's words the message names (by a word itself, or by all the words of one of its synonyms), and which of the message's words name it. */
function score(itemName: string, said: readonly ItemWord[]): { words: number; by: Set<number> } {
  const words = tokenize(itemName)
    .map((t) => t.norm)
    .filter(itemWord)
    .map(wordOf);
  const hit = new Set<number>();
  const by = new Set<number>();
  said.forEach((s, i) => {
    words.forEach((w, k) => {
      if (!names(s, w)) return;
      hit.add(k);
      by.add(i);
    });
    for (const alt of s.alternatives) {
      const found = alt.map((a) => words.findIndex((w) => names(a, w)));
      if (!found.every((k) => k >= 0)) continue;
      for (const k of found) hit.add(k);
      by.add(i);
    }
  });
  return { words: hit.size, by };
}

/**
 * Whether two words in a row of the message are two words in a row of the item's name, whatever
 * they mean alone: "the Track & Find tags" names the Track & Find Bluetooth Tag although "track"
 * and "find" are concept words. The customer's own order lines are few, so a run of two is enough.
 */
function runNamed(analysis: Analysis, itemName: string): boolean {
  const words = tokenize(itemName).map((t) => t.norm);
  const said = analysis.tokens.filter((t) => !t.entity).map((t) => t.norm);
  for (let i = 0; i + 1 < said.length; i++) {
    if (isStopWord(said[i]) && isStopWord(said[i + 1])) continue;
    for (let k = 0; k + 1 < words.length; k++) if (words[k] === said[i] && words[k + 1] === said[i + 1]) return true;
  }
  return false;
}

/**
 * The items of the customer's orders the message names: for each word of the message, the items it
 * names that share the most words with the message ("the ceramic planter set" names the Glazed
 * Ceramic Planter Set, not the Self-Watering Planter; "where is my charger? and the label printer"
 * names both), and those whose name it writes two words of in a row.
 */
export function itemsNamedIn(orders: readonly { items: readonly { name: string }[] }[], analysis: Analysis): string[] {
  const said = itemWords(analysis);
  const all = [...new Set(orders.flatMap((o) => o.items.map((i) => i.name)))];
  const scored = all.map((name) => ({ name, ...score(name, said) }));
  const byWords = scored.filter((item) => [...item.by].some((i) => scored.every((other) => !other.by.has(i) || other.words <= item.words)));
  return [...new Set([...byWords.map((s) => s.name), ...all.filter((name) => runNamed(analysis, name))])].filter((name) => !otherModel(analysis, name));
}

/**
 * Whether the message names another model of the item's line: a word of the name followed by a
 * number, as the name has it with another number ("the Ridge 30" is not the Ridge 45 Backpack,
 * "K87" or "UX27" aside: those are one word, compared as they are).
 */
function otherModel(analysis: Analysis, itemName: string): boolean {
  const words = tokenize(itemName).map((t) => t.norm);
  const tokens = analysis.tokens;
  const number = (w: string | undefined) => w !== undefined && isNumeric(w) && !w.startsWith('#');
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!number(tokens[i + 1].raw)) continue;
    for (let k = 0; k + 1 < words.length; k++) if (number(words[k + 1]) && words[k] === tokens[i].norm && words[k + 1] !== tokens[i + 1].raw) return true;
  }
  return false;
}

/** The items of one order that the message names (see `itemsNamedIn`). */
export const namedItems = (order: { items: readonly { name: string }[] }, analysis: Analysis): string[] => itemsNamedIn([order], analysis);

/** Whether every word of the message that can name an item names a word of one of these items ("my monitor" of "UX27 27" 4K Monitor"). */
export function onlyNamesItems(analysis: Analysis, itemNames: readonly string[]): boolean {
  // The words one by one (the names of two or three words are among them only through their synonyms).
  const said = itemWords(analysis).filter((w) => analysis.tokens.some((t) => t.norm === w.norm));
  const words = itemNames.flatMap((name) => tokenize(name).map((t) => t.norm).filter(itemWord).map(wordOf));
  return said.every((s) => words.some((w) => names(s, w)) || s.alternatives.some((alt) => alt.every((a) => words.some((w) => names(a, w)))));
}
