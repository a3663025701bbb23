import type { UIMessageStreamWriter } from 'ai';
import type { AislePart } from '../../../shared/chat';
import type { HandoffCategory } from '../../../shared/ticket';
import type { DataPartOut } from './context';
import { actionCategories, createPromiseGuard, type GuardOutput } from '../policy-gate';
import { Hygiene, type HygieneSecrets } from './hygiene';
import { filterMarkdown, linkPolicy, type LinkPolicy } from './markdown';

export interface BlockedPromise {
  sentence: string;
  /** null: blocked, but nothing a person must act on (e.g. an ungrounded product figure). */
  category: HandoffCategory | null;
  rule: string;
}

export interface DroppedSentence {
  sentence: string;
  rule: string;
}

export interface ReplyWriterOptions {
  /** The handoff wording that stands in for a blocked promise. */
  replacement: (category: HandoffCategory) => string;
  /** Shop texts read this turn (policy passages, product facts): quoting them word for word is not the assistant's own claim. */
  quotes?: () => string[];
  /** Where links may point (the shop's origins); anything else is written as plain text. */
  links?: LinkPolicy;
  /** Orders read for this customer this turn: number and status words, which back a claim such as "your order was cancelled". */
  orders?: () => { number: string; status: string }[];
  /** Extra checks on a sentence after the promise guard (grounding); return why it is blocked. */
  check?: (sentence: string) => BlockedPromise | null;
}

/**
 * The only way engine text reaches the shopper. Every delta, from any engine, is cut into
 * guard units (sentences, list items; a single line break does not end one) and each unit
 * passes, in order: model-path hygiene (JSON, code fences, tool names and keys, the system
 * prompt: dropped), the promise guard (a claim of an action the assistant cannot take:
 * replaced by the handoff wording), and the turn's extra checks (grounding). What is released
 * goes through the markdown filter. Also keeps the parts for the stored reply.
 */
export class ReplyWriter {
  readonly parts: AislePart[] = [];
  readonly blocked: BlockedPromise[] = [];
  readonly dropped: DroppedSentence[] = [];
  private hygiene = new Hygiene();
  private guard = this.newGuard();
  private textId: string | null = null;
  private counter = 0;
  private replacementSent = false;
  private handoffShown = false;
  private readonly options: Required<Omit<ReplyWriterOptions, 'check'>> & Pick<ReplyWriterOptions, 'check'>;

  constructor(
    private writer: UIMessageStreamWriter,
    options: ReplyWriterOptions,
  ) {
    this.options = { quotes: () => [], links: linkPolicy('https://invalid.invalid', []), orders: () => [], ...options };
  }

  /** What the model knows but must never write (its prompt, canary, tool names and keys). */
  protect(secrets: HygieneSecrets) {
    this.hygiene.protect(secrets);
  }

  private newGuard() {
    return createPromiseGuard({
      allow: (sentence) => isVerbatimQuote(sentence, this.options?.quotes() ?? []),
      drop: (sentence) => this.hygiene.check(sentence),
      backed: (sentence, claim) => {
        // The claim names an order read this turn (or the only one), and that order's status says so.
        const orders = this.options?.orders() ?? [];
        const key = (s: string) => s.replace(/[^a-z0-9]/gi, '').toLowerCase();
        const squashed = key(sentence);
        const named = orders.filter((o) => squashed.includes(key(o.number)));
        const about = named.length ? named : orders.length === 1 ? orders : [];
        return about.some((o) => actionCategories(o.status).has(claim.category));
      },
    });
  }

  /** Text from an engine: checked before anything streams. */
  say(delta: string) {
    for (const out of this.guard.push(delta)) this.handle(out);
  }

  /** Text written by our own deterministic code (templates). It still passes the guard. */
  line(text: string) {
    this.say(text.endsWith('\n') || text.endsWith(' ') ? text : text + '\n\n');
  }

  data(part: DataPartOut) {
    // One handoff card per turn, whoever (gate, guard or model) asked for it.
    if (part.type === 'data-handoff') {
      if (this.handoffShown) return;
      this.handoffShown = true;
    }
    this.flush();
    this.closeText();
    this.writer.write(part as never);
    this.parts.push(part as AislePart);
  }

  get handoffCardShown() {
    return this.handoffShown;
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

  private handle(out: GuardOutput) {
    if (out.type === 'text') {
      const extra = this.options.check?.(out.text);
      if (!extra) return this.emitText(out.text);
      out = { type: 'blocked', sentence: out.text.trim(), category: extra.category, rule: extra.rule, separator: separatorOf(out.text) };
    }
    if (out.type === 'dropped') {
      this.dropped.push({ sentence: out.sentence, rule: out.rule });
      return this.emitGap(out.separator);
    }
    this.blocked.push({ sentence: out.sentence, category: out.category, rule: out.rule });
    if (out.category && !this.replacementSent) {
      this.replacementSent = true;
      // The blocked sentence took its leading space with it: the wording stands where it stood.
      const last = this.text.at(-1);
      const lead = last && last.trim() !== '' ? ' ' : '';
      this.emitText(lead + this.options.replacement(out.category) + out.separator);
    } else this.emitGap(out.separator);
  }

  /** A removed sentence leaves its separator, so the text around it still reads cleanly. */
  private emitGap(separator: string) {
    const text = this.text;
    if (!text || !separator) return;
    const needed = separator.includes('\n\n') ? '\n\n' : separator.includes('\n') ? '\n' : ' ';
    if (needed === ' ' ? /\s$/.test(text) : text.endsWith(needed) || (needed === '\n' && /\n\s*$/.test(text))) return;
    this.emitRaw(needed);
  }

  private emitText(raw: string) {
    let text = filterMarkdown(raw, this.options.links);
    // A unit that follows a finished sentence with no space (the one before it was blocked at the end
    // of an engine's output, then our own line came) is spaced, so sentences never run together.
    const last = this.text.at(-1);
    if (last && '.!?…:;'.includes(last) && text && text[0].trim() !== '') text = ' ' + text;
    // Nothing yet, or already a separator: leading whitespace would only be noise.
    this.emitRaw(!this.text ? text.replace(/^\s+/, '') : /\s$/.test(this.text) ? text.replace(/^[ \t]+/, '') : text);
  }

  private emitRaw(text: string) {
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

const separatorOf = (text: string) => /\s*$/.exec(text)![0];

/** Letters and digits only: quoting may change markdown, list markers, quotes and spacing. */
const normalize = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** True when the sentence (at least a few words) appears word for word in a policy passage. */
export function isVerbatimQuote(sentence: string, passages: string[]): boolean {
  const s = normalize(sentence);
  if (s.split(' ').length < 4) return false;
  return passages.some((p) => normalizedPassage(p).includes(s));
}

/** Passages normalized once per isolate: every sentence of a policy answer is checked against the same few. */
const normalizedPassages = new Map<string, string>();
function normalizedPassage(p: string): string {
  let n = normalizedPassages.get(p);
  if (n === undefined) {
    if (normalizedPassages.size >= 2000) normalizedPassages.clear();
    normalizedPassages.set(p, (n = normalize(p)));
  }
  return n;
}

/**
 * Runs a whole text through the guard as the chat would (hygiene, claims, grounding, markdown),
 * without a stream: for benches, corpora, and text written outside a turn.
 */
export function guardText(text: string, options: ReplyWriterOptions): { text: string; blocked: BlockedPromise[]; dropped: DroppedSentence[] } {
  const writer = { write() {}, merge() {}, onError: undefined } as unknown as UIMessageStreamWriter;
  const out = new ReplyWriter(writer, options);
  out.say(text);
  out.finish();
  return { text: out.text, blocked: out.blocked, dropped: out.dropped };
}
