import { createOpenAI } from '@ai-sdk/openai';
import { stepCountIs, streamText, type LanguageModel, type ModelMessage } from 'ai';
import { resultKeys, toolArgumentKeys } from '../../turn';
import { messageText, type StoredMessage } from '../../conversations/store';
import type { Engine, EngineInfo } from '../types';
import type { Turn } from '../../turn';
import { systemPrompt } from './system-prompt';

export const MODEL_LIMITS = {
  maxSteps: 5,
  maxOutputTokens: 600,
  firstTokenMs: 12_000,
  totalMs: 45_000,
  /** Rough history budget in characters (~4 chars a token). */
  historyChars: 12_000,
};

export class ModelTimeoutError extends Error {
  override readonly name = 'ModelTimeoutError';
}

/** Tests inject a mock model here; production builds one from the env. */
export type ModelFactory = (env: Env, modelName: string) => LanguageModel;

export const openAiModel: ModelFactory = (env, modelName) =>
  // Explicit default: the provider would otherwise read process.env, which nodejs_compat fills from bindings.
  createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || 'https://api.openai.com/v1' }).chat(modelName);

/**
 * The model sees the server-stored history, newest turns first until the budget is spent;
 * older turns are dropped (cards are reduced to their text).
 */
export function historyForModel(history: StoredMessage[], current: string, budgetChars = MODEL_LIMITS.historyChars): ModelMessage[] {
  const out: ModelMessage[] = [];
  let used = current.length;
  for (let i = history.length - 1; i >= 0; i--) {
    const text = messageText(history[i]).trim();
    if (!text) continue;
    if (used + text.length > budgetChars) break;
    used += text.length;
    out.unshift({ role: history[i].role, content: text });
  }
  out.push({ role: 'user', content: current });
  return out;
}

export const createModelEngine =
  (factory: ModelFactory = openAiModel): Engine =>
  async (ctx) => {
    const { turn, tools, out } = ctx;
    const modelName = turn.shop.settings.model.name || turn.env.OPENAI_MODEL || 'gpt-4.1-mini';
    const abort = new AbortController();
    const onAbort = () => abort.abort(turn.signal.reason);
    turn.signal.addEventListener('abort', onAbort);
    let gotFirst = false;
    const firstTimer = setTimeout(() => !gotFirst && abort.abort(new ModelTimeoutError('no first token in time')), MODEL_LIMITS.firstTokenMs);
    const totalTimer = setTimeout(() => abort.abort(new ModelTimeoutError('reply took too long')), MODEL_LIMITS.totalMs);
    // The model knows its prompt, a canary inside it, and the tools' names and keys; none of
    // them may reach the shopper, whatever the model writes.
    const canary = `cnry-${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const system = systemPrompt(turn.shop, turn.identity, turn.locale, canary);
    out.protect({ systemPrompt: system, canary, toolNames: Object.keys(tools), toolKeys: toolArgumentKeys(tools) });
    try {
      const result = streamText({
        model: factory(turn.env, modelName),
        system,
        messages: historyForModel(turn.history, turn.text),
        tools,
        stopWhen: stepCountIs(MODEL_LIMITS.maxSteps),
        maxOutputTokens: turn.shop.settings.model.maxOutputTokens ?? MODEL_LIMITS.maxOutputTokens,
        abortSignal: abort.signal,
        maxRetries: 1,
      });
      for await (const part of result.fullStream) {
        // The first token: text or a tool call from the model (stream bookkeeping parts do not count).
        if (part.type === 'text-delta' || part.type === 'tool-call') gotFirst = true;
        if (part.type === 'text-delta') out.say(part.text);
        else if (part.type === 'tool-result') out.protect({ resultKeys: resultKeys([part.output]) });
        else if (part.type === 'error') throw part.error instanceof Error ? part.error : new Error(String(part.error));
        else if (part.type === 'abort') throw abort.signal.reason instanceof Error ? abort.signal.reason : new ModelTimeoutError('aborted');
      }
      const usage = await result.totalUsage;
      const info: EngineInfo = {
        engine: 'model',
        model: modelName,
        usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, totalTokens: usage.totalTokens },
        answerClass: answerClassOf(turn.evidence),
      };
      return info;
    } catch (err) {
      if (abort.signal.aborted && abort.signal.reason instanceof Error) throw abort.signal.reason;
      throw err;
    } finally {
      clearTimeout(firstTimer);
      clearTimeout(totalTimer);
      turn.signal.removeEventListener('abort', onAbort);
    }
  };

/**
 * What the model's reply was about, from what its tools returned (the metrics' answer classes):
 * orders first (the most specific), then policy passages, then products; `other` without data.
 */
function answerClassOf(evidence: Turn['evidence']): EngineInfo['answerClass'] {
  if (evidence.orders.length > 0) return 'order';
  if (evidence.passages.length > 0) return 'policy';
  if (evidence.productIds.length > 0) return 'product';
  return 'other';
}
