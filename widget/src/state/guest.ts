import type { VerifyOrderResponse } from '../../../shared/guest';
import type { PanelContext } from '../types';

/**
 * Talks to verify-order for the guest form (lazy chunk). What the shopper types goes in this
 * request's body only: never into the chat, the transcript or an event. The conversation's
 * server-issued secret binds the grant; without one (no turn yet) there is nothing to bind to.
 */
export type GuestAnswer = Partial<Omit<VerifyOrderResponse, 'state' | 'text'>> & { state: VerifyOrderResponse['state'] | 'error'; text: string };

export async function postVerification(ctx: PanelContext, path: '' | '/code', body: Record<string, string>, fallback: string): Promise<GuestAnswer> {
  const id = ctx.conversation.get();
  const secret = ctx.conversation.secret();
  if (!id || !secret) return { state: 'error', text: fallback };
  try {
    const res = await (ctx.fetch ?? globalThis.fetch)(`${ctx.api}/v1/shops/${encodeURIComponent(ctx.shop)}/conversations/${encodeURIComponent(id)}/verify-order${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-aisle-conversation-secret': secret },
      body: JSON.stringify({ ...body, locale: ctx.locale }),
    });
    const json = (await res.json().catch(() => null)) as (VerifyOrderResponse & { error?: { message?: string } }) | null;
    if (res.ok && json?.state) return json;
    // Lockouts (429) carry a message written for the shopper; anything else gets the generic line.
    return { state: res.status === 429 ? 'locked' : 'error', text: (res.status === 429 && json?.error?.message) || fallback };
  } catch {
    return { state: 'error', text: fallback };
  }
}
