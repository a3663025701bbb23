import type { HandoffCategory } from '../../../shared/ticket';
import { analyse, type Analysis, type Lang } from '../language';
import type { ShopSettings } from '../../../shared/shop';
import { compileRuleBook, SHOP_CHOICES, type ShopChoice } from './rule-engine';
import { RULE_BOOK } from './rules';

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
  /** Requests the shop routes to a person besides money and fulfilment (settings.routeToPerson). */
  choices?: ReadonlySet<ShopChoice>;
}

/** The requests a shop's settings route to a person besides money and fulfilment (rules with a `shopChoice`). */
export function shopChoices(settings: Pick<ShopSettings, 'routeToPerson'> | undefined): ReadonlySet<ShopChoice> {
  const chosen = settings?.routeToPerson;
  return new Set(SHOP_CHOICES.filter((c) => chosen?.[c] === true));
}

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

/** The rule book compiled once; its data is rules.ts. */
const GATE = compileRuleBook(RULE_BOOK);

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
  const choices = context?.choices;
  const analysis = GATE.findings(s, choices);
  let { found, rules } = analysis;
  const riskFlags = [...analysis.riskFlags];
  let language = s.language;
  const history = context?.history ?? [];

  if (found.size === 0 && history.length > 0 && GATE.holds('followUp', s)) {
    // A short "yes, do it" / "the blue one instead" keeps the pending request open.
    for (let k = history.length - 1; k >= Math.max(0, history.length - 3); k--) {
      const before = analyse(history[k]);
      const earlier = GATE.findings(before, choices);
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
    const sameAgain = history.some((h) => [...GATE.findings(analyse(h), choices).found.keys()].some((c) => found.has(c)));
    if (sameAgain && rules[0] !== 'followup') riskFlags.push('repeat_contact');
  }

  const categories = GATE.precedence.filter((c) => found.has(c));
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
