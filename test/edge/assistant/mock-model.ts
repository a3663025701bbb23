import { MockLanguageModelV3 } from 'ai/test';
import { simulateReadableStream } from 'ai';
import type { ScriptStep } from '../helpers';

const usage = { inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 20, text: 20, reasoning: 0 } };

/** Splits text into small chunks, mid-word, the way a model streams. */
export function chunk(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * A MockLanguageModelV3 that plays `script` one entry per model call (a tool-calling step
 * consumes one entry, the follow-up text another). Records the prompts it was given.
 */
export function scriptedModel(script: ScriptStep[]) {
  let call = 0;
  const prompts: unknown[] = [];
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      prompts.push(options.prompt);
      const step = script[Math.min(call++, script.length - 1)];
      if ('error' in step) throw step.error;
      if ('hang' in step) {
        return {
          stream: new ReadableStream({
            start(controller) {
              options.abortSignal?.addEventListener('abort', () => controller.error(options.abortSignal!.reason));
            },
          }),
        };
      }
      const chunks: any[] = [{ type: 'stream-start', warnings: [] }];
      if ('text' in step) {
        chunks.push({ type: 'text-start', id: 't' });
        for (const d of chunk(step.text)) chunks.push({ type: 'text-delta', id: 't', delta: d });
        chunks.push({ type: 'text-end', id: 't' });
        chunks.push({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
      } else {
        step.toolCalls.forEach((tc, i) =>
          chunks.push({ type: 'tool-call', toolCallId: `call_${call}_${i}`, toolName: tc.toolName, input: JSON.stringify(tc.input) }),
        );
        chunks.push({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage });
      }
      return { stream: simulateReadableStream({ chunks, chunkDelayInMs: 0 }) };
    },
  });
  return { model, prompts, calls: () => call };
}
