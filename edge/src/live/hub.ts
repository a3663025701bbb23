import { DurableObject } from 'cloudflare:workers';

/** What each socket remembers across hibernation. */
interface Attachment {
  /** When the identity behind the socket ends (token exp, session expiry); the socket closes then. */
  expiresAt: number;
  ip: string;
  /** For inbox sockets: the session's key, re-checked against D1 (revocation, sign-out). */
  keyId?: string;
  shopId: string;
}

/** Caps: sockets per object (a conversation, or a shop's inbox) and per client IP within it. */
export const MAX_SOCKETS = { conversation: 8, inbox: 50, perIp: 4, perIpInbox: 20 } as const;
/** How often open sockets are re-checked (expiry, a revoked key). */
const CHECK_MS = 30_000;

/**
 * One object per `conv:<shop>:<conversation>` and one per `inbox:<shop>`. D1 stays the record:
 * the object only fans events out to the sockets it holds. It uses the WebSocket hibernation API
 * (ctx.acceptWebSocket), so an idle conversation costs nothing while its sockets stay open.
 * The Worker checks the subscribe ticket and the Origin before it forwards an upgrade here.
 */
export class LiveHub extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alives are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/publish') {
      const event = await request.text();
      let sent = 0;
      for (const ws of this.ctx.getWebSockets()) {
        try {
          ws.send(event);
          sent++;
        } catch {
          // A socket closing right now; its close handler tidies up.
        }
      }
      return Response.json({ sent });
    }
    if (url.pathname === '/close') {
      const keyId = url.searchParams.get('key');
      for (const ws of this.ctx.getWebSockets(keyId ? `key:${keyId}` : undefined)) ws.close(4001, 'revoked');
      return Response.json({ ok: true });
    }
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('expected a WebSocket upgrade', { status: 426 });
    const scope = url.searchParams.get('scope') === 'inbox' ? 'inbox' : 'conversation';
    const ip = request.headers.get('x-live-ip') ?? 'unknown';
    const all = this.ctx.getWebSockets();
    if (all.length >= MAX_SOCKETS[scope]) return new Response('too many live connections for this conversation', { status: 429 });
    if (this.ctx.getWebSockets(`ip:${ip}`).length >= (scope === 'inbox' ? MAX_SOCKETS.perIpInbox : MAX_SOCKETS.perIp)) {
      return new Response('too many live connections from this address', { status: 429 });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    const keyId = url.searchParams.get('key') ?? undefined;
    const attachment: Attachment = {
      expiresAt: Number(url.searchParams.get('expires')) || Date.now() + 3_600_000,
      ip,
      shopId: url.searchParams.get('shop') ?? '',
      ...(keyId ? { keyId } : {}),
    };
    this.ctx.acceptWebSocket(server, [`ip:${ip}`, ...(keyId ? [`key:${keyId}`] : [])]);
    server.serializeAttachment(attachment);
    server.send(JSON.stringify({ type: 'ready', at: new Date().toISOString() }));
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + CHECK_MS);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Closes sockets whose identity ended or whose key was revoked or signed out; then checks again later. */
  override async alarm(): Promise<void> {
    const sockets = this.ctx.getWebSockets();
    const now = Date.now();
    for (const ws of sockets) {
      const a = ws.deserializeAttachment() as Attachment | null;
      if (!a || a.expiresAt <= now) {
        ws.close(4001, 'identity expired');
        continue;
      }
      if (a.keyId) {
        const live = await this.env.DB.prepare(
          `SELECT 1 AS ok FROM shop_keys k WHERE k.id = ? AND k.shop_id = ? AND k.revoked_at IS NULL
             AND EXISTS (SELECT 1 FROM people_sessions s WHERE s.key_id = k.id AND s.expires_at > ?)`,
        )
          .bind(a.keyId, a.shopId, new Date(now).toISOString())
          .first();
        if (!live) ws.close(4001, 'revoked');
      }
    }
    if (this.ctx.getWebSockets().length > 0) await this.ctx.storage.setAlarm(Date.now() + CHECK_MS);
  }

  // The hibernation handlers: all three must exist (vitest-pool-workers 0.15.1 throws silently without them).
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // The channel is one-way (server to client); anything but the auto-answered ping is ignored.
    if (message === 'ping') ws.send('pong');
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    try {
      ws.close(1011, 'error');
    } catch {
      // Already closed.
    }
  }
}
