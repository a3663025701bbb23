import type { AisleDataParts, OrderCard, ProductCard } from '../../../../../shared/chat';
import type { PolicyPassage } from '../../../../../shared/catalog';
import { digest } from '../../../audit/log';
import { citationOf } from '../../../policies/find';
import type { EngineContext } from '../../types';

/** A domain query an answerer ran: what it asked and what came back, timed. Nothing is recorded yet. */
export interface Query<O> {
  name: 'searchCatalog' | 'getProduct' | 'searchPolicies' | 'getMyOrders' | 'getMyOrder';
  input: unknown;
  output: O;
  ms: number;
}

/**
 * Runs a domain query for an answerer. Queries have no side effects: the audit hears of one only
 * when something it found is sent (`sent`). A query that fails is recorded as a failed call, then rethrown.
 */
export async function query<O>(ctx: EngineContext, name: Query<O>['name'], input: unknown, run: () => Promise<O>): Promise<Query<O>> {
  const started = Date.now();
  try {
    return { name, input, output: await run(), ms: Date.now() - started };
  } catch (err) {
    ctx.turn.evidence.toolCalls.push({ name, input, outputDigest: '', ms: Date.now() - started, error: (err as Error).message?.slice(0, 200) });
    throw err;
  }
}

/**
 * Records that what a query found is being sent to the shopper, in the same step as it is sent:
 * the audit's call record, and what grounding may read (the output as sent). Call it before the
 * lines about it are written, so the grounding check of those lines sees it.
 */
export async function sent(ctx: EngineContext, q: Query<unknown>, output: unknown, summary: Record<string, unknown>) {
  const e = ctx.turn.evidence;
  (e.toolOutputs ??= []).push({ name: q.name, output });
  e.toolCalls.push({ name: q.name, input: q.input, outputDigest: await digest(output), summary, ms: q.ms });
}

/** The product cards part, recorded as evidence: only the cards shown. */
export async function productsPart(ctx: EngineContext, q: Query<unknown>, cards: ProductCard[], facts: unknown[]) {
  const e = ctx.turn.evidence;
  for (const c of cards) if (!e.productIds.includes(c.id)) e.productIds.push(c.id);
  await sent(ctx, q, { products: facts }, { products: cards.length });
  return { type: 'data-products' as const, data: { products: cards } };
}

/** The citations part of the passages a reply quotes from, recorded as evidence: only those cited. */
export async function citationsPart(ctx: EngineContext, q: Query<unknown>, passages: PolicyPassage[]) {
  const e = ctx.turn.evidence;
  for (const p of passages) if (!e.passages.some((x) => x.id === p.id)) e.passages.push(p);
  await sent(ctx, q, { passages }, { passages: passages.map((p) => p.id) });
  return { type: 'data-citations' as const, data: { citations: passages.map(citationOf) } satisfies AisleDataParts['citations'] };
}

/** The order cards shown, recorded as evidence (the reply and a ticket use only these). */
export async function orderParts(ctx: EngineContext, q: Query<unknown>, cards: OrderCard[]) {
  ctx.turn.evidence.orders.push(...cards);
  await sent(ctx, q, { orders: cards }, { orders: cards.map((c) => c.number) });
  return cards.map((card) => ({ type: 'data-order' as const, data: card }));
}
