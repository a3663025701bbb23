import type { ProductCard } from '../../../shared/chat';
import type { HandoffCategory } from '../../../shared/ticket';
import type { Analysis } from '../language';
import type { GateDecision, ShopperIntents } from '../policy-gate';

/**
 * What one shopper message asks for, decided once per turn by `understand()` and then carried:
 * the pipeline, the offline engine's dispatcher and the audit read it and never decide again.
 */
export interface TurnPlan {
  /** Ranked, best first; already cut by the precedence table (`PRECEDENCE`). */
  steps: Step[];
  /** The message as the plan read it: its order references read for this customer, product names masked for the gate. */
  analysis: Analysis;
  gate: GateDecision;
  intents: ShopperIntents;
  /** Product titles of the shop found in the message (their action words were not read as requests). */
  titlesNamed: string[];
  /**
   * `code`: the offline engine answers even when a model is configured (a guest's order question
   * gets the order form, never a model's guess). `engine`: the configured engine answers.
   */
  answeredBy: 'engine' | 'code';
}

/** Where an order question points: numbers typed (or shown in the reply before), an item bought, the latest order, or recent ones. */
export type OrderTarget =
  | { by: 'number'; numbers: string[] }
  | { by: 'item'; items: string[] }
  | { by: 'latest' }
  | { by: 'recent' };

/** What a follow-up points back at: the orders or the first product the previous reply showed. */
export type FollowUpRef =
  | { to: 'orders'; numbers: string[] }
  /**
   * `page`: the product is the one on the shopper's page (edge/src/context). `named`: its option
   * values the message names, as the catalog writes them ("M", "Lake Blue"); `kept`: the page
   * variant's other option values, kept when one is asked ("in M?" on a Lake Blue page).
   */
  | { to: 'product'; card: ProductCard; option?: string; page?: { named: string[]; kept: string[] } }
  | { to: 'cheaper'; card: ProductCard };

export type Step =
  | { kind: 'handoff'; categories: HandoffCategory[]; rules: string[] }
  | { kind: 'order_status'; target: OrderTarget }
  | { kind: 'follow_up'; ref: FollowUpRef }
  | { kind: 'support_hours'; topics: string[] }
  /**
   * `probe`: see `PRECEDENCE`; a probe says nothing when it finds nothing (`apart`: a shopping
   * request of its own in a message that asks several things). `variant`: an option the shopper asked for ("in pink").
   */
  | { kind: 'product_search'; query: string; filters: { minPrice?: number; maxPrice?: number }; variant?: string; probe?: 'named' | 'any' | 'apart' }
  /**
   * `headings`: the shop's own policy titles and headings the question names ("Plant guarantee").
   * `probe: 'named'`: asked because it names them; quiet when their policies do not answer.
   */
  | { kind: 'policy_question'; topics: string[]; query: string; probe?: 'named' | 'any'; headings?: string[] }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  /** `notFound: 'products'`: the message asked for something the catalog and the policies turned out not to have. */
  | { kind: 'other'; notFound?: 'products' };

export type StepKind = Step['kind'];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;
