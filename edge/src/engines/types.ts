import type { Analysis } from '../language';
import type { GateDecision, ShopperIntents } from '../policy-gate';
import type { DataPartOut, ReplyWriter, Turn } from '../turn';
import type { AisleTools } from '../ai/tools';

export interface EngineContext {
  turn: Turn;
  tools: AisleTools;
  out: ReplyWriter;
  /** The turn's one analysis of the shopper's message (edge/src/language): read it, do not re-read the text. */
  analysis: Analysis;
  gate: GateDecision;
  intents: ShopperIntents;
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
