import type { PolicyDocument } from '../../../shared/catalog';
import { shopToken, stem, tokenize } from '../catalog/text';
import { nowIso } from '../lib/ids';
import { splitPolicy } from './passages';

export interface PolicyWriteResult {
  documents: number;
  passages: number;
}

/** Replaces all policy documents of a shop in one D1 batch (all or nothing). */
export async function replacePolicies(db: D1Database, shopId: string, docs: PolicyDocument[]): Promise<PolicyWriteResult> {
  const now = nowIso();
  const token = shopToken(shopId);
  const statements: D1PreparedStatement[] = [
    db.prepare('DELETE FROM policy_fts WHERE rowid IN (SELECT rowid FROM policy_passages WHERE shop_id = ?)').bind(shopId),
    db.prepare('DELETE FROM policy_passages WHERE shop_id = ?').bind(shopId),
    db.prepare('DELETE FROM policy_documents WHERE shop_id = ?').bind(shopId),
    db.prepare('DELETE FROM policy_terms WHERE shop_id = ?').bind(shopId),
  ];
  const insertDoc = db.prepare('INSERT INTO policy_documents (shop_id, id, title, url, body, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertPassage = db.prepare('INSERT INTO policy_passages (shop_id, id, document_id, position, heading, text) VALUES (?, ?, ?, ?, ?, ?)');
  const df = new Map<string, number>();
  let passageCount = 0;
  for (const doc of docs) {
    statements.push(insertDoc.bind(shopId, doc.id, doc.title, doc.url ?? null, doc.body, doc.updatedAt ?? null, now));
    for (const p of splitPolicy(doc)) {
      statements.push(insertPassage.bind(shopId, p.id, p.documentId, p.position, p.heading ?? null, p.text));
      for (const s of new Set(tokenize(`${doc.title} ${p.heading ?? ''} ${p.text}`).map(stem))) df.set(s, (df.get(s) ?? 0) + 1);
      passageCount++;
    }
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO policy_fts (rowid, shop, heading, text)
         SELECT p.rowid, ?, d.title || ' | ' || coalesce(p.heading, ''), p.text
         FROM policy_passages p JOIN policy_documents d ON d.shop_id = p.shop_id AND d.id = p.document_id
         WHERE p.shop_id = ?`,
      )
      .bind(token, shopId),
    db.prepare('INSERT INTO policy_terms (shop_id, term, df) SELECT ?, key, value FROM json_each(?)').bind(shopId, JSON.stringify(Object.fromEntries(df))),
  );
  await db.batch(statements);
  return { documents: docs.length, passages: passageCount };
}

export interface PolicyListItem {
  id: string;
  title: string;
  url?: string;
  updatedAt?: string;
  passages: number;
}

export async function listPolicies(db: D1Database, shopId: string): Promise<PolicyListItem[]> {
  const { results } = await db
    .prepare(
      `SELECT d.id, d.title, d.url, d.updated_at, (SELECT count(*) FROM policy_passages p WHERE p.shop_id = d.shop_id AND p.document_id = d.id) AS passages
       FROM policy_documents d WHERE d.shop_id = ? ORDER BY d.id`,
    )
    .bind(shopId)
    .all<{ id: string; title: string; url: string | null; updated_at: string | null; passages: number }>();
  return results.map((r) => ({ id: r.id, title: r.title, ...(r.url ? { url: r.url } : {}), ...(r.updated_at ? { updatedAt: r.updated_at } : {}), passages: r.passages }));
}
