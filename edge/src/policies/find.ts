import type { PolicyPassage } from '../../../shared/catalog';
import { resolveUrl } from '../catalog/cards';
import { searchPolicies, type SearchOptions } from './search';

/**
 * The passages of the shop's policies that best match a question, their links resolved for the
 * storefront. A query: no side effects; the caller cites what it quotes.
 */
export async function findPassages(db: D1Database, shopId: string, question: string, publicOrigin: string, limit = 3, options: SearchOptions = {}): Promise<PolicyPassage[]> {
  const hits = await searchPolicies(db, shopId, question, limit, options);
  return hits.map(({ score: _score, ...p }) => ({ ...p, ...(p.url ? { url: resolveUrl(p.url, publicOrigin) } : {}) }));
}

/** The citation of a passage, as a `data-citations` card lists it. */
export const citationOf = (p: PolicyPassage) => ({ documentId: p.documentId, passageId: p.id, title: p.title, ...(p.url ? { url: p.url } : {}) });
