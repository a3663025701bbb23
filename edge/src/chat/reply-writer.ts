import type { UIMessageStreamWriter } from 'ai';
import type { AislePart } from '../../../shared/chat';
import type { HandoffCategory } from '../../../shared/ticket';
import type { DataPartOut } from '../ai/tools/context';
import { createPromiseGuard } from '../policy-gate';
import { filterMarkdown, linkPolicy, type LinkPolicy } from './markdown';

export interface BlockedPromise {
  sentence: string;
  category: HandoffCategory;
  rule: string;
}

/**
 * The only way text reaches the shopper. Every delta, from any engine, passes the promise
 * guard a sentence at a time: released sentences stream on, a sentence that promises money or
 * fulfilment is replaced by the handoff wording. Also keeps the parts for the stored reply.
 */
export class ReplyWriter {
  readonly parts: AislePart[] = [];
  readonly blocked: BlockedPromise[] = [];
  private guard = this.newGuard();
  private textId: string | null = null;
  private counter = 0;
  private replacementSent = false;

  constructor(
    private writer: UIMessageStreamWriter,
    private replacement: (category: HandoffCategory) => string,
    /** Shop texts read this turn (policy passages, product facts): quoting them word for word is not a promise. */
    private policyTexts: () => string[] = () => [],
    /** Where links may point (the shop's origins); anything else is written as plain text. */
    private links: LinkPolicy = linkPolicy('https://invalid.invalid', []),
  ) {}

  private newGuard() {
    return createPromiseGuard({ allow: (sentence) => isVerbatimQuote(sentence, this.policyTexts()) });
  }

  /** Text from an engine: checked by the guard before anything streams. */
  say(delta: string) {
    for (const out of this.guard.push(delta)) this.handle(out);
  }

  /** Text written by our own deterministic code (templates). It still passes the guard. */
  line(text: string) {
    this.say(text.endsWith('\n') || text.endsWith(' ') ? text : text + '\n\n');
  }

  data(part: DataPartOut) {
    this.flush();
    this.closeText();
    this.writer.write(part as never);
    this.parts.push(part as AislePart);
  }

  /** Releases what the guard holds (end of an engine's output). */
  flush() {
    for (const out of this.guard.end()) this.handle(out);
    this.guard = this.newGuard();
  }

  get text() {
    return this.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  }

  get hasText() {
    return this.text.trim().length > 0;
  }

  finish() {
    this.flush();
    this.closeText();
  }

  private handle(out: ReturnType<ReturnType<typeof createPromiseGuard>['push']>[number]) {
    if (out.type === 'text') return this.emitText(out.text);
    this.blocked.push({ sentence: out.sentence, category: out.category, rule: out.rule });
    if (!this.replacementSent) {
      this.replacementSent = true;
      this.emitText(this.replacement(out.category) + ' ');
    }
  }

  private emitText(raw: string) {
    const text = filterMarkdown(raw, this.links);
    if (!text) return;
    if (!this.textId) {
      this.textId = `t${this.counter++}`;
      this.writer.write({ type: 'text-start', id: this.textId });
    }
    this.writer.write({ type: 'text-delta', id: this.textId, delta: text });
    const last = this.parts[this.parts.length - 1];
    if (last?.type === 'text') last.text += text;
    else this.parts.push({ type: 'text', text });
  }

  private closeText() {
    if (this.textId) this.writer.write({ type: 'text-end', id: this.textId });
    this.textId = null;
  }
}

/** Letters and digits only: quoting may change markdown, list markers, quotes and spacing. */
const normalize = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** True when the sentence (at least a few words) appears word for word in a policy passage. */
export function isVerbatimQuote(sentence: string, passages: string[]): boolean {
  const s = normalize(sentence);
  if (s.split(' ').length < 4) return false;
  return passages.some((p) => normalize(p).includes(s));
}
