import { describe, expect, it } from 'vitest';
import { analyse, CONCEPT_IDS, normalizeWord } from '../../../edge/src/language';
import { classifyMessage } from '../../../edge/src/policy-gate';
import { compileRuleBook, type RuleBook } from '../../../edge/src/policy-gate/rule-engine';
import { RULE_BOOK } from '../../../edge/src/policy-gate/rules';

/**
 * The gate's rules are data read by one engine: patterns over concepts and tokens, never a
 * RegExp or a string that looks like one.
 */

/** Characters of regex syntax; a rule's strings are ids, concept ids, words and '*' (any token). */
const REGEX_SYNTAX = ['\\', '^', '$', '[', ']', '(', ')', '{', '}', '|', '+', '?', '.*'];

/** Every RegExp or regex-looking string in a value, with where it is. */
function regexLike(value: unknown, where = 'book'): string[] {
  if (value instanceof RegExp) return [`${where}: RegExp ${String(value)}`];
  if (typeof value === 'string') {
    const star = value.includes('*') && value !== '*';
    return REGEX_SYNTAX.some((c) => value.includes(c)) || star ? [`${where}: "${value}"`] : [];
  }
  if (typeof value === 'function') return [`${where}: a function`];
  if (Array.isArray(value)) return value.flatMap((v, i) => regexLike(v, `${where}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => regexLike(v, `${where}.${k}`));
  return [];
}

/** Every value under a key of this name, anywhere in the book. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === key ? [v, ...valuesOf(v, key)] : valuesOf(v, key)));
  }
  return [];
}

describe('gate rules as data', () => {
  it('the check finds a RegExp, a regex string and code planted in a rule', () => {
    expect(regexLike({ rules: [{ when: { has: 'REFUND' } }] })).toEqual([]);
    expect(regexLike({ rules: [{ when: { word: /refund/ } }] })).toHaveLength(1);
    expect(regexLike({ rules: [{ when: { word: 'refund.*' } }] })).toHaveLength(1);
    expect(regexLike({ rules: [{ when: { word: '^(money|cash)$' } }] })).toHaveLength(1);
    expect(regexLike({ rules: [{ when: { word: 'refund*' } }] })).toHaveLength(1);
    expect(regexLike({ rules: [{ when: () => true }] })).toHaveLength(1);
  });

  it('holds no RegExp, no regex-looking string and no code', () => {
    expect(regexLike(RULE_BOOK)).toEqual([]);
  });

  it('names only concepts of the packs, and single lower-case words', () => {
    const concepts = new Set<string>(CONCEPT_IDS);
    const named = ['is', 'has', 'some', 'then', 'until', 'opens', 'near'].flatMap((k) => valuesOf(RULE_BOOK, k)).flat();
    const unknown = named.filter((c) => typeof c === 'string' && c !== '*' && !concepts.has(c));
    expect(unknown).toEqual([]);
    const words = ['word', 'hasWord'].flatMap((k) => valuesOf(RULE_BOOK, k)).flat() as string[];
    expect(words.length).toBeGreaterThan(0);
    // The engine normalises them like the message ("personne" meets "personne" as typed "Personne").
    expect(words.filter((w) => w !== w.toLowerCase() || w.includes(' ') || normalizeWord(w) === '')).toEqual([]);
  });

  it('gives every rule a unique id and a category of the precedence table', () => {
    const ids = [...RULE_BOOK.rules, ...RULE_BOOK.exemptions, ...RULE_BOOK.riskFlags].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULE_BOOK.rules) expect(RULE_BOOK.precedence, r.id).toContain(r.category);
  });

  it('refuses a book with an unknown condition or a repeated id at start-up', () => {
    const base: RuleBook = { conditions: {}, places: {}, rules: [], exemptions: [], precedence: ['refund'], riskFlags: [] };
    expect(() => compileRuleBook({ ...base, rules: [{ id: 'a', category: 'refund', precedence: 1, when: { use: 'nowhere' } }] })).toThrow(/nowhere/);
    expect(() => compileRuleBook({ ...base, rules: [{ id: 'a', category: 'refund', precedence: 1, when: { some: '*', where: [{ use: 'nothere' }] } }] })).toThrow(/nothere/);
    const twice = { id: 'a', category: 'refund', precedence: 1, when: { has: 'REFUND' } } as const;
    expect(() => compileRuleBook({ ...base, rules: [twice, twice] })).toThrow(/twice/);
    expect(() => compileRuleBook({ ...base, rules: [{ ...twice, category: 'return' }] })).toThrow(/precedence/);
    expect(() => compileRuleBook({ ...base, conditions: { loop: { use: 'loop' } } })).toThrow(/itself/);
  });

  it('evaluates sequences, stops, negation, windows and exemptions', () => {
    const book = compileRuleBook({
      precedence: ['refund', 'delivery_problem'],
      places: {},
      conditions: {},
      rules: [
        // A wish, then a refund word within five tokens, unless "know/check" comes first.
        { id: 'wish', category: 'refund', precedence: 1, when: { some: 'WANT', where: [{ then: 'REFUND', from: 1, to: 5, until: 'INFO' }] } },
        // A negation, one to three tokens before an arrival word.
        { id: 'not_arrived', category: 'delivery_problem', precedence: 2, when: { some: 'NEG', where: [{ then: 'ARRIVE', from: 1, to: 3 }] } },
      ],
      exemptions: [{ id: 'policy', categories: ['refund'], when: { has: 'POLICY' } }],
      riskFlags: [{ id: 'short', when: { length: { max: 3 } } }],
    });
    expect([...book.findings(analyse('I want a refund please')).found]).toEqual([['refund', 'wish']]);
    expect(book.findings(analyse('I want to know about a refund')).found.size).toBe(0);
    expect(book.findings(analyse('I want to know your refund policy')).rules).toEqual([]);
    expect(book.findings(analyse('I want a refund, what is the policy')).rules).toEqual(['policy:refund']);
    expect([...book.findings(analyse('my parcel has not arrived')).found.keys()]).toEqual(['delivery_problem']);
    expect(book.findings(analyse('not sure when my parcel will finally arrive')).found.size).toBe(0);
    expect(book.findings(analyse('not arrived')).riskFlags).toEqual(['short']);
  });

  it('keeps the ids of the rules that decided in the decision the audit stores', () => {
    const ids = new Set<string>(RULE_BOOK.rules.map((r) => r.id));
    const decisions = [
      classifyMessage('I want my money back for order 1042'),
      classifyMessage('my parcel never arrived and the mug inside is broken'),
      classifyMessage('what is your refund policy?'),
    ];
    expect(decisions[0].rules).toContain('refund.money_back');
    expect(decisions[1].rules).toEqual(expect.arrayContaining(['delivery.not_arrived', 'item.damaged']));
    expect(decisions[2]).toMatchObject({ handoff: false, rules: ['policy_question:refund'] });
    for (const d of decisions) for (const r of d.rules) expect(ids.has(r) || r.includes(':'), r).toBe(true);
  });
});
