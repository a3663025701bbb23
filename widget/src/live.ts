/**
 * Lazy chunk: the live channel. Replies written by people reach the open widget without
 * polling. The widget POSTs (customer token + conversation secret) for a single-use subscribe
 * ticket, then opens the WebSocket it names: no token or secret ever sits in a URL. After every
 * (re)connect it re-reads the history, so a reply sent while it was away is never missed.
 * Open while the conversation is handed off or owned by a person, with the panel open or closed;
 * closed once the assistant answers again. The panel keeps only the trigger (ChatModel.live).
 */
import type { AisleMessage, ConversationResponse } from '../../shared/chat';
import { plainText } from './lib/markdown';
import type { ChatModel, UiMessage } from './state/chat';

const SECRET = 'x-aisle-conversation-secret';
const channels = new WeakMap<ChatModel, Live>();

/** Opens or closes the channel for the model's current state (called on restore, handoff and state events). */
export function sync(model: ChatModel) {
  let live = channels.get(model);
  if (!live) channels.set(model, (live = new Live(model)));
  live.sync(model.st !== 'assistant');
}

const toUi = (m: AisleMessage): UiMessage => ({ id: m.id, role: m.role, parts: m.parts ?? [], author: m.author });
const textOf = (m: UiMessage) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('\n\n');

class Live {
  private ws: WebSocket | null = null;
  private on = false;
  private tries = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private opening = false;

  constructor(private readonly model: ChatModel) {}

  private get ctx() {
    return this.model['ctx'];
  }

  sync(on: boolean) {
    this.on = on && !!this.ctx.conversation.secret();
    if (!this.on) {
      clearTimeout(this.timer);
      this.ws?.close(1000);
      this.ws = null;
    } else if (!this.ws && !this.opening) void this.connect();
  }

  private async connect() {
    const id = this.ctx.conversation.get();
    const secret = this.ctx.conversation.secret();
    if (!this.on || !id || !secret) return;
    this.opening = true;
    try {
      const res = await this.model['authedFetch'](`/conversations/${encodeURIComponent(id)}/live`, { method: 'POST', headers: { [SECRET]: secret } });
      const { url } = (await res.json()) as { url: string };
      if (!this.on) return;
      const target = new URL(url, this.ctx.api || location.href);
      target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = (this.ws = new WebSocket(target));
      ws.onmessage = (e) => this.event(String(e.data));
      ws.onclose = () => {
        if (this.ws === ws) this.ws = null;
        this.retry();
      };
    } catch {
      this.retry();
    } finally {
      this.opening = false;
    }
  }

  private retry() {
    if (!this.on || this.ws) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), Math.min(30_000, 1000 * 2 ** this.tries++));
  }

  /** After a (re)connect: the stored history is the truth (a reply may have come while away). */
  private async reread() {
    const id = this.ctx.conversation.get();
    const secret = this.ctx.conversation.secret();
    if (!id || !secret || this.model.state.streaming) return;
    try {
      const res = await this.model['authedFetch'](`/conversations/${encodeURIComponent(id)}`, { method: 'GET', headers: { [SECRET]: secret } });
      const body = (await res.json()) as ConversationResponse;
      if (this.model.state.streaming || this.ctx.conversation.get() !== id) return;
      // What the panel already shows stays as it is (same elements, no flicker, focus kept):
      // only what was stored after it (a reply sent while away) is appended.
      const shown = this.model.state.messages;
      if (body.messages.length > shown.length) this.model['set']({ messages: [...shown, ...body.messages.slice(shown.length).map(toUi)] });
      if (body.state) this.model.st = body.state;
    } catch {
      // The next reconnect reads it again.
    }
  }

  private event(data: string) {
    let e: { type?: string; message?: AisleMessage; state?: string };
    try {
      e = JSON.parse(data);
    } catch {
      return;
    }
    if (e.type === 'ready') {
      this.tries = 0;
      void this.reread();
    } else if (e.type === 'message' && e.message) {
      const m = toUi(e.message);
      const { messages, announcement, notice } = this.model.state;
      if (messages.some((x) => x.id === m.id)) return;
      // A person's reply is announced in the polite live region with their name.
      const name = (m.author as { name?: string } | undefined)?.name;
      // The held reply (assisted mode) has come: "a person will check it" is over.
      this.model['set']({ messages: [...messages, m], announcement: name ? `${name}: ${plainText(textOf(m))}` : announcement, notice: notice?.code == 'reply_held' ? null : notice });
      // The launcher's unread badge when the panel is closed.
      this.ctx.replied();
    } else if (e.type === 'state' && e.state) {
      this.model.st = e.state;
      this.sync(e.state !== 'assistant');
    }
  }
}
