import type { AislePart, AisleMessage, ConversationResponse, HandoffPart, MessageAuthor, NoticePart } from '../../../shared/chat';
import type { ErrorBody } from '../../../shared/errors';
import { fill } from '../lib/i18n';
import { plainText } from '../lib/markdown';
import { newConversationId } from '../lib/storage';
import { readUiMessageStream } from '../lib/stream';
import { guestForm, loadCards } from '../components/Lazy';
import type { PanelContext } from '../types';

export interface UiMessage {
  id: string;
  role: 'user' | 'assistant';
  parts: AislePart[];
  /** assistant: still streaming; user: failed to send. */
  streaming?: boolean;
  failed?: boolean;
  stopped?: boolean;
  /** A person wrote it (v1.1): their display name is shown. */
  author?: MessageAuthor;
}

/**
 * Widget-side notices add to the server's notice codes: `offline` (the browser says so),
 * `unreachable` (online, but the request failed), `unavailable` (this page's origin is not
 * allowed: the merchant's setup, told to the merchant in the console) and `error`.
 */
export interface Notice {
  code: NoticePart['code'] | 'offline' | 'unreachable' | 'unavailable' | 'error';
  text: string;
}

export interface ChatState {
  messages: UiMessage[];
  streaming: boolean;
  notice: Notice | null;
  suggestions: string[] | null;
  /** Text for the polite live region: set once per completed reply. */
  announcement: string;
  restoring: boolean;
  /** Hand-off references of earlier conversations, so a new chat never loses them. */
  references: string[];
}

type Listener = (s: ChatState) => void;

class HttpError extends Error {
  override name = 'AisleHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter: number | null,
  ) {
    super(message);
  }
}

const SECRET = 'x-aisle-conversation-secret';
let seq = 0;
const localId = () => `local-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/**
 * The conversation as the shopper sees it, and the only place that talks to
 * the chat API. Components render `state` and call the methods; they never
 * fetch themselves.
 */
export class ChatModel {
  state: ChatState;
  private listeners = new Set<Listener>();
  private controller: AbortController | null = null;
  private restored = false;
  /** Bumped by reset() so late responses of a forgotten conversation are dropped. */
  private epoch = 0;
  /**
   * An unread clone of the last chat response. Chromium marks a `no-store` fetch whose body
   * script reads to its end through a stream reader as cancelled (net::ERR_ABORTED in
   * DevTools and in error monitoring) in most runs; a tee'd clone keeps the request open
   * until it completes. A reply is a few KB, so the clone's buffer costs nothing.
   */
  private held: Response | null = null;

  constructor(private readonly ctx: PanelContext) {
    this.state = { messages: [], streaming: false, notice: null, suggestions: null, announcement: '', restoring: false, references: ctx.conversation.references() };
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<ChatState>) {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }

  private updateMessage(id: string, fn: (m: UiMessage) => UiMessage) {
    this.set({ messages: this.state.messages.map((m) => (m.id === id ? fn(m) : m)) });
  }

  /** A reply that came from outside the chat stream (the guest form's verified order). */
  append(m: UiMessage, announcement: string) {
    this.set({ messages: [...this.state.messages, m], announcement });
  }

  dismissNotice() {
    this.set({ notice: null });
  }

  private async headers(refresh: boolean): Promise<Record<string, string>> {
    const token = await this.ctx.getToken(refresh).catch(() => null);
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  private url(path: string) {
    return `${this.ctx.api}/v1/shops/${encodeURIComponent(this.ctx.shop)}${path}`;
  }

  /**
   * Fetch with the customer token. A 401 asks the identity provider once for
   * a fresh token and retries; a second 401 surfaces as HttpError.
   */
  private async authedFetch(path: string, init: RequestInit): Promise<Response> {
    const fetch = this.ctx.fetch ?? globalThis.fetch;
    let res = await fetch(this.url(path), { ...init, headers: { ...(init.headers as object), ...(await this.headers(false)) } });
    if (res.status === 401) {
      const fresh = await this.headers(true);
      if (fresh.authorization) {
        // Read the refusal to its end: an abandoned body shows up as a failed request.
        await res.arrayBuffer().catch(() => null);
        res = await fetch(this.url(path), { ...init, headers: { ...(init.headers as object), ...fresh } });
      }
    }
    if (!res.ok) throw await toHttpError(res);
    return res;
  }

  /** Loads the stored conversation once, on first open. */
  async restore(): Promise<void> {
    if (this.restored) return;
    this.restored = true;
    const id = this.ctx.conversation.get();
    if (!id) return;
    const epoch = this.epoch;
    this.set({ restoring: true });
    try {
      const secret = this.ctx.conversation.secret();
      const res = await this.authedFetch(`/conversations/${encodeURIComponent(id)}`, { method: 'GET', headers: secret ? { [SECRET]: secret } : {} });
      const body = (await res.json()) as ConversationResponse;
      if (epoch !== this.epoch || this.state.messages.length) return;
      // Stored messages as they are (v1.1 adds `author` on replies people wrote).
      const messages = (body.messages ?? []) as UiMessage[];
      this.set({ messages, suggestions: lastSuggestions(messages) });
      this.live(body.state);
    } catch (err) {
      if (epoch !== this.epoch) return;
      // Unknown or not ours any more (expired, other customer): start afresh.
      if (err instanceof HttpError && err.code === 'origin_not_allowed') this.set({ notice: this.noticeFor(err) });
      else if (err instanceof HttpError && (err.status === 404 || err.status === 403)) this.ctx.conversation.clear();
      else if (err instanceof HttpError && err.status === 401) this.set({ notice: { code: 'signed_out', text: this.ctx.strings.signedOut } });
    } finally {
      if (epoch === this.epoch) this.set({ restoring: false });
    }
  }

  stop() {
    this.controller?.abort();
  }

  // Live channel (v1.1): opened by the lazy live chunk while a person may answer (handed off or
  // owned); only this trigger is in the panel.
  st?: string;
  live(state?: string) {
    // import() is fetched once and cached by the module system.
    if ((this.st = state) != 'assistant') import('../live').then((m) => m.sync(this), () => {});
  }



  /**
   * Forgets the conversation: new id on the next message, empty transcript. `keepReferences`
   * (the shopper's own "new conversation") keeps its hand-off references reachable in the
   * next one; `Aisle.reset()` (sign-out) forgets them too.
   */
  reset(keepReferences = false) {
    this.epoch++;
    this.controller?.abort();
    if (keepReferences) this.ctx.conversation.keepReferences(handoffReferences(this.state.messages).reverse());
    this.ctx.conversation.clear();
    this.restored = true;
    this.set({
      messages: [],
      streaming: false,
      notice: null,
      suggestions: null,
      announcement: '',
      restoring: false,
      references: this.ctx.conversation.references(),
    });
  }

  identityChanged() {
    if (this.state.notice?.code === 'signed_out') this.set({ notice: null });
  }

  async send(raw: string): Promise<void> {
    const text = raw.trim();
    if (!text || this.state.streaming) return;
    const epoch = this.epoch;
    const user: UiMessage = { id: localId(), role: 'user', parts: [{ type: 'text', text }] };
    const reply: UiMessage = { id: localId(), role: 'assistant', parts: [], streaming: true };
    const controller = new AbortController();
    this.controller = controller;
    this.set({
      messages: [...this.state.messages.filter((m) => !m.failed), user, reply],
      streaming: true,
      notice: this.state.notice?.code === 'signed_out' ? this.state.notice : null,
      suggestions: null,
    });
    this.ctx.emit('message', { role: 'user', text });

    let conversationId = this.ctx.conversation.get();
    const request = (id: string) =>
      this.authedFetch('/chat', {
        method: 'POST',
        // v1.1: ask for a conversation secret on the first turn, present it afterwards.
        headers: { 'content-type': 'application/json', [SECRET]: this.ctx.conversation.secret() || 'new' },
        body: JSON.stringify({ conversationId: id, message: { text }, locale: this.ctx.locale }),
        signal: controller.signal,
      });

    try {
      if (!conversationId) {
        conversationId = newConversationId();
        this.ctx.conversation.set(conversationId);
      }
      let res: Response;
      try {
        res = await request(conversationId);
      } catch (err) {
        if (!(err instanceof HttpError && err.status === 404)) throw err;
        // The server no longer knows this conversation: continue in a new one.
        conversationId = newConversationId();
        this.ctx.conversation.set(conversationId);
        res = await request(conversationId);
      }
      this.held = res.clone();
      const secret = res.headers.get(SECRET);
      if (secret) this.ctx.conversation.set(conversationId, secret);
      if (!res.body) throw new HttpError(502, 'internal', 'empty response', null);
      await this.consume(res.body, reply.id, epoch);
      if (epoch !== this.epoch) return;
      const done = this.state.messages.find((m) => m.id === reply.id);
      const replyText = done ? textOf(done) : '';
      this.updateMessage(reply.id, (m) => ({ ...m, streaming: false }));
      this.set({ streaming: false, announcement: replyText ? plainText(replyText) : this.state.announcement });
      this.ctx.emit('message', { role: 'assistant', text: replyText, parts: done?.parts ?? [] });
      this.ctx.replied();
    } catch (err) {
      if (epoch !== this.epoch) return;
      if (controller.signal.aborted) {
        this.updateMessage(reply.id, (m) => ({ ...m, streaming: false, stopped: true }));
        this.set({ streaming: false });
        return;
      }
      const notice = this.noticeFor(err);
      const partial = this.state.messages.find((m) => m.id === reply.id);
      const keepReply = partial && partial.parts.length > 0;
      this.set({
        streaming: false,
        notice,
        announcement: notice.text,
        messages: this.state.messages
          .filter((m) => m.id !== reply.id || keepReply)
          .map((m) => (m.id === user.id && !keepReply ? { ...m, failed: true } : m.id === reply.id ? { ...m, streaming: false } : m)),
      });
      this.ctx.emit('error', { code: err instanceof HttpError ? err.code : 'network', message: notice.text });
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  private noticeFor(err: unknown): Notice {
    const s = this.ctx.strings;
    if (err instanceof HttpError && err.code === 'origin_not_allowed') {
      // The merchant's setup, not the shopper's problem: tell the merchant how to fix it.
      const origin = location.origin;
      console.error(
        `Aisle: this page's origin ${origin} is not allowed for shop "${this.ctx.shop}", so the chat cannot work here. ` +
          `Allow it with: npx aisle shop add-origin ${origin} --shop ${this.ctx.shop}`,
      );
      return { code: 'unavailable', text: s.unavailable };
    }
    if (err instanceof HttpError) {
      if (err.status === 401) return { code: 'signed_out', text: s.signedOut };
      if (err.status === 429) return { code: 'rate_limited', text: fill(s.rateLimited, { s: err.retryAfter ?? 30 }) };
      if (err.status === 400 || err.status === 413) return { code: 'error', text: err.message || s.failed };
      if (err.status >= 500) return { code: 'degraded', text: s.degraded };
      return { code: 'error', text: s.failed };
    }
    // "Offline" only when the browser knows it is; any other failed request is "could not reach".
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return { code: 'offline', text: s.offline };
    if (err instanceof TypeError) return { code: 'unreachable', text: s.unreachable };
    return { code: 'error', text: s.failed };
  }

  private async consume(body: ReadableStream<Uint8Array>, replyId: string, epoch: number) {
    const textIndex = new Map<string, number>();
    for await (const chunk of readUiMessageStream(body)) {
      if (epoch !== this.epoch) return;
      switch (chunk.type) {
        case 'text-start':
        case 'text-delta': {
          const key = chunk.id ?? '_';
          const delta = chunk.type === 'text-delta' ? (chunk.delta ?? '') : '';
          this.updateMessage(replyId, (m) => {
            const parts = m.parts.slice();
            const at = textIndex.get(key);
            if (at === undefined) {
              textIndex.set(key, parts.length);
              parts.push({ type: 'text', text: delta });
            } else {
              const p = parts[at] as { type: 'text'; text: string };
              parts[at] = { type: 'text', text: p.text + delta };
            }
            return { ...m, parts };
          });
          break;
        }
        case 'data-suggestions': {
          const list = (chunk.data as { suggestions?: unknown })?.suggestions;
          if (Array.isArray(list)) this.set({ suggestions: list.filter((x): x is string => typeof x === 'string').slice(0, 6) });
          break;
        }
        case 'data-notice': {
          const data = chunk.data as NoticePart;
          if (data?.text) this.set({ notice: { code: data.code, text: data.text } });
          // Assisted mode (v1.2): a person checks the reply, which comes over the live channel.
          if (data?.state) this.live(data.state);
          break;
        }
        case 'data-products':
        case 'data-order':
        case 'data-handoff':
        case 'data-citations':
        case 'data-verify-order': {
          if (!chunk.data || typeof chunk.data !== 'object') break;
          const part = { type: chunk.type, data: chunk.data } as AislePart;
          if (chunk.type === 'data-order' || chunk.type === 'data-handoff') void loadCards().catch(() => {});
          if (chunk.type === 'data-verify-order') void guestForm.load().catch(() => {});
          this.updateMessage(replyId, (m) => ({ ...m, parts: [...m.parts, part] }));
          if (chunk.type === 'data-handoff') this.ctx.emit('handoff', chunk.data as HandoffPart), this.live('handed_off');
          break;
        }
        case 'error':
          throw new HttpError(500, 'internal', chunk.errorText ?? '', null);
        default:
          // start, start-step, text-end, finish-step, finish and future chunk types.
          break;
      }
    }
  }
}

function textOf(m: UiMessage): string {
  return m.parts
    .filter((p): p is { type: 'text'; text: string } => p.type === 'text')
    .map((p) => p.text)
    .join('\n\n');
}

/** The short references of the hand-offs in a transcript, oldest first. */
export function handoffReferences(messages: UiMessage[]): string[] {
  return messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'data-handoff' ? [referenceOf(p.data)] : [])));
}

/** The short human reference (v1.1); the ticket id from servers before it. */
export function referenceOf(h: HandoffPart): string {
  return h.reference || h.ticketId;
}

function lastSuggestions(messages: UiMessage[]): string[] | null {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'assistant') return null;
  for (const p of last.parts) if (p.type === 'data-suggestions') return p.data.suggestions;
  return null;
}

/** Same check as shared/errors isErrorBody, kept here so the widget never bundles zod. */
function isErrorBody(value: unknown): value is ErrorBody {
  return typeof (value as { error?: { code?: unknown } } | null)?.error?.code === 'string';
}

async function toHttpError(res: Response): Promise<HttpError> {
  const retry = Number(res.headers.get('retry-after'));
  let code = 'internal';
  let message = '';
  try {
    const body: unknown = await res.json();
    if (isErrorBody(body)) {
      code = body.error.code;
      message = body.error.message;
    }
  } catch {
    /* not JSON (proxy error page) */
  }
  return new HttpError(res.status, code, message, Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null);
}
