import { newId, nowIso } from '../lib/ids';

export type AuditKind = 'turn' | 'tool' | 'guard' | 'handoff' | 'failure' | 'admin' | 'delivery' | 'guest_verify' | 'agent';

export interface AuditEntry {
  shopId: string;
  conversationId?: string | null;
  turnId?: string | null;
  customerId?: string | null;
  kind: AuditKind;
  data: Record<string, unknown>;
}

export const auditStatement = (db: D1Database, e: AuditEntry) =>
  db
    .prepare('INSERT INTO audit_events (id, shop_id, conversation_id, turn_id, kind, customer_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(newId('aud'), e.shopId, e.conversationId ?? null, e.turnId ?? null, e.kind, e.customerId ?? null, JSON.stringify(e.data), nowIso());

export async function listAudit(db: D1Database, shopId: string, conversationId: string) {
  const { results } = await db
    .prepare('SELECT id, turn_id, kind, customer_id, data, created_at FROM audit_events WHERE shop_id = ? AND conversation_id = ? ORDER BY created_at, rowid')
    .bind(shopId, conversationId)
    .all<{ id: string; turn_id: string | null; kind: string; customer_id: string | null; data: string; created_at: string }>();
  return results.map((r) => ({ id: r.id, turnId: r.turn_id, kind: r.kind, customerId: r.customer_id, createdAt: r.created_at, ...JSON.parse(r.data) }));
}

/** Short digest of a tool output for the audit trail: what data was used, without copying it all. */
export async function digest(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value) ?? 'undefined');
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return 'sha256:' + [...new Uint8Array(hash)].slice(0, 12).map((b) => b.toString(16).padStart(2, '0')).join('');
}
