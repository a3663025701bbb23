import type { Step, StepKind } from './plan';

/**
 * Which step of a plan wins, in one place, as data. A row's position is its rank (first wins).
 *
 * - `probe`: the row is for a product search or policy question of that flavour only:
 *   `named` a product search that counts only when a product named by the shopper's own words is
 *   found ("do you sell phones?" names a policy topic but is shopping); `any` the shop's own data
 *   tried quietly before admitting we don't know.
 * - `withHandoff`: still answered when the turn is handed off (a safe part: where the order is).
 * - `thenAlso`: once a step of this row has answered, these kinds (or flavours) still run; any
 *   other later step is skipped (a reply answers one thing, plus what is listed here).
 *   `apart`: a product search asked in a request of its own of a message that asks several
 *   things ("where's my jacket, and do you have the Ridge 30 in black?"), quiet when the catalog
 *   has nothing its words name.
 * - `yieldsTo`: the step is dropped from the plan when a step of one of these kinds is in it.
 */
/** A kind of step, or one flavour of it ("product_search:apart"). */
export type RowKey = StepKind | `${StepKind}:${Probe}`;
type Probe = 'named' | 'any' | 'apart';

export interface PrecedenceRow {
  kind: StepKind;
  probe?: Probe;
  withHandoff?: boolean;
  thenAlso?: RowKey[];
  yieldsTo?: StepKind[];
  why: string;
}

export const PRECEDENCE: readonly PrecedenceRow[] = [
  { kind: 'handoff', withHandoff: true, thenAlso: ['order_status'], why: 'money and fulfilment go to a person, decided by code; nothing else is answered beside it but where the order stands' },
  { kind: 'order_status', withHandoff: true, thenAlso: ['policy_question', 'product_search:apart'], why: "an order reference or the customer's own order is the most specific thing a message can name" },
  { kind: 'product_search', probe: 'apart', why: '"where\'s my jacket, and do you have the Ridge 30 in black?": a shopping request of its own beside an order question is answered after it' },
  { kind: 'follow_up', yieldsTo: ['order_status', 'policy_question'], why: '"is it in stock?" points at what the last reply showed, unless the message names an order or a policy itself' },
  { kind: 'support_hours', why: "when the shop's people can be reached is answered from the shop's settings, then its contact page" },
  { kind: 'product_search', probe: 'named', why: '"do you sell phones?" names a policy topic (contact) but is shopping, when the catalog has what it names' },
  { kind: 'policy_question', thenAlso: ['product_search:apart'], why: 'a question about a policy is answered from the policy, or the reply says the policies do not say' },
  { kind: 'policy_question', probe: 'named', why: "a question naming one of the shop's own policy titles or headings (\"When can I collect?\"): those policies, before the catalog, when they answer" },
  { kind: 'product_search', why: 'what is left of a message that names a product is a catalog search' },
  { kind: 'greeting', why: 'a greeting alone gets a greeting and suggestions' },
  { kind: 'thanks', yieldsTo: ['greeting'], why: '"hi, thanks" greets once' },
  { kind: 'product_search', probe: 'any', why: 'unclassified, or a question of no known topic: the catalog may have it, before the policies' },
  { kind: 'policy_question', probe: 'any', why: 'unclassified: the policies may say' },
  { kind: 'other', why: 'nothing matched: say so and offer suggestions and a person' },
];

const probeOf = (step: Step) => ((step.kind === 'product_search' || step.kind === 'policy_question') && step.probe) || undefined;

/** The row of a step: its kind, and its probe flavour for searches. */
export function rowOf(step: Step): PrecedenceRow {
  const probe = probeOf(step);
  const row = PRECEDENCE.find((r) => r.kind === step.kind && r.probe === probe);
  if (!row) throw new Error(`no precedence row for ${step.kind}${probe ? ` (${probe})` : ''}`);
  return row;
}

export const rankOf = (step: Step) => PRECEDENCE.indexOf(rowOf(step));

/** The steps in rank order, without those that yield to another step of the plan (stable for equal ranks). */
export function ranked(steps: Step[]): Step[] {
  const kinds = new Set(steps.map((s) => s.kind));
  return steps
    .filter((s) => !(rowOf(s).yieldsTo ?? []).some((k) => kinds.has(k)))
    .map((s, i) => ({ s, i, r: rankOf(s) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.s);
}

/** Whether `step` still runs after the steps that have answered so far. */
export function runsAfter(step: Step, answered: Step[]): boolean {
  const probe = probeOf(step);
  return answered.every((a) => {
    const also = rowOf(a).thenAlso ?? [];
    return also.includes(step.kind) || (!!probe && also.includes(`${step.kind}:${probe}`));
  });
}

/** The steps answered beside a handoff. */
export const withHandoff = (steps: Step[]) => steps.filter((s) => s.kind !== 'handoff' && rowOf(s).withHandoff);
