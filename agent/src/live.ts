import type { ApiClient } from '../../app-kit/src/session';

export interface InboxEvent {
  type: string;
  ticketId?: string;
  conversationId?: string;
  change?: string;
  /** `draft` events (assisted mode, v1.2). */
  draftId?: string;
}

/**
 * The workspace's live inbox: a single-use subscribe ticket (POST, session + CSRF), then a
 * WebSocket. No polling: after every (re)connect the page re-reads what it shows, so an event
 * missed while disconnected is never lost. Reconnects with backoff after a drop.
 */
export function connectInbox(client: ApiClient, handlers: { onEvent: (e: InboxEvent) => void; onStatus: (s: 'live' | 'connecting' | 'offline') => void }) {
  let ws: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function open() {
    if (stopped) return;
    handlers.onStatus('connecting');
    try {
      const { url } = await client.post<{ url: string }>('/live/inbox');
      const target = new URL(url, location.href);
      target.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
      ws = new WebSocket(target);
      ws.onmessage = (m) => {
        try {
          const event = JSON.parse(String(m.data)) as InboxEvent;
          if (event.type === 'ready') {
            attempt = 0;
            handlers.onStatus('live');
          }
          handlers.onEvent(event);
        } catch {
          // Not an event (e.g. "pong").
        }
      };
      ws.onclose = () => retry();
    } catch {
      retry();
    }
  }

  function retry() {
    ws = null;
    if (stopped) return;
    handlers.onStatus('offline');
    const delay = Math.min(30_000, 1000 * 2 ** attempt++);
    timer = setTimeout(open, delay);
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    ws?.close();
  };
}
