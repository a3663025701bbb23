import { nowIso } from '../lib/ids';

/** An agent's public face: the name shoppers see next to replies, and where notices are emailed. */
export interface AgentProfile {
  keyId: string;
  displayName: string;
  email: string | null;
}

interface ProfileRow {
  key_id: string;
  display_name: string;
  email: string | null;
}

const view = (r: ProfileRow): AgentProfile => ({ keyId: r.key_id, displayName: r.display_name, email: r.email });

export async function setAgentProfile(db: D1Database, shopId: string, keyId: string, profile: { displayName: string; email?: string | null }): Promise<AgentProfile> {
  await db
    .prepare(
      `INSERT INTO agent_profiles (key_id, shop_id, display_name, email, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key_id) DO UPDATE SET display_name = excluded.display_name, email = excluded.email`,
    )
    .bind(keyId, shopId, profile.displayName, profile.email ?? null, nowIso())
    .run();
  return { keyId, displayName: profile.displayName, email: profile.email ?? null };
}

export async function getAgentProfile(db: D1Database, shopId: string, keyId: string): Promise<AgentProfile | null> {
  const row = await db.prepare('SELECT key_id, display_name, email FROM agent_profiles WHERE shop_id = ? AND key_id = ?').bind(shopId, keyId).first<ProfileRow>();
  return row ? view(row) : null;
}

/** Every live agent (and admin) key of the shop with its profile; keys without one are named by label. */
export async function listAgents(db: D1Database, shopId: string): Promise<(AgentProfile & { kind: 'agent' | 'admin' })[]> {
  const { results } = await db
    .prepare(
      `SELECT k.id AS key_id, k.kind, COALESCE(p.display_name, k.label, k.kind) AS display_name, p.email
       FROM shop_keys k LEFT JOIN agent_profiles p ON p.key_id = k.id AND p.shop_id = k.shop_id
       WHERE k.shop_id = ? AND k.revoked_at IS NULL ORDER BY k.kind DESC, k.created_at`,
    )
    .bind(shopId)
    .all<ProfileRow & { kind: 'agent' | 'admin' }>();
  return results.map((r) => ({ ...view(r), kind: r.kind }));
}

/** The name a shopper sees for this key: the profile's display name, else a neutral word. */
export async function displayNameFor(db: D1Database, shopId: string, keyId: string): Promise<string> {
  return (await getAgentProfile(db, shopId, keyId))?.displayName ?? 'Support';
}
