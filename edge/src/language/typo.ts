/**
 * The one typo policy: how many edits a word may be away from a vocabulary word and still be
 * read as it. Shared by the gate's concepts, the policy topics and catalog search. Each
 * vocabulary only sets the shortest word it corrects at all (`minLength`): request words from
 * five letters ("case" is not "casse"), topic words from six, catalog words from four.
 */

/** Edits forgiven in a word of this length (measured on the shorter of the two words compared). */
export function typoBudget(length: number): number {
  if (length >= 9) return 2;
  if (length >= 4) return 1;
  return 0;
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance, giving up as soon as the distance must
 * exceed `max` (it returns max + 1 then).
 */
export function editDistance(a: string, b: string, max = 2): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}
