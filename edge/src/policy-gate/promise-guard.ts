import type { HandoffCategory } from '../../../shared/ticket';
import { analyse, type Analysis, type ConceptId } from '../language';

/**
 * The promise guard. No tool of the assistant changes an order or moves money, so any statement
 * that we have done, are doing or will do such an action is false by construction. It is found
 * on the normalised analysis (the language layer, every pack at once), as
 *
 *   an ACTION concept (refund, cancel, change, save, apply, issue, credit, approve, replace...)
 *   + a MARKER: completed (a perfect or past auxiliary before its completed form, "done",
 *     "already", a check-mark emoji, or a headline "Refund approved"), a present state about
 *     this shopper ("your order is cancelled"), or a future/commitment ("will", "consider it")
 *     about this shopper or by us
 *   + an OBJECT (the order, the money, the item, the address, you).
 *
 * Active or passive, first, second or third person. Conditions ("once approved, refunds are
 * issued within 5 days"), negations ("I can't cancel it myself"), questions and handoff
 * wording ("I've passed your refund request") are not claims.
 */

export interface PromiseMatch {
  category: HandoffCategory;
  rule: string;
  /** completed: says it happened or is so; committed: says it will happen. */
  kind: 'completed' | 'committed';
  /**
   * Said by us to this shopper about their order or money ("we will refund you"), with no
   * duration or third party that makes it a rule ("we will refund you within 5 days of receiving it").
   */
  toShopper: boolean;
  /**
   * Speaks to this shopper or about one of their orders ("your refund has been approved", "order
   * NW-1 cancelled"), or marks something done (a headline, a done emoji). A sentence of the shop's
   * own text that is none of these ("refunds are handled by our customer service team") is a rule.
   */
  addressed: boolean;
}

/** Actions (and the benefits they give) the assistant cannot deliver. */
const ACTIONS: ConceptId[] = ['REFUND', 'CANCEL', 'EXCHANGE', 'CHANGE', 'CLAIMACT', 'DONEFORM', 'DISCOUNT', 'PRICEADJ'];
/** What an action can be done to. */
const OBJECTS: ConceptId[] = ['ORDER', 'PARCEL', 'ITEM', 'REFUND', 'MONEY', 'DISCOUNT', 'ADDRESS', 'ITEMATTR', 'PAYMENT', 'EXCHANGE', 'RETURN', 'CANCEL', 'PRICE', 'FEE', 'YOU', 'POSS'];
/** Actions named as nouns that can be the subject of "has been processed", "a été effectué". */
const ACTION_NOUNS: ConceptId[] = ['REFUND', 'CANCEL', 'EXCHANGE', 'DISCOUNT'];
/** Who it is about, for commitments: this shopper, or us. */
const SPECIFIC: ConceptId[] = ['YOU', 'FIRSTPERSON', 'POSS'];
/** Ticket category by the concepts a claim mentions, most important first. */
const CATEGORY: [ConceptId, HandoffCategory][] = [
  ['REFUND', 'refund'],
  ['MONEY', 'refund'],
  ['CANCEL', 'cancellation'],
  ['EXCHANGE', 'exchange'],
  ['ADDRESS', 'address_change'],
  ['DISCOUNT', 'discount'],
  ['PRICEADJ', 'discount'],
  ['PRICE', 'discount'],
  ['RETURN', 'return'],
  ['CHANGE', 'order_change'],
  ['ITEMATTR', 'order_change'],
  ['FEE', 'discount'],
];
/** Marks that say "done" in any language. */
const DONE_MARKS = /[\u2705\u2714\u2611\u2713\u{1F44D}\u{1F389}]/u;
/** Entities that name this shopper's order. */
const isOrderRef = (a: Analysis) => a.orderNumbers.length > 0;

function categoryOf(a: Analysis, _action: number): HandoffCategory {
  for (const [concept, category] of CATEGORY) if (a.has(concept)) return category;
  return 'other';
}

const anyIn = (a: Analysis, from: number, to: number, concepts: ConceptId[]) => {
  for (let k = Math.max(0, from); k <= to && k < a.length; k++) if (concepts.some((c) => a.is(k, c))) return true;
  return false;
};

/**
 * What a sentence claims the shop has done or will do, or null. `analysis` may be passed when
 * the caller already has it.
 */
export function findPromise(sentence: string, analysis?: Analysis): PromiseMatch | null {
  const trimmed = sentence.trim();
  if (!trimmed) return null;
  const a = analysis ?? analyse(trimmed);
  if (a.length === 0) return null;
  const question = /[?？]\s*["')\]*_]*$/.test(trimmed);
  const emoji = DONE_MARKS.test(trimmed);
  const hasObject = OBJECTS.some((c) => a.has(c)) || isOrderRef(a);
  if (!hasObject) return null;
  const specific = SPECIFIC.some((c) => a.has(c)) || isOrderRef(a);
  // A one-letter FUTURE ("'ll" folded to "l") counts only right after a person ("I'll", "we'll"): French "l'" is not one.
  const future = a.has('COMMIT') || a.at('FUTURE').some((k) => a.word(k).length > 1 || a.is(k - 1, 'FIRSTPERSON') || a.is(k - 1, 'YOU'));
  const firstConditional = a.at('CONDITIONAL')[0] ?? Infinity;
  // A one-letter HAVE (French "a") counts only before a completed form or a second auxiliary ("a été
  // annulée"): in English it is the article, in Spanish and Italian a preposition.
  const haves = a.at('HAVE').filter((k) => a.word(k).length > 1 || a.is(k + 1, 'HAVE') || a.is(k + 1, 'DONEFORM'));
  const isHave = (k: number) => haves.includes(k);
  // A general sentence about other people ("Gold members have their fee waived", "tell them it has been
  // updated") is a rule, not a claim to this shopper, unless it also speaks to them or about their order.
  const general = a.has('THIRDPARTY') && !a.has('YOU') && !a.has('FIRSTPERSON') && !isOrderRef(a);
  // Said by us to this shopper about their order or money: "we will refund you", "I'll cancel your
  // order NW-1". Shop text telling "you" what you will need or do, a product's guarantee ("we will
  // replace your mug"), a rule about customers or with a timeframe is not.
  const aboutOrderOrMoney = isOrderRef(a) || (['ORDER', 'REFUND', 'MONEY', 'DISCOUNT'] as const).some((c) => a.has(c));
  const toShopper = a.has('FIRSTPERSON') && (a.has('YOU') || isOrderRef(a)) && aboutOrderOrMoney && !a.has('DURATION') && !a.has('THIRDPARTY');

  for (let i = 0; i < a.length; i++) {
    if (!ACTIONS.some((c) => a.is(i, c))) continue;
    // "your refund request", "solicitud de reembolso", "refunds have to be requested": naming a request is not doing it.
    if (anyIn(a, i - 2, i + 4, ['REQUEST'])) continue;
    // "I can't cancel it", "we have not refunded", "no podemos reembolsar".
    if (anyIn(a, i - 4, i - 1, ['NEG', 'UNABLE'])) continue;
    // A condition before the action makes it a rule: "once approved, refunds are issued".
    const conditional = firstConditional < i;
    const done = a.is(i, 'DONEFORM') || a.is(i, 'CLAIMACT');
    // "can be cancelled by our team": a possibility is a rule, not a state.
    const modal = anyIn(a, i - 3, i - 1, ['MODAL']);

    // Completed: "has been refunded", "wir haben ... storniert", "ha sido aprobado", "a été annulée".
    const perfect =
      (done && haves.some((h) => h < i && i - h <= 4 && !anyIn(a, h - 1, h + 2, ['NEG'])) && !anyIn(a, i - 6, i - 1, ['FUTURE'])) ||
      // The action as the subject: "your refund has been processed", "la devolución fue aceptada".
      (ACTION_NOUNS.some((c) => a.is(i, c)) && [i + 1, i + 2, i + 3].some(isHave) && !anyIn(a, i + 1, i + 3, ['FUTURE'])) ||
      // "I changed the size", "we cancelled it": a completed form right after us.
      (a.is(i, 'DONEFORM') && anyIn(a, i - 3, i - 1, ['FIRSTPERSON']));
    // "Refund approved", "Pedido cancelado", "Address updated" (a headline with nothing else to it).
    const headline = a.is(i, 'DONEFORM') && a.length <= 8 && !a.has('BE') && !a.has('HAVE') && !future && anyIn(a, i - 3, i - 1, OBJECTS);
    const marked = (a.has('COMPLETE') || emoji) && !a.has('FUTURE') && !a.has('DURATION') && !a.is(i, 'CLAIMACT');
    const addressed = a.has('YOU') || isOrderRef(a) || emoji || headline;
    if (!conditional && (headline || (emoji && marked) || (!general && (perfect || marked)))) return { category: categoryOf(a, i), rule: 'claim.completed', kind: 'completed', toShopper, addressed };
    if (question) continue;
    // A state of this shopper's things: "your order is cancelled", "il tuo ordine è annullato".
    const state = a.is(i, 'DONEFORM') && anyIn(a, i - 3, i - 1, ['BE']) && specific && !general && !a.has('DURATION') && !future && !modal;
    // Addressed when it speaks to the shopper, names their order, or points at a thing just before
    // ("it is cancelled"); shop text stating how something is done ("the VAT rate of the destination
    // country is applied at checkout", where "EU" reads as Portuguese "eu") is a rule when quoted.
    if (!conditional && state) return { category: categoryOf(a, i), rule: 'claim.state', kind: 'completed', toShopper, addressed: a.has('YOU') || isOrderRef(a) || anyIn(a, i - 4, i - 1, ['POSS']) };
    // Will do: "I'll refund you", "you will get a refund", "reembolsaremos", "consider it done".
    // Looking something up is not doing it: "let me check your refund", "I'll look into the cancellation".
    const lookingUp = a.at('INFO').some((k) => k < i) || a.has('HUMAN');
    if (future && specific && !general && firstConditional === Infinity && !lookingUp) return { category: categoryOf(a, i), rule: 'claim.committed', kind: 'committed', toShopper, addressed: toShopper };
  }
  return null;
}

/** Whether a sentence mentions an action of the given category (the details after a blocked claim belong to it). */
/** Categories of the actions a text names (an order's status: "Returned and refunded"). */
export function actionCategories(text: string): Set<HandoffCategory> {
  const a = analyse(text);
  const out = new Set<HandoffCategory>();
  for (let i = 0; i < a.length; i++) if (ACTIONS.some((c) => a.is(i, c)) || a.is(i, 'RETURN')) out.add(categoryOf(analyse(a.word(i)), 0));
  return out;
}

export function mentionsAction(sentence: string, categories: Set<HandoffCategory>): HandoffCategory | null {
  const a = analyse(sentence.trim());
  for (let i = 0; i < a.length; i++) {
    if (!ACTIONS.some((c) => a.is(i, c))) continue;
    const category = categoryOf(a, i);
    if (categories.has(category) && !a.has('NEG') && !a.has('UNABLE') && !a.has('HUMAN') && !a.has('REQUEST') && !/\?\s*$/.test(sentence.trim())) return category;
  }
  return null;
}

export type GuardOutput =
  | { type: 'text'; text: string }
  /** A claim: replaced by the handoff wording when it has a category. `separator` is the whitespace after it. */
  | { type: 'blocked'; sentence: string; category: HandoffCategory | null; rule: string; separator: string }
  /** Removed without a word (hygiene). */
  | { type: 'dropped'; sentence: string; rule: string; separator: string };

export interface PromiseGuard {
  /** Feeds a chunk of assistant text; returns what may be released now. */
  push(delta: string): GuardOutput[];
  /** Flushes the last, unterminated sentence. */
  end(): GuardOutput[];
}

const ABBREVIATIONS = new Set(
  'e.g i.e etc vs mr mrs ms dr st sr sra srta jr no nr approx ca z.b d.h u.a bzw usw mme mlle env p.ex incl excl min max fig'.split(' '),
);

/**
 * Where the sentence that starts at the beginning of `text` ends (index just
 * past it), or -1 if more text is needed to tell. Full stops inside "e.g.",
 * "Mr." and "4.5" do not end a sentence.
 */
function sentenceEnd(text: string, final: boolean): number {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      // One line break inside a sentence does not end it ("Your refund\nhas been approved");
      // a blank line, or a list item, heading, quote, table or fence on the next line does.
      const rest = text.slice(i + 1);
      const blank = /^([ \t]*\n)+/.exec(rest);
      if (blank) return i + 1 + blank[0].length;
      if (!/\S/.test(rest)) {
        if (final) return text.length;
        return -1;
      }
      if (/^[ \t]*([-*+•]\s|\d{1,3}[.)]\s|#|>|```|~~~|\|)/.test(rest) || /^\s*(```|~~~)/.test(text)) return i + 1;
      continue;
    }
    if (ch === '。' || ch === '！' || ch === '？') return i + 1;
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    let j = i + 1;
    while (j < text.length && /[.!?…"'”’»)\]*_]/.test(text[j])) j++;
    if (j >= text.length) return final ? text.length : -1;
    if (!/\s/.test(text[j])) {
      i = j - 1;
      continue;
    }
    if (ch === '.') {
      const before = text.slice(0, i);
      const word = (before.match(/([\p{L}.]+)$/u)?.[1] ?? '').toLowerCase();
      // Single capitals are not treated as initials: in a shop "size M." ends a sentence far more often than "J. Smith" goes on.
      if (ABBREVIATIONS.has(word)) continue;
    }
    return j;
  }
  return final && text.length > 0 ? text.length : -1;
}

/** Streams assistant text, holding each sentence until it is complete and releasing it only when it promises nothing. */
export interface PromiseGuardOptions {
  /**
   * Sentences that are known not to be the assistant's own promise, such as a word-for-word
   * quote of the shop's published policy. They pass and do not count as a block.
   */
  allow?: (sentence: string) => boolean;
  /** Checked first: a sentence that must not be written at all; returns the rule it breaks. */
  drop?: (sentence: string) => string | null;
  /** True when the evidence says the claimed action happened (the shopper's order read this turn is cancelled). */
  backed?: (sentence: string, claim: PromiseMatch) => boolean;
}

export function createPromiseGuard(options: PromiseGuardOptions = {}): PromiseGuard {
  let buffer = '';
  const blockedCategories = new Set<HandoffCategory>();

  function judge(segment: string): GuardOutput {
    const separator = /\s*$/.exec(segment)![0];
    const dropRule = options.drop?.(segment);
    if (dropRule) return { type: 'dropped', sentence: segment.trim(), rule: dropRule, separator };
    const promise = findPromise(segment);
    // A word-for-word piece of shop text retrieved this turn is the shop's rule, not our claim,
    // unless it tells this shopper that something was done, or that it will be done for them:
    // "Refunds are handled by our customer service team" passes, "Your refund has been approved" does not.
    const rule = promise && !promise.toShopper && (promise.kind === 'committed' || !promise.addressed);
    if (options.allow?.(segment) && (!promise || rule)) return { type: 'text', text: segment };
    if (promise && promise.kind === 'completed' && options.backed?.(segment, promise)) return { type: 'text', text: segment };
    if (promise) {
      blockedCategories.add(promise.category);
      return { type: 'blocked', sentence: segment.trim(), ...promise, separator };
    }
    if (blockedCategories.size > 0) {
      // After a blocked promise, details about the same thing ("It will show up in 3 days") belong to it.
      const category = mentionsAction(segment, blockedCategories);
      if (category) return { type: 'blocked', sentence: segment.trim(), category, rule: 'promise.after_block', separator };
    }
    return { type: 'text', text: segment };
  }

  function drain(final: boolean): GuardOutput[] {
    const out: GuardOutput[] = [];
    for (;;) {
      const end = sentenceEnd(buffer, final);
      if (end < 0) break;
      const segment = buffer.slice(0, end);
      buffer = buffer.slice(end);
      if (segment.trim() === '') out.push({ type: 'text', text: segment });
      else out.push(judge(segment));
      if (buffer === '') break;
    }
    return out;
  }

  return {
    push(delta: string) {
      buffer += delta;
      return drain(false);
    },
    end() {
      const out = drain(true);
      if (buffer) {
        out.push(buffer.trim() ? judge(buffer) : { type: 'text', text: buffer });
        buffer = '';
      }
      return out;
    },
  };
}
