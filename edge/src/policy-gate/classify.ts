import type { HandoffCategory } from '../../../shared/ticket';
import { analyse, type Analysis, type ConceptId, type Lang } from '../language';

export interface GateDecision {
  /** True when any handoff category matched. */
  handoff: boolean;
  /** Every matched category, most important first; empty when there is no handoff. */
  categories: HandoffCategory[];
  primary: HandoffCategory | null;
  /** One English line for an agent, e.g. "Refund requested for order 1042"; '' when no handoff. */
  requestedAction: string;
  language: Lang;
  /** Ids of the rules that fired, for the audit trail. */
  rules: string[];
  riskFlags: string[];
  priority: 'low' | 'normal' | 'high' | 'urgent';
}

export interface GateContext {
  /** The shopper's earlier messages in this conversation, most recent last. */
  history?: string[];
}

/** Money and fulfilment problems outrank requests that are merely inconvenient to wait for. */
const IMPORTANCE: HandoffCategory[] = [
  'payment_problem',
  'delivery_problem',
  'damaged_or_wrong_item',
  'refund',
  'cancellation',
  'return',
  'exchange',
  'address_change',
  'order_change',
  'discount',
  'complaint',
  'human_request',
  'other',
];

const ACTION_LINES: Record<HandoffCategory, string> = {
  refund: 'Refund requested',
  return: 'Return requested',
  exchange: 'Exchange or replacement requested',
  cancellation: 'Order cancellation requested',
  order_change: 'Change to an order requested (items, size, colour or quantity)',
  address_change: 'Shipping address change requested',
  discount: 'Discount, coupon or price adjustment requested',
  payment_problem: 'Payment problem reported',
  delivery_problem: 'Delivery problem reported (late, lost or not arrived)',
  damaged_or_wrong_item: 'Damaged, defective or wrong item reported',
  complaint: 'Complaint or compensation request',
  human_request: 'Asked to speak with a person',
  other: 'Needs a person',
};

/** Categories a general policy question can look like; asking about the rules is not asking us to act. */
const POLICY_SENSITIVE = new Set<HandoffCategory>([
  'refund',
  'return',
  'exchange',
  'cancellation',
  'order_change',
  'address_change',
  'discount',
  'complaint',
]);
/** Categories where "can I return sale items?"-style eligibility questions are policy, not requests. */
const ELIGIBILITY_SENSITIVE = new Set<HandoffCategory>(['refund', 'return', 'exchange', 'discount']);

const ACTION_CONCEPTS: ConceptId[] = ['REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE', 'ADD', 'REMOVE', 'DISCOUNT', 'MONEY', 'HUMAN', 'CONTACT'];

interface Findings {
  found: Map<HandoffCategory, string>;
  rules: string[];
  riskFlags: string[];
}

/** "would like", "I'd like", "me gustaría", "ich will", "hätte gern": wanting something. */
function wantAt(s: Analysis, i: number): boolean {
  if (s.is(i, 'WANT') || s.is(i, 'PLEASE')) return true;
  const w = s.word(i);
  const prev = s.word(i - 1);
  if (w === 'like' && (prev === 'would' || prev === 'd')) return true;
  if (w === 'will' && prev === 'ich') return true;
  if (w === 'gern' || w === 'gerne') return true;
  return false;
}

/** A wish followed by an action on the order ("I want to return", "please refund", "quiero cancelar") and not by "to know/check". */
function wantsAction(s: Analysis): boolean {
  for (let i = 0; i < s.length; i++) {
    if (!wantAt(s, i)) continue;
    for (let k = i + 1; k <= i + 5 && k < s.length; k++) {
      if (s.is(k, 'INFO')) break;
      if (ACTION_CONCEPTS.some((c) => s.is(k, c))) return true;
    }
  }
  return false;
}

/** The message starts with an action verb aimed at something of theirs: "refund my order", "cancel order 1042". */
function imperative(s: Analysis): boolean {
  let i = 0;
  while (i < s.length && (s.is(i, 'PLEASE') || s.is(i, 'GREETING'))) i++;
  const verb = (['REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE'] as const).some((c) => s.is(i, c));
  return verb && (s.is(i + 1, 'POSS') || s.is(i + 1, 'ORDER') || s.tokens[i + 1]?.entity !== undefined);
}

/** "when will I get my money back", "how long until I receive a refund": the shopper's own refund. */
function personalReceipt(s: Analysis): boolean {
  for (const r of s.at('RECEIPT')) {
    const subject = s.is(r - 1, 'SELF') || s.is(r - 2, 'SELF') || s.word(r).endsWith('re') || s.word(r).endsWith('rai');
    if (subject && (s.within(r + 1, 'REFUND', 4) || s.within(r + 1, 'MONEY', 4))) return true;
  }
  return false;
}

/** Asks whether a kind of thing qualifies ("can I return sale items?", "do you offer exchanges?"). */
function eligibilityQuestion(s: Analysis, question: boolean): boolean {
  if (!question) return false;
  if (s.has('OFFER') || s.has('GENERIC') || s.has('CASES')) return true;
  for (let i = 0; i + 1 < s.length; i++) {
    const a = s.word(i);
    const b = s.word(i + 1);
    if ((a === 'do' || a === 'does') && (b === 'you' || b === 'your' || b === 'the' || b === 'this')) return true;
    if ((a === 'are' || a === 'is') && b === 'there') return true;
    if (a === 'any' && i > 0) return true;
  }
  for (let i = 0; i < s.length; i++) {
    if (s.is(i, 'GENERICPLURAL') && !s.is(i - 1, 'DETERMINER') && !s.is(i - 2, 'DETERMINER')) return true;
  }
  return false;
}

/** The message points at something of the shopper's right next to the action: "return my", "my refund", "return it". */
function ownsTheObject(s: Analysis): boolean {
  for (let i = 0; i < s.length; i++) {
    if (!(['REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE', 'DISCOUNT'] as const).some((c) => s.is(i, c))) continue;
    if (s.is(i - 1, 'POSS') || s.is(i + 1, 'POSS') || s.is(i + 2, 'POSS')) return true;
  }
  return false;
}

function nearNonOrder(s: Analysis, at: number[], window: number): boolean {
  return at.some((i) => s.at('NONORDER').some((j) => Math.abs(j - i) <= window));
}

/**
 * French "cassé" folds to "case", which is also an English noun ("phone case"): as typed it has
 * an accent or a double s, and only then it means broken.
 */
function damagedAsTyped(s: Analysis, i: number): boolean {
  if (!s.isWord(i, 'case', 'cases', 'casee', 'casees')) return true;
  return s.tokens[i].word.includes('ss') || s.tokens[i].raw.toLowerCase().includes('casé');
}

function findingsOf(s: Analysis): Findings {
  const found = new Map<HandoffCategory, string>();
  const rules: string[] = [];
  const hit = (category: HandoffCategory, rule: string) => {
    if (!found.has(category)) found.set(category, rule);
  };

  const question = s.question;
  const orderNumbers = s.orderNumbers;
  const hasOrder = s.has('ORDER') || orderNumbers.length > 0;
  const specific = orderNumbers.length > 0 || wantsAction(s) || personalReceipt(s) || imperative(s);
  const strongPolicy = s.has('POLICY') || s.has('FEE') || s.has('CASES') || s.asksDuration() || (question && s.has('OFFER'));
  const eligibility = eligibilityQuestion(s, question);
  const owns = ownsTheObject(s);

  // --- refunds and returns
  const moneyBack = s.near('MONEY', 'BACK', 2, true) || s.near('RETURN', 'MONEY', 3) || (s.has('GETBACK') && s.has('MONEY'));
  if (s.has('REFUND')) hit('refund', 'refund.keyword');
  else if (moneyBack) hit('refund', 'refund.money_back');
  const returnWords = s.at('RETURN').filter((i) => !(s.is(i + 1, 'MONEY') || s.is(i + 2, 'MONEY') || s.is(i + 3, 'MONEY')));
  if (returnWords.length > 0) hit('return', 'return.keyword');
  else if (s.near('SEND', 'BACK', 3, true) && !s.near('MONEY', 'BACK', 2, true)) hit('return', 'return.send_back');
  const exchangeAt = s.at('EXCHANGE');
  if (exchangeAt.length > 0 && !(nearNonOrder(s, exchangeAt, 4) && !hasOrder && !s.has('ITEM'))) hit('exchange', 'exchange.keyword');

  // --- cancellation: an order, not an account or a newsletter subscription
  // "noise-cancelling headphones": a product's attribute, not a request.
  const cancelAt = s.at('CANCEL').filter((i) => !s.modifierAt(i));
  if (cancelAt.length > 0 && !(nearNonOrder(s, cancelAt, 4) && !hasOrder)) hit('cancellation', 'cancellation.keyword');
  for (const n of s.at('NEG')) {
    if (wantAt(s, n + 1) && (s.within(n + 2, 'ORDER', 5) || s.within(n + 2, 'PAYMENT', 3)) && hasOrder) hit('cancellation', 'cancellation.dont_want');
  }

  // --- changes to an order
  // "any update", "the latest update": news about the order, not a change to it.
  const changeAt = s.at('CHANGE').filter((i) => !(s.word(i) === 'update' && (s.is(i - 1, 'NEWTHING') || s.is(i - 1, 'LATEST') || s.isWord(i - 1, 'any', 'an', 'no', 'some'))));
  const addressAt = s.at('ADDRESS').filter((i) => !s.is(i - 1, 'EMAILWORD') && s.word(i - 1) !== 'e' && !s.is(i - 2, 'EMAILWORD'));
  const itemish = s.has('ITEM') || s.has('ITEMATTR');
  const cartOnly = s.has('CART') && !hasOrder;
  const accountOnly = s.has('NONORDER') && !hasOrder && !s.has('ITEMATTR');
  const addressOnly = addressAt.length > 0 && !itemish;
  if (!cartOnly && !accountOnly && !addressOnly) {
    if (changeAt.length > 0 && (hasOrder || itemish)) hit('order_change', 'order_change.change');
    else if ((s.has('ADD') || s.has('REMOVE')) && (hasOrder || s.has('ITEM') || s.has('ITEMATTR'))) hit('order_change', 'order_change.add_remove');
    else if (s.has('FORGOT') && (s.has('ITEM') || hasOrder)) hit('order_change', 'order_change.forgot');
  }

  // --- shipping address on a placed order (setting up an address book entry is self-service)
  if (addressAt.length > 0) {
    const addressChanged = changeAt.length > 0 || s.has('MOVE') || s.has('WRONG');
    const setUpOnly = !changeAt.length && !s.has('MOVE') && (s.has('NEWTHING') || s.has('ADD')) && !s.has('WRONG');
    if (addressChanged && !setUpOnly) hit('address_change', 'address_change.change');
  }

  // --- discounts and price adjustments
  if (s.has('DISCOUNT')) hit('discount', 'discount.keyword');
  else if (s.near('PRICE', 'PRICEADJ', 3)) hit('discount', 'discount.price_adjustment');

  // --- payments
  const payMethodQuestion = s.has('PAYMETHOD') && !s.has('TWICE') && !s.has('CHARGED');
  if (s.has('CHARGEBACK')) hit('payment_problem', 'payment.chargeback');
  if (s.has('TWICE') && (s.has('PAYMENT') || s.has('CHARGED'))) hit('payment_problem', 'payment.double_charge');
  if (s.has('CHARGED') && !question) hit('payment_problem', 'payment.charged');
  if (s.has('PAYMENT') && s.has('PROBLEM') && !(payMethodQuestion && !s.near('PAYMENT', 'PROBLEM', 3))) hit('payment_problem', 'payment.problem');
  if (s.has('PAYMENT') && s.has('CHARGED') && s.has('WRONG')) hit('payment_problem', 'payment.wrong_amount');
  for (const n of s.at('NEG').concat(s.at('PROBLEM').filter((i) => s.word(i) === 'unable'))) {
    const cannot = !s.within(n + 1, 'INFO', 2);
    if (cannot && s.at('PAYVERB').some((p) => p > n && p <= n + 3)) hit('payment_problem', 'payment.cannot_pay');
  }
  if (s.hasWord('unable') && s.near('PAYMENT', 'PROBLEM', 3)) hit('payment_problem', 'payment.problem');
  const paymentNoun = s.at('PAYNOUN');
  if (paymentNoun.length > 0 && !s.has('PAYMETHOD') && (s.has('HELP') || paymentNoun.some((i) => s.is(i - 1, 'POSS')))) hit('payment_problem', 'payment.help');

  // --- delivery trouble (asking where an order is, or when it arrives, is answered instead)
  const delayAt = s.at('DELAY');
  const shipmentContext = hasOrder || s.has('PARCEL') || s.has('ITEM') || s.has('POSS');
  if (delayAt.some((i) => !s.is(i - 1, 'GREETWORD')) && shipmentContext && !nearNonOrder(s, delayAt, 3)) hit('delivery_problem', 'delivery.late_or_lost');
  // "tarde" of "boa tarde" / "buenas tardes" is a time of day, not "late".
  const lateAt = delayAt.filter((i) => !s.is(i - 1, 'GREETWORD'));
  for (const n of s.at('NEG')) {
    const arrive = s.at('ARRIVE').find((a) => a > n && a <= n + 3);
    if (arrive === undefined || nearNonOrder(s, [arrive], 4)) continue;
    const onlyYet = s.has('YET') && !s.has('STILL') && !s.has('DURATION') && !s.has('NEVER');
    if (!onlyYet) hit('delivery_problem', 'delivery.not_arrived');
  }
  if (s.has('NEVER') && s.has('ARRIVE') && !nearNonOrder(s, s.at('ARRIVE'), 4)) hit('delivery_problem', 'delivery.never_arrived');
  const missingAt = s.at('MISSING');
  if (missingAt.length > 0 && !s.has('ITEM') && (hasOrder || s.has('PARCEL'))) hit('delivery_problem', 'delivery.missing_parcel');

  // --- damaged, defective or wrong goods
  const damagedAt = s.at('DAMAGED').filter((i) => damagedAsTyped(s, i));
  if (damagedAt.length > 0 && !nearNonOrder(s, damagedAt, 3)) hit('damaged_or_wrong_item', 'item.damaged');
  // "wrong size", and "taglia sbagliata" / "talla equivocada" where the adjective follows its noun.
  const goods = (k: number) => s.within(k, 'ITEM', 2) || s.within(k, 'ITEMATTR', 2) || s.within(k, 'PARCEL', 2) || s.within(k, 'ORDER', 2);
  const wrongItem = s.tokens.some((t) => s.is(t.i, 'STRONGWRONG') && (goods(t.i + 1) || (t.i > 0 && (s.is(t.i - 1, 'ITEMATTR') || s.is(t.i - 1, 'ITEM')))));
  if (wrongItem && addressAt.length === 0 && !s.has('PAYMENT')) hit('damaged_or_wrong_item', 'item.wrong');
  if (missingAt.length > 0 && s.has('ITEM')) hit('damaged_or_wrong_item', 'item.missing');
  for (const n of s.at('NEG')) {
    const what = [n + 1, n + 2, n + 3].find((k) => s.isWord(k, 'what', 'ones', 'one', 'que') || s.isWord(k, 'ce', 'was'));
    if (what !== undefined && [what + 1, what + 2, what + 3].some((k) => s.is(k, 'ORDERED'))) hit('damaged_or_wrong_item', 'item.not_what_ordered');
    if (s.within(n + 1, 'WORK', 2) && (s.has('ITEM') || s.has('POSS')) && !s.has('NONORDER') && !s.has('DISCOUNT') && !s.has('PAYMENT')) hit('damaged_or_wrong_item', 'item.not_working');
  }

  // --- complaints
  if (s.has('COMPLAINT')) hit('complaint', 'complaint.keyword');
  else if (s.at('NEG').some((n) => s.within(n + 1, 'SATISFIED', 2))) hit('complaint', 'complaint.not_satisfied');
  else if (s.near('BAD', 'SERVICE', 2, true)) hit('complaint', 'complaint.bad_service');

  // --- a person: agents and humans, not "customer service" opening hours
  const humans = s.at('HUMAN').filter((i) => !(s.isWord(i, 'personne') && s.isWord(i + 1, 'ne', 'n')));
  const assistants = s.has('CONTACT') ? s.at('ASSISTANT') : [];
  if (humans.length + assistants.length > 0) {
    const asks = s.has('CONTACT') || s.tokens.some((t) => wantAt(s, t.i)) || s.length <= 4 || s.has('REAL');
    if (asks) hit('human_request', humans.length ? 'human.person' : 'human.assistant');
  }

  // --- questions about the rules are answered from policy
  for (const category of [...found.keys()]) {
    if (POLICY_SENSITIVE.has(category) && strongPolicy && !specific) {
      found.delete(category);
      rules.push(`policy_question:${category}`);
    } else if (ELIGIBILITY_SENSITIVE.has(category) && eligibility && !specific && !owns) {
      found.delete(category);
      rules.push(`eligibility_question:${category}`);
    }
  }

  const riskFlags: string[] = [];
  if (s.has('CHARGEBACK') || (s.has('BANK') && (s.has('CONTACT') || s.has('COMPLAINT') || s.hasWord('report', 'tell')))) riskFlags.push('chargeback_threat');
  if (s.has('LEGAL')) riskFlags.push('legal_threat');
  if (s.has('REPEAT') || (s.has('STILL') && (s.has('CONTACT') || s.has('WROTE')))) riskFlags.push('repeat_contact');
  if (s.has('ANGRY') || s.exclaims || s.shouts) riskFlags.push('angry');

  for (const rule of found.values()) rules.push(rule);
  return { found, rules, riskFlags };
}

/** "no thanks", "never mind", "olvídalo", "laisse tomber", "nein danke": declining, not agreeing. */
function declines(s: Analysis): boolean {
  return s.has('DECLINE') || s.at('NEG').some((n) => s.is(n + 1, 'THANKS')) || (s.isWord(0, 'not') && s.isWord(1, 'now'));
}

function isFollowUp(s: Analysis): boolean {
  if (s.length === 0 || s.length > 10) return false;
  if (declines(s)) return false;
  return s.has('AFFIRM') || s.has('ITEMATTR') || s.has('VARIANT');
}

function priorityOf(categories: HandoffCategory[], riskFlags: string[]): GateDecision['priority'] {
  if (categories.length === 0) return 'low';
  if (riskFlags.includes('chargeback_threat') || riskFlags.includes('legal_threat')) return 'urgent';
  if (categories.includes('payment_problem') || riskFlags.includes('repeat_contact') || riskFlags.includes('angry')) return 'high';
  return 'normal';
}

/**
 * Decides deterministically whether a shopper message must go to a person:
 * requests to act on an order or a payment, or for a person, hand off;
 * questions about the policy, order status and products do not.
 */
export function classifyMessage(message: string | Analysis, context?: GateContext): GateDecision {
  const s = typeof message === 'string' ? analyse(message) : message;
  const text = s.text;
  const analysis = findingsOf(s);
  let { found, rules } = analysis;
  const riskFlags = [...analysis.riskFlags];
  let language = s.language;
  const history = context?.history ?? [];

  if (found.size === 0 && history.length > 0 && isFollowUp(s)) {
    // A short "yes, do it" / "the blue one instead" keeps the pending request open.
    for (let k = history.length - 1; k >= Math.max(0, history.length - 3); k--) {
      const before = analyse(history[k]);
      const earlier = findingsOf(before);
      if (earlier.found.size > 0) {
        found = earlier.found;
        rules = ['followup', ...earlier.rules];
        for (const flag of earlier.riskFlags) if (!riskFlags.includes(flag)) riskFlags.push(flag);
        if (s.length < 3) language = before.language;
        break;
      }
    }
  }
  if (history.length > 0 && found.size > 0 && !riskFlags.includes('repeat_contact')) {
    // The same request made again in one conversation means the shopper is still waiting.
    const sameAgain = history.some((h) => [...findingsOf(analyse(h)).found.keys()].some((c) => found.has(c)));
    if (sameAgain && rules[0] !== 'followup') riskFlags.push('repeat_contact');
  }

  const categories = IMPORTANCE.filter((c) => found.has(c));
  const primary = categories[0] ?? null;
  const orders = s.orderNumbers;
  let requestedAction = '';
  if (primary) {
    requestedAction = ACTION_LINES[primary];
    if (orders.length) requestedAction += ` for order ${orders.join(', ')}`;
    if (categories.length > 1) requestedAction += ` (also: ${categories.slice(1).map((c) => c.replaceAll('_', ' ')).join(', ')})`;
  }
  return {
    handoff: categories.length > 0,
    categories,
    primary,
    requestedAction: requestedAction.slice(0, 300),
    language,
    rules,
    riskFlags,
    priority: priorityOf(categories, riskFlags),
  };
}
