import { normalizeWord, splitWords } from './lexicon';
import { PACK_LIST } from './packs';
import type { Token } from './tokenize';
import { LANGS, type Lang } from './types';

/**
 * The one language detector. It only chooses the reply language: routing reads every pack on
 * every message. Evidence per pack: its very common words (a word shared by several packs counts
 * for each, split), its word beginnings, and letters only it uses.
 */

const WORDS = new Map<string, Lang[]>();
for (const p of PACK_LIST) for (const w of splitWords(p.detect.words).map(normalizeWord)) WORDS.set(w, [...(WORDS.get(w) ?? []), p.lang]);
const STEMS: [Lang, string[]][] = PACK_LIST.map((p) => [p.lang, splitWords(p.detect.stems).map(normalizeWord)]);
const LETTERS: [Lang, string[]][] = PACK_LIST.map((p) => [p.lang, [...p.detect.letters]]);

export interface LanguageGuess {
  /** Best guess; English when there is no evidence. */
  best: Lang;
  /** The guess only when the evidence is clear (several words, a clear margin), else null. */
  confident: Lang | null;
  scores: Record<Lang, number>;
}

export function detectLanguage(raw: string, tokens: readonly Token[]): LanguageGuess {
  const scores = Object.fromEntries(LANGS.map((l) => [l, 0])) as Record<Lang, number>;
  const lower = raw.toLowerCase();
  for (const [lang, letters] of LETTERS) if (letters.some((c) => lower.includes(c))) scores[lang] += 2;
  for (const t of tokens) {
    if (t.entity) continue;
    const langs = WORDS.get(t.norm);
    if (langs) for (const l of langs) scores[l] += 1 / langs.length;
    for (const [lang, stems] of STEMS) if (stems.some((s) => t.norm.startsWith(s))) scores[lang] += 0.75;
  }
  let best: Lang = 'en';
  for (const l of LANGS) if (scores[l] > scores[best]) best = l;
  const runnerUp = Math.max(...LANGS.filter((l) => l !== best).map((l) => scores[l]));
  const confident = scores[best] >= 2 && scores[best] - runnerUp >= 1.5 ? best : null;
  return { best, confident, scores };
}
