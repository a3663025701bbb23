import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { consumeLiveTicket, hubFor } from '../live';

/**
 * The WebSocket upgrade of the live channel: `GET /v1/shops/:shop/live?ticket=<subscribe ticket>`.
 * The ticket is single-use and bound to this shop; the Origin must be one of the shop's allowed
 * origins (widget) or the Worker's own (workspace inbox). No customer token ever travels here.
 */
export const liveRoutes = new Hono<AppEnv>();

liveRoutes.get('/live', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError('invalid_request', 'This endpoint is a WebSocket (Upgrade: websocket)');
  const shop = c.get('shop');
  const origin = c.req.header('origin');
  const presented = c.req.query('ticket');
  if (!presented) throw new ApiError('unauthorized', 'A subscribe ticket is needed (POST .../live first)');
  // Checked before the ticket is spent, so a foreign page cannot burn a shopper's ticket.
  const selfOrigin = new URL(c.req.url).origin;
  if (!origin || (!shop.allowedOrigins.includes(origin) && origin !== selfOrigin)) throw new ApiError('origin_not_allowed', 'This origin is not allowed for this shop');
  const row = await consumeLiveTicket(c.env.DB, shop.id, presented);
  if (!row) throw new ApiError('unauthorized', 'Unknown, used or expired subscribe ticket');
  // The inbox is for the workspace only (same origin); a conversation for the shop's pages.
  if (row.scope === 'inbox' ? origin !== selfOrigin : !shop.allowedOrigins.includes(origin)) throw new ApiError('origin_not_allowed', 'This origin is not allowed for this channel');
  const expires = row.identity_expires_at ? Date.parse(row.identity_expires_at) : Date.now() + 12 * 3_600_000;
  if (expires <= Date.now()) throw new ApiError('token_expired', 'The identity behind this ticket has expired');
  const params = new URLSearchParams({ scope: row.scope, expires: String(expires), shop: shop.id });
  const [via, keyId] = row.identity.split(':');
  if (row.scope === 'inbox' && via === 'session' && keyId) params.set('key', keyId);
  if (row.conversation_id) {
    await c.env.DB.prepare('UPDATE conversations SET last_seen_live_at = ? WHERE shop_id = ? AND id = ?').bind(new Date().toISOString(), shop.id, row.conversation_id).run();
  }
  const headers = new Headers(c.req.raw.headers);
  headers.set('x-live-ip', c.req.header('cf-connecting-ip') ?? 'local');
  return hubFor(c.env, row).fetch(new Request(`https://live/connect?${params}`, { headers }));
});
