import { splitWords } from './lexicon';
import { PACK_LIST } from './packs';
import { PHRASE_IDS, type Lang, type PhraseId } from './types';

/**
 * Phrases: multi-word patterns of the packs (`phrases` entries), matched over a message's plain
 * words (lower case, no accents, one space apart). Syntax of one pack entry, phrases separated
 * by `|` or new lines:
 * - `word` a whole word, `stem*` a word beginning, `a/b/c` one of these words, `_` any one word
 *   (what it matched is returned), a trailing `?` makes the slot optional;
 * - `^` first and `$` last anchor the phrase at the start or end of the message.
 */

const WORD = '[a-z0-9]+';

function slot(text: string): string {
  if (text === '_') return `(${WORD})`;
  const alts = text.split('/').filter(Boolean).map((a) => (a.endsWith('*') ? `${escape(a.slice(0, -1))}[a-z0-9]*` : escape(a)));
  return alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One phrase as a regex source: slots one space apart, optional slots with their space. */
function compilePhrase(phrase: string): string {
  let words = splitWords(phrase);
  const start = words[0] === '^';
  const end = words[words.length - 1] === '$';
  words = words.filter((w) => w !== '^' && w !== '$');
  let out = '';
  let first = true;
  for (const w of words) {
    const optional = w.length > 1 && w.endsWith('?');
    const s = slot(optional ? w.slice(0, -1) : w);
    if (optional) out += first ? `(?:${s} )?` : `(?: ${s})?`;
    else {
      out += first ? s : ` ${s}`;
      first = false;
    }
  }
  return `${start ? '^' : '(?<![a-z0-9])'}${out}${end ? '$' : '(?![a-z0-9])'}`;
}

const phrasesOf = (list: string) => list.split(/[|\n]/).map((p) => p.trim()).filter(Boolean);

const compiled = new Map<string, RegExp[]>();
function patterns(id: PhraseId, lang: Lang | 'all'): RegExp[] {
  const key = `${id}:${lang}`;
  let hit = compiled.get(key);
  if (!hit) {
    hit = PACK_LIST.filter((p) => lang === 'all' || p.lang === lang).flatMap((p) => phrasesOf(p.phrases[id]).map((ph) => new RegExp(compilePhrase(ph))));
    compiled.set(key, hit);
  }
  return hit;
}

/**
 * The first phrase of `id` found in `words` (plain words, one space apart), with what its `_`
 * slots matched; null when none is. Every pack's phrases are tried unless `langs` names some.
 */
export function findPhrase(words: string, id: PhraseId, langs?: readonly Lang[]): string[] | null {
  for (const lang of langs ?? ['all' as const]) {
    for (const re of patterns(id, lang)) {
      const m = re.exec(words);
      if (m) return m.slice(1).filter((x) => x !== undefined);
    }
  }
  return null;
}

/** Whether some phrase of `id` occurs in `words`. */
export const hasPhrase = (words: string, id: PhraseId, langs?: readonly Lang[]) => findPhrase(words, id, langs) !== null;

export { PHRASE_IDS };
