import type { Analysis } from '../language';
import type { GateDecision, ShopperIntents } from '../policy-gate';
import type { DataPartOut, ReplyWriter, Turn } from '../turn';
import type { AisleTools } from '../ai/tools';
import type { ResolvedContext } from '../context/resolve';
import type { Step, TurnPlan } from '../understanding';

export interface EngineContext {
  turn: Turn;
  tools: AisleTools;
  out: ReplyWriter;
  /** The turn's one analysis of the shopper's message (edge/src/language): read it, do not re-read the text. */
  analysis: Analysis;
  /** The turn plan (edge/src/understanding), decided once: engines read it, they do not decide again. */
  plan: TurnPlan;
  /** The steps of the plan this engine run answers, when not all of them (beside a handoff, only the safe ones). */
  steps?: Step[];
  /** The plan's gate decision and intents (the model engine's view of the same plan). */
  gate: GateDecision;
  intents: ShopperIntents;
  /**
   * The page the shopper is on, resolved against the catalog (edge/src/context): what "this" and
   * "it" may mean. Only catalog data and ids; nothing the page wrote.
   */
  page?: ResolvedContext;
  /** Texts our own code wrote this turn (ticket references): they ground figures like evidence. */
  ownFacts?: string[];
  /** Runs `fn` with data parts collected instead of streamed, so text can come before its cards. */
  collectParts<T>(fn: () => Promise<T>): Promise<{ result: T; parts: DataPartOut[] }>;
}

export interface EngineInfo {
  engine: 'offline' | 'model';
  model?: string;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  answerClass?: 'product' | 'policy' | 'order' | 'handoff' | 'other';
}

export type Engine = (ctx: EngineContext) => Promise<EngineInfo>;

export const toolOptions = (turn: Turn, name: string) => ({
  toolCallId: `${turn.turnId}-${name}-${Math.random().toString(36).slice(2, 8)}`,
  messages: [],
  abortSignal: turn.signal,
});
