import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, scan, type Counts } from './scan';

/**
 * Knowledge of language lives in edge/src/language/ (packs, normaliser, tokenizer). This test
 * scans the rest of edge/src for regular expressions (literals and `new RegExp`) and word lists
 * (five or more words in an array, a split string or one call) and fails on any file whose count
 * differs from scan-allowlist.json, where each exception gives its reason. A new regex over
 * shopper text fails here; so does an allowance that is no longer used (the list only shrinks).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'edge/src');
const ALLOWLIST = path.join(import.meta.dirname, 'scan-allowlist.json');

describe('no language knowledge outside edge/src/language', () => {
  it('finds regexes and word lists (the scanner itself)', () => {
    expect(scan("const a = /x/; const b = new RegExp('y');")).toEqual({ regex: 2, wordLists: 0 });
    expect(scan("const w = ['refund', 'money', 'back', 'return', 'cash'];")).toEqual({ regex: 0, wordLists: 1 });
    expect(scan("const w = 'refund money back return cash'.split(' ');")).toEqual({ regex: 0, wordLists: 1 });
    expect(scan("s.hasWord('a', 'b', 'c', 'd', 'e')")).toEqual({ regex: 0, wordLists: 1 });
    expect(scan("const w = ['a', 'b', 'c', 'd']; const ids = ['in_stock', 'low_stock', 'x1', 'x2', 'x3'];")).toEqual({ regex: 0, wordLists: 0 });
  });

  it('matches the allowlist, file by file', () => {
    const allow = JSON.parse(readFileSync(ALLOWLIST, 'utf8')) as Record<string, Counts & { reason: string }>;
    const found: Record<string, Counts> = {};
    for (const f of filesUnder(SRC, path.join(SRC, 'language'))) {
      const counts = scan(readFileSync(f, 'utf8'));
      if (counts.regex + counts.wordLists > 0) found[path.relative(ROOT, f)] = counts;
    }
    for (const [file, entry] of Object.entries(allow)) expect(entry.reason?.length ?? 0, `${file} needs a reason`).toBeGreaterThan(10);
    const allowed = Object.fromEntries(Object.entries(allow).map(([f, e]) => [f, { regex: e.regex, wordLists: e.wordLists }]));
    expect(found).toEqual(allowed);
  }, 30_000);
});
