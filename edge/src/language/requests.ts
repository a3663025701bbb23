import { normalizeWord } from './lexicon';
import { hasPhrase } from './phrases';
import { CONCEPTS, isQuestionStart } from './vocabulary';

/**
 * The requests of one message, in the order written: "two things: where's my down jacket, and do
 * you have the Ridge 30 in black?" is "two things", "where's my down jacket", "and do you have the
 * Ridge 30 in black". A request ends at a sentence mark, a colon or semicolon, a comma or full
 * stop before a space (not inside "2,7 m" or "100.045.990"), before an opening "¿" or "¡", and
 * before a joining word (`ALSO`: "and", "y", "und", "e") that opens a question, a shopping
 * phrase or a product word ("e vocês têm") ("where is 100045777 and when does the camera come back?"). A request keeps its question
 * mark. A message of one request gives itself.
 */
export function requestsOf(text: string): string[] {
  const pieces = text
    .split(/(?<=[?!;:\n？！。])(?![?!？！])|[.,](?=\s)|(?=[¿¡])/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  const out: string[] = [];
  for (const piece of pieces) {
    const words = piece.split(/\s+/);
    let from = 0;
    for (let k = 1; k < words.length - 1; k++) {
      if (!CONCEPTS.lookup(normalizeWord(words[k])).includes('ALSO')) continue;
      const next = words.slice(k + 1, k + 5).map(normalizeWord);
      const shops = hasPhrase(next.join(' '), 'SHOPPING') || next.slice(0, 2).some((w) => CONCEPTS.lookup(w).includes('PRODUCTCUE'));
      if (!isQuestionStart(next[0]) && !shops) continue;
      out.push(words.slice(from, k).join(' '));
      from = k;
    }
    out.push(words.slice(from).join(' '));
  }
  return out.length > 0 ? out : [text];
}
