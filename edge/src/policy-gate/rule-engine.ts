import type { HandoffCategory } from '../../../shared/ticket';
import { normalizeWord, type Analysis, type ConceptId, type EntityKind, type Lang } from '../language';

/**
 * The gate's rules are data (rules.ts); this is the one engine that reads them. A rule is a
 * pattern over the concepts and tokens of the analysed message (language/analysis.ts), never over
 * its text: no RegExp and no regex strings (test/edge/policy-gate/rules.test.ts checks).
 */

/** One concept, or any of several. */
export type Concepts = ConceptId | readonly ConceptId[];

/**
 * A condition on one token, the anchor, or on the tokens around it. `at` shifts the condition
 * to the token `at` places after the anchor (negative: before). Outside the message nothing holds.
 */
export type Here =
  /** The token carries one of the concepts. */
  | { is: Concepts; at?: number }
  /** The token is one of these words (normalised like the message: no accents, lower case). */
  | { word: string | readonly string[]; at?: number }
  /** The normalised token ends with one of these endings (a verb form: "recevrai"). */
  | { endsWith: readonly string[]; at?: number }
  /** The token as typed (lower case, accents kept, repeats not collapsed) contains one of these. */
  | { spelled: readonly string[]; at?: number }
  /** The token is an entity read from the text (an order number, an amount, a code), or one of this kind. */
  | { entity: true | EntityKind; at?: number }
  /** The anchor is the first token / the last token. */
  | { first: true }
  | { last: true }
  /** Every token before the anchor carries one of these concepts ("please, hi, refund my ..."). */
  | { opens: Concepts }
  /** The token describes a product rather than asking for something (`Analysis.modifierAt`). */
  | { modifier: true }
  /** One of the concepts within `window` tokens either side, the anchor itself included. */
  | { near: Concepts; window: number }
  /**
   * A sequence: a token `from`..`to` places after the anchor (`from` may be negative) carrying
   * `then` ('*' any token) where `where` holds too. The search stops at a token carrying
   * `until`, and with `onlyFirst` only the first token carrying `then` is tried.
   */
  | { then: Concepts | '*'; from: number; to: number; until?: Concepts; onlyFirst?: boolean; where?: readonly Here[] }
  /** A named condition of the rule book's `places`, at the anchor (or `at` places off). */
  | { use: string; at?: number }
  | { all: readonly Here[] }
  | { any: readonly Here[] }
  | { not: Here };

/** What a message-level flag reads from the analysis. */
export type Flag = 'question' | 'orderNumber' | 'exclaims' | 'shouts' | 'asksDuration';

/** A condition on the whole message. */
export type When =
  /** One of the concepts occurs. */
  | { has: Concepts }
  /** One of these words occurs. */
  | { hasWord: readonly string[] }
  /** Some `a` within `window` tokens of some other token `b` (only after it when `ordered`). */
  | { near: readonly [ConceptId, ConceptId]; window: number; ordered?: boolean }
  /** Some token carrying the concept ('*' any token) where every `where` holds. */
  | { some: Concepts | '*'; where?: readonly Here[] }
  | { flag: Flag }
  /** The message has this many tokens. */
  | { length: { min?: number; max?: number } }
  /** A named condition of the rule book's `conditions`. */
  | { use: string }
  | { all: readonly When[] }
  | { any: readonly When[] }
  | { not: When };

export interface HandoffRule {
  /** Stable id, kept in the audit record of the turn ("refund.money_back"). */
  id: string;
  /** The pack whose words the rule's tokens are, when it names words of one language. */
  pack?: Lang;
  category: HandoffCategory;
  /** Rules are tried from the lowest number up; the first that holds for a category is the one recorded. */
  precedence: number;
  when: When;
  /**
   * A request only some shops send to a person (settings.routeToPerson): the rule holds only for
   * a turn whose shop chose it. Without the choice the message is answered like any other.
   */
  shopChoice?: ShopChoice;
}

/** Requests a shop may choose to route to a person (settings.routeToPerson, README "Shop settings"). */
export const SHOP_CHOICES = ['accountClosing'] as const;
export type ShopChoice = (typeof SHOP_CHOICES)[number];

const NO_CHOICES: ReadonlySet<ShopChoice> = new Set();

/** A rule that takes categories back: asking about a policy is not asking us to act on it. */
export interface Exemption {
  id: string;
  categories: readonly HandoffCategory[];
  when: When;
}

export interface RiskFlagRule {
  id: string;
  when: When;
}

export interface RuleBook {
  /** Named message conditions shared by rules (`{ use: name }` in a When). */
  conditions: Record<string, When>;
  /** Named token conditions shared by rules (`{ use: name }` in a Here). */
  places: Record<string, Here>;
  rules: readonly HandoffRule[];
  /** Tried in order per matched category; the first that holds removes it (recorded as `id:category`). */
  exemptions: readonly Exemption[];
  /** Categories most important first: the ticket's primary category is the first one matched. */
  precedence: readonly HandoffCategory[];
  riskFlags: readonly RiskFlagRule[];
}

export interface Findings {
  /** Matched categories, each with the id of the rule that matched it, in the order found. */
  found: Map<HandoffCategory, string>;
  /** Exemptions applied, then the ids of the rules that matched. */
  rules: string[];
  riskFlags: string[];
}

type Test = (s: Analysis) => boolean;
type PlaceTest = (s: Analysis, i: number) => boolean;

const list = (c: Concepts): readonly ConceptId[] => (typeof c === 'string' ? [c as ConceptId] : (c as readonly ConceptId[]));
const words = (w: string | readonly string[]): string[] => (typeof w === 'string' ? [w] : [...w]).map(normalizeWord);
const carries = (s: Analysis, i: number, cs: readonly ConceptId[]) => cs.some((c) => s.is(i, c));

/** Compiles a rule book once: unknown names and malformed entries throw at start-up, not per message. */
export function compileRuleBook(book: RuleBook) {
  const conditions = new Map<string, Test>();
  const places = new Map<string, PlaceTest>();
  const pending = new Set<string>();

  const place = (name: string): PlaceTest => {
    const known = places.get(name);
    if (known) return known;
    const def = book.places[name];
    if (!def) throw new Error(`Gate rules: unknown place condition "${name}"`);
    if (pending.has(name)) throw new Error(`Gate rules: place condition "${name}" refers to itself`);
    pending.add(name);
    const test = here(def);
    pending.delete(name);
    places.set(name, test);
    return test;
  };
  const condition = (name: string): Test => {
    const known = conditions.get(name);
    if (known) return known;
    const def = book.conditions[name];
    if (!def) throw new Error(`Gate rules: unknown condition "${name}"`);
    if (pending.has(name)) throw new Error(`Gate rules: condition "${name}" refers to itself`);
    pending.add(name);
    const test = when(def);
    pending.delete(name);
    conditions.set(name, test);
    return test;
  };

  function here(h: Here): PlaceTest {
    if ('all' in h) {
      const parts = h.all.map(here);
      return (s, i) => parts.every((p) => p(s, i));
    }
    if ('any' in h) {
      const parts = h.any.map(here);
      return (s, i) => parts.some((p) => p(s, i));
    }
    if ('not' in h) {
      const part = here(h.not);
      return (s, i) => !part(s, i);
    }
    if ('then' in h) {
      const target = h.then === '*' ? null : list(h.then);
      const until = h.until ? list(h.until) : null;
      const where = (h.where ?? []).map(here);
      const { from, to, onlyFirst } = h;
      return (s, i) => {
        // `until` is looked for from the anchor on, so a stop word before `from` still stops the search.
        for (let k = Math.max(0, from > 0 ? i + 1 : i + from); k <= i + to && k < s.length; k++) {
          if (until && carries(s, k, until)) return false;
          if (k < i + from) continue;
          if (target && !carries(s, k, target)) continue;
          if (where.every((w) => w(s, k))) return true;
          if (onlyFirst) return false;
        }
        return false;
      };
    }
    if ('use' in h) {
      const test = place(h.use);
      const at = h.at ?? 0;
      return (s, i) => test(s, i + at);
    }
    if ('is' in h) {
      const cs = list(h.is);
      const at = h.at ?? 0;
      return (s, i) => carries(s, i + at, cs);
    }
    if ('word' in h) {
      const ws = words(h.word);
      const at = h.at ?? 0;
      return (s, i) => {
        const w = s.word(i + at);
        return w !== '' && ws.includes(w);
      };
    }
    if ('endsWith' in h) {
      const ends = [...h.endsWith];
      const at = h.at ?? 0;
      return (s, i) => {
        const w = s.word(i + at);
        return w !== '' && ends.some((e) => w.endsWith(e));
      };
    }
    if ('spelled' in h) {
      const parts = [...h.spelled];
      const at = h.at ?? 0;
      return (s, i) => {
        const t = s.tokens[i + at];
        if (!t) return false;
        const raw = t.raw.toLowerCase();
        return parts.some((p) => t.word.includes(p) || raw.includes(p));
      };
    }
    if ('entity' in h) {
      const at = h.at ?? 0;
      const kind = h.entity;
      return (s, i) => {
        const e = s.tokens[i + at]?.entity;
        return e !== undefined && (kind === true || e === kind);
      };
    }
    if ('first' in h) return (_s, i) => i === 0;
    if ('last' in h) return (s, i) => i === s.length - 1;
    if ('opens' in h) {
      const cs = list(h.opens);
      return (s, i) => {
        for (let k = 0; k < i; k++) if (!carries(s, k, cs)) return false;
        return true;
      };
    }
    if ('modifier' in h) return (s, i) => s.modifierAt(i);
    if ('near' in h) {
      const cs = list(h.near);
      const window = h.window;
      return (s, i) => cs.some((c) => s.at(c).some((j) => Math.abs(j - i) <= window));
    }
    throw new Error(`Gate rules: unknown place condition ${JSON.stringify(h)}`);
  }

  function when(w: When): Test {
    if ('all' in w) {
      const parts = w.all.map(when);
      return (s) => parts.every((p) => p(s));
    }
    if ('any' in w) {
      const parts = w.any.map(when);
      return (s) => parts.some((p) => p(s));
    }
    if ('not' in w) {
      const part = when(w.not);
      return (s) => !part(s);
    }
    if ('use' in w) {
      const test = condition(w.use);
      return (s) => test(s);
    }
    if ('has' in w) {
      const cs = list(w.has);
      return (s) => cs.some((c) => s.has(c));
    }
    if ('hasWord' in w) {
      const ws = words(w.hasWord);
      return (s) => s.tokens.some((t) => ws.includes(t.norm));
    }
    if ('near' in w) {
      const [a, b] = w.near;
      const { window, ordered } = w;
      return (s) => s.near(a, b, window, ordered ?? false);
    }
    if ('some' in w) {
      const where = (w.where ?? []).map(here);
      if (w.some === '*') {
        return (s) => {
          for (let i = 0; i < s.length; i++) if (where.every((p) => p(s, i))) return true;
          return false;
        };
      }
      const cs = list(w.some);
      return (s) => cs.some((c) => s.at(c).some((i) => where.every((p) => p(s, i))));
    }
    if ('flag' in w) {
      const flag = w.flag;
      if (flag === 'question') return (s) => s.question;
      if (flag === 'orderNumber') return (s) => s.orderNumbers.length > 0;
      if (flag === 'exclaims') return (s) => s.exclaims;
      if (flag === 'shouts') return (s) => s.shouts;
      if (flag === 'asksDuration') return (s) => s.asksDuration();
      throw new Error(`Gate rules: unknown flag "${String(flag)}"`);
    }
    if ('length' in w) {
      const { min = 0, max = Infinity } = w.length;
      return (s) => s.length >= min && s.length <= max;
    }
    throw new Error(`Gate rules: unknown condition ${JSON.stringify(w)}`);
  }

  const ids = new Set<string>();
  for (const r of [...book.rules, ...book.exemptions, ...book.riskFlags]) {
    if (ids.has(r.id)) throw new Error(`Gate rules: the id "${r.id}" is used twice`);
    ids.add(r.id);
  }
  for (const r of book.rules) {
    if (!book.precedence.includes(r.category)) throw new Error(`Gate rules: "${r.id}" has a category missing from the precedence table`);
  }
  for (const name of Object.keys(book.conditions)) condition(name);
  for (const name of Object.keys(book.places)) place(name);

  const rules = [...book.rules].sort((a, b) => a.precedence - b.precedence).map((r) => ({ ...r, test: when(r.when) }));
  const exemptions = book.exemptions.map((e) => ({ ...e, test: when(e.when) }));
  const flags = book.riskFlags.map((f) => ({ id: f.id, test: when(f.when) }));

  return {
    precedence: book.precedence,
    /** Whether a named condition of the book holds for the message. */
    holds(name: string, s: Analysis): boolean {
      return condition(name)(s);
    },
    /** Every category the rules match, minus those an exemption takes back, and the risk flags. */
    findings(s: Analysis, choices: ReadonlySet<ShopChoice> = NO_CHOICES): Findings {
      const found = new Map<HandoffCategory, string>();
      for (const r of rules) if (!found.has(r.category) && (!r.shopChoice || choices.has(r.shopChoice)) && r.test(s)) found.set(r.category, r.id);
      const rulesFired: string[] = [];
      const exempt = new Map<string, boolean>();
      for (const category of [...found.keys()]) {
        for (const e of exemptions) {
          if (!e.categories.includes(category)) continue;
          let holds = exempt.get(e.id);
          if (holds === undefined) exempt.set(e.id, (holds = e.test(s)));
          if (!holds) continue;
          found.delete(category);
          rulesFired.push(`${e.id}:${category}`);
          break;
        }
      }
      for (const id of found.values()) rulesFired.push(id);
      return { found, rules: rulesFired, riskFlags: flags.filter((f) => f.test(s)).map((f) => f.id) };
    },
  };
}

export type CompiledRuleBook = ReturnType<typeof compileRuleBook>;
