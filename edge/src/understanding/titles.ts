import { analyse, compoundParts, editDistance, isStopWord, normalizeWord, stem, synonymPhraseAt, synonymsOf, tokenize, typoBudget, type Analysis } from '../language';

/** A run of the message's tokens that spells (part of) one of the shop's product titles. */
export interface TitleSpan {
  title: string;
  from: number;
  /** Exclusive. */
  to: number;
}

const sameWord = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 5 && editDistance(a, b) <= Math.min(1, typoBudget(Math.min(a.length, b.length))));

/**
 * A list of titles read once: each title's stemmed words, and where each stem occurs, so a turn
 * compares the message only with the titles sharing a word with it (a catalog of 5,000 titles,
 * tokenized on every turn, was half of a turn's CPU). Kept per list: the shop's vocabulary is one
 * array per shop for a minute (`shop-context.ts`), so a new list is a new index.
 */
interface TitleIndex {
  titles: { title: string; words: string[] }[];
  /** Stem -> positions in `titles`, ascending. */
  byWord: Map<string, number[]>;
  /**
   * Each stem of five letters or more under itself and under every one-letter deletion of it:
   * two words one edit apart share a key, so a typo finds its few candidates by lookup instead of
   * an edit distance against every stem of the catalog (symmetric delete; `sameWord` confirms).
   */
  byDeletion: Map<string, string[]>;
}

function deletions(w: string): string[] {
  const out = [w];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

const indexes = new WeakMap<readonly string[], TitleIndex>();

function indexOf(titles: readonly string[]): TitleIndex {
  let index = indexes.get(titles);
  if (index) return index;
  index = { titles: [], byWord: new Map(), byDeletion: new Map() };
  for (const title of titles) {
    const words = tokenize(title).map((t) => stem(t.norm));
    if (words.length < 2) continue;
    const at = index.titles.push({ title, words }) - 1;
    for (const w of new Set(words)) {
      const list = index.byWord.get(w);
      if (list) list.push(at);
      else {
        index.byWord.set(w, [at]);
        if (w.length < 5) continue;
        for (const key of new Set(deletions(w))) {
          const same = index.byDeletion.get(key);
          if (same) same.push(w);
          else index.byDeletion.set(key, [w]);
        }
      }
    }
  }
  indexes.set(titles, index);
  return index;
}

/**
 * For each of the message's stems, the title words `sameWord` accepts for it (itself included when
 * a title has it), and the positions of the titles that may hold a span, ascending: a span is two
 * words in a row or more, so only a title holding words accepted for two neighbouring tokens of the
 * message can hold one (a common word such as "jacket" is in thousands of titles of a large
 * catalog; the neighbours' titles are few).
 */
function candidates(index: TitleIndex, msg: string[]): { titles: number[]; accepted: Map<string, Set<string>> } {
  const accepted = new Map<string, Set<string>>();
  /** How many title positions the words accepted for a stem have (a title may count more than once). */
  const held = new Map<string, number>();
  for (const m of new Set(msg)) {
    if (!m) continue;
    const same = new Set<string>();
    if (index.byWord.has(m)) same.add(m);
    // A typo is forgiven only between words of five letters or more, one edit apart.
    if (m.length >= 5) for (const key of deletions(m)) for (const w of index.byDeletion.get(key) ?? []) if (!same.has(w) && sameWord(m, w)) same.add(w);
    accepted.set(m, same);
    let n = 0;
    for (const w of same) n += index.byWord.get(w)!.length;
    held.set(m, n);
  }
  const found = new Set<number>();
  for (let i = 0; i + 1 < msg.length; i++) {
    const [a, b] = [msg[i], msg[i + 1]];
    if (!a || !b || !held.get(a) || !held.get(b)) continue;
    // The titles of the rarer neighbour, kept when they also hold a word accepted for the other.
    const [fewer, more] = held.get(a)! <= held.get(b)! ? [a, b] : [b, a];
    const other = accepted.get(more)!;
    for (const w of accepted.get(fewer)!) for (const at of index.byWord.get(w)!) if (!found.has(at) && index.titles[at].words.some((x) => other.has(x))) found.add(at);
  }
  return { titles: [...found].sort((x, y) => x - y), accepted };
}

/**
 * The shop's product titles named in the message, as runs of its tokens: two or more words in a
 * row that are consecutive words of one title, at least one of them a content word (a word of no
 * concept and no stop list: the product's own noun, "headphones", "spool", "chippings"). The
 * longest run per title; typos of long words allowed.
 */
export function titleSpans(analysis: Analysis, titles: readonly string[]): TitleSpan[] {
  const msg = analysis.tokens.map((t) => (t.entity && t.entity !== 'number' ? '' : stem(t.norm)));
  const content = (i: number) => msg[i] !== '' && analysis.concepts[i].length === 0 && !isStopWord(analysis.tokens[i].norm) && analysis.tokens[i].norm.length >= 3;
  const spans: TitleSpan[] = [];
  const index = indexOf(titles);
  const { titles: found, accepted } = candidates(index, msg);
  const same = (i: number, w: string) => msg[i] !== '' && accepted.get(msg[i])!.has(w);
  for (const at of found) {
    const { title, words } = index.titles[at];
    let best: TitleSpan | null = null;
    for (let i = 0; i < msg.length; i++) {
      for (let j = 0; j < words.length; j++) {
        let n = 0;
        while (i + n < msg.length && j + n < words.length && same(i + n, words[j + n])) n++;
        if (n < 2 || (best && n <= best.to - best.from)) continue;
        let hasContent = false;
        for (let k = i; k < i + n; k++) if (content(k)) hasContent = true;
        if (hasContent) best = { title, from: i, to: i + n };
      }
    }
    if (best) spans.push(best);
  }
  return [...spans, ...translatedSpans(analysis, index)];
}

/**
 * Phrases of the shared lexicon in the message ("réduction de bruit", "cancelación de ruido") that
 * some language's words for the same thing spell in one of the shop's titles ("Noise-Cancelling"):
 * the shopper names the product in their own language, and its words are product words too.
 */
function translatedSpans(analysis: Analysis, index: TitleIndex): TitleSpan[] {
  const words = analysis.tokens.map((t) => (t.entity ? '' : t.word));
  const spans: TitleSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = synonymPhraseAt(words, i, true);
    if (phrase) {
      let title: string | undefined;
      for (const alternative of [phrase.phrase, ...phrase.others]) if ((title = titleSpelling(index, alternative.split(' ').map((w) => stem(normalizeWord(w)))))) break;
      if (title) {
        spans.push({ title, from: i, to: i + phrase.length });
        i += phrase.length - 1;
        continue;
      }
    }
    // A German compound of words one title spells in some language ("Ersatzakku": Replacement Battery).
    const parts = analysis.concepts[i].length > 0 && words[i] ? compoundParts(words[i]) : null;
    if (parts) {
      const title = titleOfAll(index, parts.map(({ part, others }) => [part, ...others].filter((w) => !w.includes(' ')).map((w) => stem(normalizeWord(w)))));
      if (title) {
        spans.push({ title, from: i, to: i + 1 });
        continue;
      }
    }
    // A number and what it counts, in any language ("2 pessoas", "4 Personen"), as a name of the
    // shop's spells it ("2 person"): a capacity, not a person asked for.
    const unit = analysis.tokens[i + 1];
    if (analysis.tokens[i].entity === 'number' && unit && !unit.entity) {
      const count = stem(analysis.tokens[i].norm);
      for (const alternative of synonymsOf(unit.word)) {
        if (alternative.includes(' ')) continue;
        const title = titleSpelling(index, [count, stem(normalizeWord(alternative))]);
        if (title) {
          spans.push({ title, from: i, to: i + 2 });
          break;
        }
      }
    }
  }
  return spans;
}

/** The first title holding, for each list of `choices`, one of its stems. */
function titleOfAll(index: TitleIndex, choices: string[][]): string | undefined {
  const first = new Set(choices[0].flatMap((w) => index.byWord.get(w) ?? []));
  for (const at of first) {
    const words = new Set(index.titles[at].words);
    if (choices.every((c) => c.some((w) => words.has(w)))) return index.titles[at].title;
  }
  return undefined;
}

/** The first title holding the stems `seq` as consecutive words. */
function titleSpelling(index: TitleIndex, seq: string[]): string | undefined {
  for (const at of index.byWord.get(seq[0]) ?? []) {
    const { title, words } = index.titles[at];
    for (let j = 0; j + seq.length <= words.length; j++) if (seq.every((s, k) => words[j + k] === s)) return title;
  }
  return undefined;
}

/**
 * The message with the concept words inside the shop's product names left out, as the gate and the
 * intents should read it: "Noise-Cancelling Headphones", "Auto-Return Hose Reel", "Replacement
 * Battery" name products, they do not ask to cancel, return or replace anything. Words outside the
 * names keep their meaning ("cancel my order of the Noise-Cancelling Headphones" still cancels).
 * The order references stay as read for the customer. Returns the analysis itself when no title
 * word carries a concept.
 */
export function maskTitles(analysis: Analysis, spans: TitleSpan[]): Analysis {
  const masked = new Set<number>();
  for (const s of spans) for (let k = s.from; k < s.to; k++) if (analysis.concepts[k].length > 0) masked.add(k);
  return withoutTokens(analysis, masked);
}

/**
 * The message read again without some of its tokens (the analysis itself when there are none), its
 * order references kept as read for the customer. The question mark is what makes many messages
 * questions; it is not a token, so it is kept.
 */
export function withoutTokens(analysis: Analysis, masked: ReadonlySet<number>): Analysis {
  if (masked.size === 0) return analysis;
  const words = analysis.tokens.filter((t) => !masked.has(t.i)).map((t) => (t.entity ? t.raw : t.word));
  const text = words.join(' ') + (analysis.question && !words.at(-1)?.endsWith('?') ? ' ?' : '');
  return analyse(text).withOrderNumbers(analysis.orderNumbers);
}
