import type { PolicyPassage } from '../../../shared/catalog';
import { ftsQuote, isStopWord, shopToken, stem, synonymsOf, tokenize } from '../catalog/text';
import { CONCEPTS, normalizeWord, relatedOf, TOPIC_IDS } from '../language';

export type PolicyHit = PolicyPassage & { score: number };

/** Words of policy questions that name no topic ("what is your policy on...", "is it possible to..."). */
const QUESTION_CONCEPTS = new Set(['POLICY', 'INFO', 'HELP', 'WORK', 'ASKWORD']);
// Names of policy topics ("contact", "shipping"): a shop may title them otherwise ("Customer care",
// "Delivery"), so one its policies never use is no reason to answer nothing.
const TOPIC_NAMES = new Set(TOPIC_IDS.flatMap((t) => t.split(' ')));
/** Words that refer to the shopper's own purchase; a policy need not contain them to answer. */
const NEUTRAL_CONCEPTS = new Set(['ORDER', 'ITEM', 'ORDERED']);

const conceptsOf = (token: string) => CONCEPTS.exactly(normalizeWord(token));
const questionWord = (token: string) => conceptsOf(token).some((c) => QUESTION_CONCEPTS.has(c));
const neutral = (token: string) => conceptsOf(token).some((c) => NEUTRAL_CONCEPTS.has(c));

interface Concept {
  word: string;
  alternatives: string[];
  stems: string[];
}

function concepts(question: string): Concept[] {
  const out: Concept[] = [];
  const seen = new Set<string>();
  for (const token of tokenize(question)) {
    if (token.length < 2 || isStopWord(token) || questionWord(token)) continue;
    const alternatives = [token, ...synonymsOf(token), ...relatedOf(token)];
    const stems = [...new Set(alternatives.filter((a) => !a.includes(' ')).map(stem))];
    if (stems.some((s) => seen.has(s))) continue;
    stems.forEach((s) => seen.add(s));
    out.push({ word: token, alternatives, stems });
  }
  return out.slice(0, 12);
}

/**
 * Passages of a shop's policies that answer a shopper's question, best first. Candidates come
 * from FTS5 BM25 (heading weighted 3x); each is then kept only if it covers at least half of
 * the question, weighing words by how rare they are in the shop's policies. Words that the
 * policies never use count against a passage unless they name the shop's own products, so an
 * unrelated question returns nothing rather than a loosely related passage.
 */
export async function searchPolicies(db: D1Database, shopId: string, question: string, limit = 3, options: SearchOptions = {}): Promise<PolicyHit[]> {
  return (await searchPoliciesMany(db, shopId, [question], limit, options))[0]!;
}

export interface SearchOptions {
  /**
   * Words the policies never use weigh nothing instead of counting against a passage: for a
   * search again by a topic the question is known to be about ("contact"), where the question's
   * other words ("telefone") only rank the topic's passages.
   */
  lenient?: boolean;
}

/**
 * searchPolicies for several questions at once (a handoff ticket looks up the shopper's words and
 * each topic of its category): one `batch` whose passage count, document frequencies and catalog
 * words are shared and whose candidates come in one compound query, so n questions cost 4 statements
 * instead of 4n. Results in question order.
 */
export async function searchPoliciesMany(db: D1Database, shopId: string, questions: string[], limit = 3, options: SearchOptions = {}): Promise<PolicyHit[][]> {
  const asked = questions.map((question) => concepts(question));
  const live = asked.map((cs, i) => ({ cs, i })).filter(({ cs }) => cs.length > 0);
  const out: PolicyHit[][] = questions.map(() => []);
  if (live.length === 0) return out;
  // D1 allows 100 bound parameters per statement.
  const allStems = [...new Set(live.flatMap(({ cs }) => cs.flatMap((c) => c.stems)))].slice(0, 90);
  const words = [...new Set(live.flatMap(({ cs }) => cs.map((c) => c.word)))].slice(0, 90);
  const matchOf = (cs: Concept[]) =>
    `shop : ${ftsQuote(shopToken(shopId))} AND {heading text} : (${cs.flatMap((c) => c.alternatives.map((a) => ftsQuote(tokenize(a).join(' ')))).join(' OR ')})`;
  const marks = (n: number) => Array(n).fill('?').join(', ');
  // Every question's candidates in one statement (the Free plan allows 50 D1 queries per
  // invocation): each question's own top 20 by BM25, tagged with its position.
  const candidatesOf = (k: number) =>
    `SELECT ${k} AS q, * FROM (SELECT pp.id, pp.document_id, pp.heading, pp.text, d.title, d.url, bm25(policy_fts, 0.0, 3.0, 1.0) AS rank
       FROM policy_fts JOIN policy_passages pp ON pp.rowid = policy_fts.rowid
       JOIN policy_documents d ON d.shop_id = pp.shop_id AND d.id = pp.document_id
       WHERE policy_fts MATCH ? AND pp.shop_id = ? ORDER BY rank LIMIT 20)`;
  const [dfRows, countRow, catalogRows, candidateRows] = await db.batch([
    db.prepare(`SELECT term, df FROM policy_terms WHERE shop_id = ? AND term IN (${marks(allStems.length)})`).bind(shopId, ...allStems),
    db.prepare('SELECT count(*) AS n FROM policy_passages WHERE shop_id = ?').bind(shopId),
    db.prepare(`SELECT term FROM catalog_terms WHERE shop_id = ? AND term IN (${marks(words.length)})`).bind(shopId, ...words),
    db.prepare(live.map((_, k) => candidatesOf(k)).join(' UNION ALL ')).bind(...live.flatMap(({ cs }) => [matchOf(cs), shopId])),
  ]);
  const df = new Map((dfRows!.results as { term: string; df: number }[]).map((r) => [r.term, r.df]));
  const total = (countRow!.results[0] as { n: number }).n;
  const catalogWords = new Set((catalogRows!.results as { term: string }[]).map((r) => r.term));
  const byQuestion = live.map((): CandidateRow[] => []);
  for (const row of candidateRows!.results as (CandidateRow & { q: number })[]) byQuestion[row.q]?.push(row);
  // A compound select promises no order across its parts: best rank first, per question.
  live.forEach(({ cs, i }, k) => (out[i] = rankPassages(cs, byQuestion[k]!.sort((a, b) => a.rank - b.rank), df, total, catalogWords, limit, options)));
  return out;
}

interface CandidateRow {
  id: string;
  document_id: string;
  heading: string | null;
  text: string;
  title: string;
  url: string | null;
  rank: number;
}

/**
 * A passage's stemmed words (title and heading, body), kept per isolate: the same few hundred
 * passages of a shop come back turn after turn, and stemming their text on every turn was a
 * visible share of a policy turn's CPU. Keyed by passage id and checked against the text, so an
 * edited policy is read again; bounded, cleared when full.
 */
const stemsOfPassage = new Map<string, { title: string; heading: string | null; text: string; head: Set<string>; body: Set<string> }>();
function passageStems(r: CandidateRow): { head: Set<string>; body: Set<string> } {
  const key = `${r.document_id}\u0000${r.id}`;
  const known = stemsOfPassage.get(key);
  if (known && known.text === r.text && known.title === r.title && known.heading === r.heading) return known;
  const entry = { title: r.title, heading: r.heading, text: r.text, head: new Set(tokenize(`${r.title} ${r.heading ?? ''}`).map(stem)), body: new Set(tokenize(r.text).map(stem)) };
  if (stemsOfPassage.size >= 2000) stemsOfPassage.clear();
  stemsOfPassage.set(key, entry);
  return entry;
}

function rankPassages(cs: Concept[], rows: CandidateRow[], df: Map<string, number>, total: number, catalogWords: Set<string>, limit: number, options: SearchOptions): PolicyHit[] {
  if (rows.length === 0) return [];
  // Above the weight of any word the policies use: half a question about something else is not enough.
  const unknownWeight = options.lenient ? 0 : Math.log(1 + 2 * total);
  const weighted = cs
    .map((c) => {
      const d = Math.max(0, ...c.stems.map((s) => df.get(s) ?? 0));
      // Unknown to the policies: a product name weighs nothing, anything else weighs most.
      const weight = d > 0 ? Math.log(1 + total / d) : catalogWords.has(c.word) || neutral(c.word) || TOPIC_NAMES.has(c.word) ? 0 : unknownWeight;
      return { c, weight };
    })
    .filter((w) => w.weight > 0);
  const totalWeight = weighted.reduce((s, w) => s + w.weight, 0);
  if (totalWeight === 0) return [];
  const bestRank = rows[0].rank;
  const hits = rows.map((r) => {
    const { head, body } = passageStems(r);
    let covered = 0;
    let inHeading = 0;
    for (const { c, weight } of weighted) {
      if (c.stems.some((s) => head.has(s))) (covered += weight), (inHeading += weight);
      else if (c.stems.some((s) => body.has(s))) covered += weight;
    }
    const coverage = covered / totalWeight;
    const bm25 = bestRank < 0 ? Math.min(1, r.rank / bestRank) : 0;
    const score = 10 * coverage + 2 * (inHeading / totalWeight) + 2 * bm25;
    return {
      hit: {
        id: r.id,
        documentId: r.document_id,
        title: r.title,
        ...(r.url ? { url: r.url } : {}),
        ...(r.heading ? { heading: r.heading } : {}),
        text: r.text,
        score: Math.round(score * 1000) / 1000,
      },
      coverage,
    };
  });
  return hits
    .filter((h) => h.coverage >= 0.5)
    .sort((a, b) => b.hit.score - a.hit.score)
    .slice(0, limit)
    .map((h) => h.hit);
}
