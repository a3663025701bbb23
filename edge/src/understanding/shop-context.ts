import type { OrderRecord } from '../../../shared/order';
import { hasDigit, type Analysis, type ConceptId } from '../language';
import { orderSourceFor, type OrderSourceContext } from '../orders/source';
import { lastReplyOrders, type HistoryMessage } from './follow-up';
import type { ShopContext } from './understand';

/** How many of the customer's newest orders a reference is compared against (one statement). */
const OWN_LIMIT = 50;
/** Titles and headings change when a catalog or a policy is imported: read again after this long. */
const TTL_MS = 60_000;
const MAX_TITLES = 5000;
/** Concepts that make a message worth reading the customer's orders for. */
const ORDER_CUES: ConceptId[] = ['ORDER', 'PARCEL', 'STATUS', 'ARRIVE', 'ORDERED', 'DELAY', 'MISSING'];

const cache = new Map<string, { at: number; productTitles: string[]; productNames: string[]; policyHeadings: string[]; policyTitles: string[] }>();

const sameList = (old: string[] | undefined, next: string[]) => (old && old.length === next.length && old.every((t, i) => t === next[i]) ? old : next);

/**
 * The shop's product titles and policy titles and headings, read once a minute per isolate; and
 * its product names with the tags and option values of more than one word ("2 person", "Dark
 * Oak"), the product words a shopper may name besides a title, as one list (so it is indexed once).
 */
async function shopVocabulary(db: D1Database, shopId: string) {
  const hit = cache.get(shopId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  // One statement for both (a turn's D1 statements are counted, README): `policy` 0 a product title, 1 a policy's.
  const { results } = await db
    .prepare(
      `SELECT * FROM (SELECT 0 AS policy, title, NULL AS heading FROM products WHERE shop_id = ?1 LIMIT ?2)
       UNION ALL
       SELECT * FROM (SELECT 1 AS policy, d.title AS title, p.heading AS heading FROM policy_documents d LEFT JOIN policy_passages p ON p.shop_id = d.shop_id AND p.document_id = d.id WHERE d.shop_id = ?1 LIMIT 2000)
       UNION ALL
       SELECT * FROM (SELECT DISTINCT 2 AS policy, t.value AS title, NULL AS heading FROM products p, json_each(p.data, '$.tags') t WHERE p.shop_id = ?1 AND instr(t.value, ' ') > 0 LIMIT 1000)
       UNION ALL
       SELECT * FROM (SELECT DISTINCT 2 AS policy, o.value AS title, NULL AS heading FROM products p, json_each(p.data, '$.variants') v, json_each(v.value, '$.options') o WHERE p.shop_id = ?1 AND instr(o.value, ' ') > 0 LIMIT 1000)`,
    )
    .bind(shopId, MAX_TITLES)
    .all<{ policy: number; title: string; heading: string | null }>();
  const productTitles = [...new Set(results.filter((r) => r.policy === 0).map((r) => r.title))];
  const policyHeadings = [...new Set(results.filter((r) => r.policy === 1).flatMap((r) => [r.title, ...(r.heading ? [r.heading] : [])]))];
  const policyTitles = [...new Set(results.filter((r) => r.policy === 1).map((r) => r.title))];
  const productNames = [...productTitles, ...new Set(results.filter((r) => r.policy === 2).map((r) => String(r.title)))];
  // Unchanged lists keep their identity, so what is computed once per list (the title index of
  // titles.ts, the heading words of understand.ts) is not rebuilt every minute: that rebuild was
  // the slowest turn of a minute.
  const entry = {
    at: Date.now(),
    productTitles: sameList(hit?.productTitles, productTitles),
    productNames: sameList(hit?.productNames, productNames),
    policyHeadings: sameList(hit?.policyHeadings, policyHeadings),
    policyTitles: sameList(hit?.policyTitles, policyTitles),
  };
  if (cache.size > 200) cache.clear();
  cache.set(shopId, entry);
  return entry;
}

/**
 * The shop context of one turn (see `ShopContext`): the verified customer's own orders (one read
 * of the order source, only when the message holds a digit or a word of `ORDER_CUES`;
 * a failed read leaves the references as typed) and the shop's vocabulary.
 */
export async function loadShopContext(
  ctx: OrderSourceContext & { db: D1Database },
  analysis: Analysis,
  guest: { orderHelp?: boolean; emailRemoved?: boolean } = {},
  history: readonly HistoryMessage[] = [],
): Promise<ShopContext & { orders: OrderRecord[] }> {
  const level = ctx.identity.level;
  // A digit may be a reference; a word for an order or a parcel, or for where, when and arriving,
  // may come with an item of theirs ("my hose reel order", "Wann kommt meine Jacke?").
  // Or the reply before showed their orders: "the hose reel one" answers it.
  // Or a question with a possessive may name an item of theirs: "e o meu monitor?".
  const worth = hasDigit(analysis.text) || ORDER_CUES.some((c) => analysis.has(c)) || lastReplyOrders(history).length > 0 || (analysis.question && analysis.has('POSS'));
  let orders: OrderRecord[] = [];
  if ((level === 'verified' || level === 'order_verified_guest') && worth) {
    orders = await orderSourceFor(ctx)
      .listOrders(OWN_LIMIT)
      .catch(() => []);
  }
  const vocabulary = await shopVocabulary(ctx.db, ctx.shop.id).catch(() => ({ productTitles: [], productNames: [], policyHeadings: [], policyTitles: [] }));
  return {
    identity: level,
    ownOrders: orders,
    orders,
    productTitles: vocabulary.productTitles,
    productNames: vocabulary.productNames,
    policyHeadings: vocabulary.policyHeadings,
    policyTitles: vocabulary.policyTitles,
    guestOrderHelp: guest.orderHelp,
    guestEmailRemoved: guest.emailRemoved,
  };
}
