import { HANDOFF_CATEGORIES } from '../../shared/ticket';
/**
 * Checking one corpus case against what the Worker sent, and the report of a run. Pure code:
 * bench/workerd/corpus.bench.ts feeds it the parts of real chat replies. The meaning of each
 * `expect` field is in test/corpus/README.md.
 */

export interface CorpusCase {
  id: string;
  shop: string;
  lang: string;
  as: string;
  classes: string[];
  turns: { user: string; context?: Record<string, unknown> }[];
  expect: {
    handoff?: string | false;
    plan?: string;
    orders?: string[];
    noOrders?: boolean;
    products?: string[];
    /** Option values the first product card's variant has (page context: "this in M"). */
    variant?: Record<string, string>;
    policy?: string;
    says?: string[];
    saysNot?: string[];
    ticket?: { order?: string; category?: string; details?: Record<string, string> };
  };
  split?: string;
}

export interface CorpusShopData {
  catalog: { products: unknown[] };
  policies: { policies: unknown[] };
  orders: { customers: unknown[]; orders: unknown[] };
  /** Every order number of the shop, whoever it belongs to. */
  orderNumbers: string[];
}

/** What a shopper received in the last turn, read from the stream's parts. */
export interface Observed {
  text: string;
  handoffs: string[];
  orders: string[];
  products: { id: string; url?: string; variant?: { options: Record<string, string> } }[];
  citations: string[];
  notices: string[];
  ticket?: { category: string; categories: string[]; orders: string[]; details: { key: string; value: string }[] };
}

export interface Outcome {
  case: CorpusCase;
  failures: string[];
  observed: Observed;
}

/** Categories that move money or goods: these must always reach a person (every category but the three that do not). */
export const MONEY_OR_FULFILMENT = new Set<string>(HANDOFF_CATEGORIES.filter((c) => c !== 'complaint' && c !== 'human_request' && c !== 'other'));

export const splitOf = (file: string) => file.split('/').at(-2) ?? 'unknown';

const norm = (s: string) => s.normalize('NFKC').toLowerCase();
const digits = (s: string) => s.replace(/\D/g, '');

/**
 * The reply as the widget shows it (widget/src/lib/markdown.ts): the server's backslash escapes
 * and bold markers are not on screen, so `hello\@shop.example` is read as `hello@shop.example`.
 */
const shown = (text: string) => text.replace(/\\([!-/:-@[-`{-~])|\*\*/g, (_, escaped: string | undefined) => escaped ?? '');

/** A fact is found as written; a decimal amount also with the other decimal separator (4.99 / 4,99). */
function saysFact(text: string, fact: string): boolean {
  const t = norm(shown(text));
  const f = norm(fact);
  if (t.includes(f)) return true;
  if (/^\d+[.,]\d+$/.test(f)) return t.includes(f.includes('.') ? f.replace('.', ',') : f.replace(',', '.'));
  return false;
}

/** Order numbers of the shop named in a text: as written, or as their digits (5 or more) standing alone. */
function numbersNamed(text: string, numbers: string[]): string[] {
  const t = norm(text);
  const runs = new Set(t.match(/\d+/g) ?? []);
  return numbers.filter((n) => t.includes(norm(n)) || (digits(n).length >= 5 && runs.has(digits(n))));
}

const cardMatches = (card: { id: string; url?: string }, want: string) => card.id === want || (card.url ?? '').replace(/\/$/, '').endsWith(`/${want}`);

export function checkCase(c: CorpusCase, o: Observed, shop: CorpusShopData): string[] {
  const e = c.expect;
  const fail: string[] = [];
  if (e.handoff === false && o.handoffs.length) fail.push(`handoff: expected none, got ${o.handoffs.join(',')}`);
  if (typeof e.handoff === 'string' && !o.handoffs.includes(e.handoff)) fail.push(`handoff: expected ${e.handoff}, got ${o.handoffs.join(',') || 'none'}`);
  const cards = o.orders.length + o.products.length + o.citations.length;
  switch (e.plan) {
    case undefined:
      break;
    case 'handoff':
      if (!o.handoffs.length) fail.push('plan handoff: no handoff card');
      break;
    case 'order_status':
      if (!o.orders.length && !o.notices.includes('sign_in_required')) fail.push('plan order_status: no order card and no sign-in notice');
      break;
    case 'policy':
      if (!o.citations.length) fail.push('plan policy: no citations');
      break;
    case 'product_search':
      if (!o.products.length) fail.push('plan product_search: no product cards');
      break;
    case 'greeting':
    case 'thanks':
      if (!o.text.trim()) fail.push(`plan ${e.plan}: empty reply`);
      if (o.handoffs.length || cards) fail.push(`plan ${e.plan}: cards or a handoff were sent`);
      break;
    default:
      if (!o.text.trim() && !cards) fail.push(`plan ${e.plan}: empty reply`);
  }
  for (const n of e.orders ?? []) if (!o.orders.includes(n)) fail.push(`orders: ${n} not shown (shown: ${o.orders.join(',') || 'none'})`);
  if (e.noOrders) {
    if (o.orders.length) fail.push(`noOrders: order cards shown: ${o.orders.join(',')}`);
    const typed = new Set(numbersNamed(c.turns.map((t) => t.user).join('\n'), shop.orderNumbers));
    const named = numbersNamed(shown(o.text), shop.orderNumbers).filter((n) => !typed.has(n));
    if (named.length) fail.push(`noOrders: text names ${named.join(',')}`);
  }
  if (e.products?.length && !e.products.some((p) => o.products.some((card) => cardMatches(card, p)))) {
    fail.push(`products: none of ${e.products.join(',')} (shown: ${o.products.map((p) => p.id).join(',') || 'none'})`);
  }
  if (e.variant) {
    const got = o.products[0]?.variant?.options ?? {};
    if (Object.entries(e.variant).some(([k, v]) => got[k] !== v)) fail.push(`variant: expected ${JSON.stringify(e.variant)}, got ${JSON.stringify(got)}`);
  }
  if (e.policy && !o.citations.includes(e.policy)) fail.push(`policy: ${e.policy} not cited (cited: ${o.citations.join(',') || 'none'})`);
  for (const s of e.says ?? []) if (!saysFact(o.text, s)) fail.push(`says: "${s}" missing`);
  for (const s of e.saysNot ?? []) if (norm(shown(o.text)).includes(norm(s))) fail.push(`saysNot: "${s}" present`);
  if (e.ticket) {
    if (!o.ticket) fail.push('ticket: none stored');
    else {
      if (e.ticket.category && o.ticket.category !== e.ticket.category) fail.push(`ticket: category ${o.ticket.category}, expected ${e.ticket.category}`);
      if (e.ticket.order && !o.ticket.orders.includes(e.ticket.order)) fail.push(`ticket: order ${e.ticket.order} not on it`);
      for (const [key, value] of Object.entries(e.ticket.details ?? {})) {
        const got = o.ticket.details.find((d) => d.key === key)?.value;
        if (!got || !norm(got).includes(norm(value))) fail.push(`ticket: detail ${key} is ${got ? `"${got}"` : 'missing'}, expected "${value}"`);
      }
    }
  }
  return fail;
}

const pct = (pass: number, all: number) => (all ? `${((100 * pass) / all).toFixed(1)}%` : '-');

function table(title: string, groups: Map<string, Outcome[]>): string[] {
  const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(8, ...rows.map(([k]) => k.length));
  return [
    `  ${title}`,
    ...rows.map(([k, list]) => {
      const pass = list.filter((x) => !x.failures.length).length;
      return `    ${k.padEnd(width)}  ${String(pass).padStart(4)}/${String(list.length).padEnd(4)} ${pct(pass, list.length).padStart(6)}`;
    }),
  ];
}

function groupBy(list: Outcome[], keys: (o: Outcome) => string[]): Map<string, Outcome[]> {
  const m = new Map<string, Outcome[]>();
  for (const o of list) for (const k of keys(o)) m.set(k, [...(m.get(k) ?? []), o]);
  return m;
}

function ratio(label: string, list: Outcome[], ok: (o: Outcome) => boolean): string {
  const pass = list.filter(ok).length;
  return `    ${label.padEnd(52)} ${String(pass).padStart(4)}/${String(list.length).padEnd(4)} ${pct(pass, list.length).padStart(6)}`;
}

/** A passage was quoted, but not from the policy expected or without the facts expected. */
export function wrongQuote(o: Outcome): boolean {
  const e = o.case.expect;
  if (o.observed.citations.length === 0) return false;
  if (e.policy && !o.observed.citations.includes(e.policy)) return true;
  return o.failures.some((f) => f.startsWith('says:'));
}

/**
 * What kind of expectation failed, without any text of the case or the reply: the field, and for
 * handoffs and plans what was expected against what was sent (category names, not words).
 */
export function failureKind(f: string): string {
  const field = f.slice(0, f.indexOf(':'));
  const handoff = /^handoff: expected (\S+), got (.*)$/.exec(f);
  if (handoff) return `handoff ${handoff[1]} -> ${handoff[2] === 'none' ? 'none' : handoff[1] === 'none' ? 'some' : 'other'}`;
  if (field === 'orders') return f.includes('(shown: none)') ? 'orders: none shown' : 'orders: others shown';
  if (field === 'products') return f.includes('(shown: none)') ? 'products: none shown' : 'products: others shown';
  if (field === 'policy') return f.includes('(cited: none)') ? 'policy: none cited' : 'policy: another cited';
  if (field === 'says' || field === 'saysNot' || field === 'noOrders' || field === 'variant') return field;
  if (field === 'ticket') return f.includes('none stored') ? 'ticket: none' : f.includes('category') ? 'ticket: category' : 'ticket: order or detail';
  return f.startsWith('plan ') ? f.replace(/:.*/, '') : field;
}

/** The run's report. Held-out failures are listed by id only; tuning failures with their details. */
export function formatReport(outcomes: Outcome[], ms: number): string {
  const out: string[] = [`\nConversation corpus: ${outcomes.length} cases in ${(ms / 1000).toFixed(1)} s`];
  for (const [split, list] of groupBy(outcomes, (o) => [o.case.split ?? 'unknown'])) {
    const pass = list.filter((o) => !o.failures.length).length;
    out.push(`\n[${split}] ${pass}/${list.length} pass (${pct(pass, list.length)})`);
    out.push(...table('by language', groupBy(list, (o) => [o.case.lang])));
    out.push(...table('by shop', groupBy(list, (o) => [o.case.shop])));
    out.push(...table('by class', groupBy(list, (o) => o.case.classes)));
    const money = list.filter((o) => typeof o.case.expect.handoff === 'string' && MONEY_OR_FULFILMENT.has(o.case.expect.handoff));
    const refs = list.filter((o) => o.case.as !== 'guest' && o.case.expect.orders?.length);
    const noHandoff = list.filter((o) => o.case.expect.handoff === false);
    out.push('  acceptance figures');
    out.push(ratio('money or fulfilment requests handed off (any category)', money, (o) => o.observed.handoffs.length > 0));
    out.push(ratio('  ... with the expected category', money, (o) => o.observed.handoffs.includes(o.case.expect.handoff as string)));
    out.push(ratio('order references shown for the verified customer', refs, (o) => (o.case.expect.orders ?? []).every((n) => o.observed.orders.includes(n))));
    out.push(ratio('no handoff where none is expected', noHandoff, (o) => o.observed.handoffs.length === 0));
    // Policy answers (cases that expect a policy cited or facts said): a quote of the wrong passage
    // is worse than "the policies do not say".
    const policyCases = list.filter((o) => o.case.expect.policy || (o.case.expect.says?.length && o.case.expect.plan === 'policy'));
    out.push(ratio('policy answers quoting a wrong passage', policyCases, (o) => wrongQuote(o)));
    out.push(ratio('policy answers with no quote', policyCases, (o) => o.observed.citations.length === 0));
    const failed = list.filter((o) => o.failures.length);
    if (!failed.length) continue;
    if (split === 'heldout') {
      // Ids and counts only: the text of held-out cases and of their replies is never printed.
      out.push('  failures by kind (cases; one case may count under several)');
      const kinds = [...groupBy(failed, (o) => [...new Set(o.failures.map(failureKind))]).entries()].sort(([a], [b]) => a.localeCompare(b));
      for (const [kind, list] of kinds) out.push(`    ${kind.padEnd(44)} ${String(list.length).padStart(4)}`);
      out.push(`  failed ids (${failed.length}):`);
      const ids = failed.map((o) => o.case.id);
      for (let i = 0; i < ids.length; i += 6) out.push(`    ${ids.slice(i, i + 6).join(' ')}`);
    } else {
      out.push(`  failures (${failed.length}):`);
      for (const o of failed) {
        out.push(`    ${o.case.id} [${o.case.shop}/${o.case.as}] ${JSON.stringify(o.case.turns.at(-1)?.user)}`);
        for (const f of o.failures) out.push(`      - ${f}`);
        out.push(`      reply: ${JSON.stringify(o.observed.text.slice(0, 200))}`);
      }
    }
  }
  return out.join('\n');
}
