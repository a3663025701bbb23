/**
 * Lazy chunk: the live channel. Replies written by people reach the open widget without
 * polling. The widget POSTs (customer token + conversation secret) for a single-use subscribe
 * ticket, then opens the WebSocket it names: no token or secret ever sits in a URL. After every
 * (re)connect it re-reads the history, so a reply sent while it was away is never missed.
 * Open while the conversation is handed off or owned by a person (panel open or closed),
 * otherwise only while the panel is open (ChatModel.live decides).
 */
import type { AisleMessage } from '../../shared/chat';
import type { ChatModel } from './state/chat';
import type { PanelContext } from './types';

export class Live {
  private ws: WebSocket | null = null;
  private on = false;
  private tries = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private opening = false;

  constructor(
    private readonly model: ChatModel,
    private readonly ctx: PanelContext,
  ) {}

  sync(on: boolean) {
    this.on = on;
    if (!on) {
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
      const res = await this.model.api(`/conversations/${encodeURIComponent(id)}/live`, { method: 'POST', headers: { 'x-aisle-conversation-secret': secret } });
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

  private event(data: string) {
    let e: { type?: string; message?: AisleMessage; state?: string };
    try {
      e = JSON.parse(data);
    } catch {
      return;
    }
    if (e.type === 'ready') {
      this.tries = 0;
      void this.model.restore(true);
    } else if (e.type === 'message' && e.message) {
      const m = e.message;
      this.model.add({ id: m.id, role: m.role, parts: m.parts, author: m.author });
      // The launcher's unread badge when the panel is closed.
      this.ctx.replied();
    } else if (e.type === 'state' && e.state) this.model.live(e.state);
  }
}
