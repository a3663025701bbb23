import type { AisleDataParts, Locale } from '../../../shared/chat';
import type { PolicyPassage } from '../../../shared/catalog';
import type { Identity } from '../../../shared/identity';
import type { StoredMessage } from '../conversations/store';
import { digest } from '../audit/log';
import type { ShopRecord } from '../shops/store';
import type { OrderSource } from '../orders/source';

/** A data part for the shopper: `{ type: 'data-products', data }` etc. */
export type DataPartOut = { [K in keyof AisleDataParts]: { type: `data-${K}`; data: AisleDataParts[K] } }[keyof AisleDataParts];

export interface ToolCallRecord {
  name: string;
  input: unknown;
  outputDigest: string;
  /** e.g. { products: 3 } or { orders: ['NW-10001'] }: what data the call used. */
  summary?: Record<string, unknown>;
  ms: number;
  error?: string;
}

/** What the turn used and decided, for the audit trail and the handoff ticket. */
export interface Evidence {
  toolCalls: ToolCallRecord[];
  passages: PolicyPassage[];
  productIds: string[];
  orders: AisleDataParts['order'][];
  /** What each tool returned this turn (the model read it): grounding and hygiene read it, it is not stored. */
  toolOutputs?: { name: string; output: unknown }[];
  /** Catalog text quoted word for word this turn (a product's description sentence or attribute). */
  quotedFacts?: string[];
  /** Set when the assistant could not answer from data. */
  fallbackReason?: 'no_product_match' | 'ambiguous_order' | 'missing_policy_content' | 'permission_refused' | 'model_failure' | 'tool_failure' | 'database_failure';
}

/**
 * Everything a tool may know about the turn. The customer comes from `identity`, which only
 * the token middleware sets from a verified token: tools that read orders take it from here,
 * never from their arguments.
 */
export interface Turn {
  env: Env;
  db: D1Database;
  shop: ShopRecord;
  identity: Identity;
  conversationId: string;
  turnId: string;
  text: string;
  locale: Locale;
  /** Stored messages before this one (server-owned history). */
  history: StoredMessage[];
  signal: AbortSignal;
  evidence: Evidence;
  /** Shows structured data to the shopper (cards); it is stored with the reply. */
  emit(part: DataPartOut): void;
  /** The origin the shopper sees links on (relative product/policy urls are resolved against it). */
  publicOrigin: string;
  /**
   * A guest may prove an order here with its number and email (added in v1.1): the shop offers
   * guest order help and the conversation has a server-issued secret the grant can be bound to.
   */
  guestOrderHelp?: boolean;
  /** Set for a merchant's test question (added in v1.1): handoffs are recorded here, never filed. */
  dryRun?: { handoffs: string[][] };
  /** With a model configured: writes the model's draft for the agent onto a new ticket, after the reply (engines/model/draft.ts). */
  draftReply?: (ticket: import('../../../shared/ticket').Ticket) => void;
  /** The order references of this turn's message as read for this customer (their own numbers, however typed). */
  orderNumbers?: readonly string[];
  /** The turn's order source (orders/source.ts `turnOrderSource`): the customer's orders read once per turn. */
  orderSource?: OrderSource;
}

export const newEvidence = (): Evidence => ({ toolCalls: [], passages: [], productIds: [], orders: [] });

/**
 * Wraps a tool's work so every call leaves an audit record (input, output digest, time, error).
 * Errors are recorded and re-thrown: the engine decides the honest reply.
 */
export async function recordToolCall<T>(
  turn: Turn,
  name: string,
  input: unknown,
  run: () => Promise<T>,
  summarize?: (out: T) => Record<string, unknown>,
): Promise<T> {
  const started = Date.now();
  try {
    const out = await run();
    (turn.evidence.toolOutputs ??= []).push({ name, output: out });
    turn.evidence.toolCalls.push({ name, input, outputDigest: await digest(out), summary: summarize?.(out), ms: Date.now() - started });
    return out;
  } catch (err) {
    turn.evidence.toolCalls.push({ name, input, outputDigest: '', ms: Date.now() - started, error: (err as Error).message?.slice(0, 200) });
    throw err;
  }
}
