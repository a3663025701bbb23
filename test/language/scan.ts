import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const WORD = /^[\p{Ll}][\p{L}'’ -]*$/u;

export interface Counts {
  regex: number;
  wordLists: number;
}

/** TypeScript files under `dir`, skipping the folder `skip`. */
export function filesUnder(dir: string, skip: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === skip ? [] : filesUnder(full, skip);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const stringValue = (n: ts.Node): string | null =>
  ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : null;

/** Counts regular expressions and word lists in one TypeScript source (see scan.test.ts). */
export function scan(source: string): Counts {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const counts: Counts = { regex: 0, wordLists: 0 };
  const visit = (n: ts.Node) => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) counts.regex++;
    if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') counts.regex++;
    if (ts.isArrayLiteralExpression(n)) {
      const words = n.elements.map(stringValue);
      if (words.length >= 5 && words.every((w) => w !== null && WORD.test(w))) counts.wordLists++;
    }
    if (ts.isCallExpression(n)) {
      const args = n.arguments.map(stringValue);
      if (args.length >= 5 && args.every((w) => w !== null && WORD.test(w))) counts.wordLists++;
      // 'a b c d e'.split(...)
      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'split') {
        const text = stringValue(callee.expression);
        if (text !== null && text.trim().split(/\s+/).filter((w) => WORD.test(w)).length >= 5) counts.wordLists++;
      }
    }
    // A space-separated list handed to a word index: `new Lexicon({ REFUND: 'refund* ...' })`, `words('...')`.
    const text = stringValue(n);
    if (text !== null && !ts.isPropertyAccessExpression(n.parent) && text.trim().split(/\s+/).length >= 5 && text.includes('\n') && text.trim().split(/\s+/).every((w) => /^[\p{L}*']+$/u.test(w))) {
      counts.wordLists++;
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return counts;
}

