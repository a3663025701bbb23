import { LOCALES, type HandoffPart, type Locale } from '../../../shared/chat';
import { TICKET_SCHEMA_VERSION, Ticket, normalizeReference, upgradeTicket, type HandoffCategory, type TicketStatus } from '../../../shared/ticket';
import type { Turn } from '../turn';
import { auditStatement } from '../audit/log';
import { newId, nowIso } from '../lib/ids';
import type { ShopRecord } from '../shops/store';
import { toOrderCard } from '../orders/card';
import { enqueueEvent, newEventId, outboxInsert } from './outbox';
import { newTicketReference } from './reference';
import { ticketChanged } from '../live';
import { queueMail } from '../mail';
import { handoffWording, nextStepsText, suggestedReplyDraft } from './wording';
import { analyse } from '../language';
import { searchPoliciesMany } from '../policies/search';
import type { OrderRecord } from '../../../shared/order';
import { CATEGORY_POLICY_CONCEPTS, CATEGORY_POLICY_TOPICS, categoryAtStage, conceptQuery, planTicket, type TicketPlan } from './details';
import { scopeOrders, type OrderScope } from './scope';

export interface HandoffRequest {
  /** Every category found; the first is the primary one (and the dedupe key). */
  categories: HandoffCategory[];
  requestedAction: string;
  source: Ticket['source'];
  /** The exact sentence the shopper was (or is about to be) told. */
  toldShopper: string;
  riskFlags?: string[];
  priority?: Ticket['priority'];
  language: string;
  summary?: string;
  /**
   * Which open ticket of the conversation is reused: one of the same primary category (default),
   * or any (the model's handOff, and a guard handoff in a turn where the model already opened one).
   */
  reuse?: 'category' | 'conversation';
}

const URGENT_CATEGORIES: HandoffCategory[] = ['payment_problem', 'damaged_or_wrong_item', 'delivery_problem', 'complaint'];
const LINE_CHARS = 280;
const PASSAGE_CHARS = 600;
/** At most this many policy passages on a ticket: the turn's own first, then the category's. */
const POLICY_PASSAGES = 4;

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
};

const LEVEL_TEXT: Record<Ticket['customer']['level'], string> = {
  verified: 'verified customer',
  order_verified_guest: 'order-verified guest',
  guest: 'guest, not verified',
};

/**
 * The ticket's summary: facts, not the transcript. Who (identity level), which order and its
 * state, the request and its details, what the shopper was told and what the policy says.
 */
function factSummary(input: {
  customer: Ticket['customer'];
  orders: Ticket['orders'];
  category: HandoffCategory;
  requestedAction: string;
  details: Ticket['details'];
  told: string;
  passages: Ticket['policyPassages'];
  openQuestion: string | null;
  note?: string;
}): string {
  const who = input.customer.name ? `${input.customer.name} (${LEVEL_TEXT[input.customer.level]})` : LEVEL_TEXT[input.customer.level];
  const orders = input.orders.length
    ? input.orders.map((o) => `${o.number}, ${o.stage.replace(/_/g, ' ')}${o.items.length ? ` (${o.items.map((i) => `${i.quantity} × ${i.name}${i.options ? `, ${i.options}` : ''}`).join('; ')})` : ''}`).join(' | ')
    : 'not identified';
  const lines = [
    `Customer: ${who}`,
    `Order${input.orders.length > 1 ? 's' : ''}: ${orders}`,
    `Request: ${input.category.replace(/_/g, ' ')}: ${clip(input.requestedAction, LINE_CHARS)}`,
    ...(input.details.length ? [`Details: ${input.details.map((d) => `${d.label}: ${d.value}`).join('; ')}`] : []),
    ...(input.openQuestion ? [`Asked the shopper: ${input.openQuestion}`] : []),
    `Told the shopper: ${clip(input.told, 600)}`,
    ...(input.passages.length ? [`Policy: ${input.passages.map((p) => `${p.title}: “${clip(p.text, 200)}”`).join(' | ')}`] : ['Policy: no passage of the shop covers this']),
    ...(input.note ? [`Assistant's note: ${clip(input.note, 400)}`] : []),
  ];
  return lines.join('\n');
}

interface TicketRow {
  id: string;
  data: string;
  status: TicketStatus;
  assignee: string | null;
  updated_at: string;
  reference: string;
}

const TICKET_COLUMNS = 'id, data, status, assignee, updated_at, reference';

/** The stored ticket, upgraded to the current schema, with the columns agents can change applied over its JSON. */
function fromRow(row: TicketRow): Ticket {
  return { ...upgradeTicket(JSON.parse(row.data), row.reference), status: row.status, assignee: row.assignee, updatedAt: row.updated_at };
}

/** Finds a ticket of this shop by its short reference (already normalised, see `normalizeReference`). */
export async function findTicketByReference(db: D1Database, shopId: string, reference: string): Promise<Ticket | null> {
  const row = await db.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE shop_id = ? AND reference = ?`).bind(shopId, reference).first<TicketRow>();
  return row ? fromRow(row) : null;
}

async function findOpenTicket(db: D1Database, shopId: string, conversationId: string, category: HandoffCategory | null): Promise<Ticket | null> {
  const row = await db
    .prepare(
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE shop_id = ?1 AND conversation_id = ?2 AND (?3 IS NULL OR category = ?3) AND status IN ('open', 'pending') ORDER BY created_at LIMIT 1`,
    )
    .bind(shopId, conversationId, category)
    .first<TicketRow>();
  return row ? fromRow(row) : null;
}

/**
 * Builds the ticket from verified data only and stores it together with its `ticket.created`
 * outbox event in one batch, before anyone tells the shopper it exists. The customer comes from
 * the turn's verified identity; orders from this turn's verified reads of the customer's own
 * orders; policy passages from what the turn retrieved. The same conversation and primary
 * category return the existing open ticket (`created: false`).
 */
export async function createHandoffTicket(turn: Turn, request: HandoffRequest): Promise<{ ticket: Ticket; created: boolean; plan?: TicketPlan }> {
  const asked = [...new Set(request.categories)];
  if (asked.length === 0) throw new Error('createHandoffTicket needs at least one category');
  const shopId = turn.shop.id;
  const locale = toLocale(request.language);
  // The references as the turn read them for this customer ("20958" is their "HG-20958").
  const typed = analyse(turn.text);
  const analysis = turn.orderNumbers ? typed.withOrderNumbers(turn.orderNumbers) : typed;
  // The orders the request fits (a return: the delivered one holding the item) ...
  const scope = await orderScope(turn, analysis, asked[0]);
  // ... and their stage can make the request another category (an exchange before shipping is an order change).
  const category = categoryAtStage(asked[0], scope);
  const categories = [category, ...asked.filter((c) => c !== category)];
  const toldShopper = category !== asked[0] && request.toldShopper === handoffWording(asked[0], locale) ? handoffWording(category, locale) : request.toldShopper;

  const existing = await findOpenTicket(turn.db, shopId, turn.conversationId, request.reuse === 'conversation' ? null : category);
  if (existing) {
    // The same request again while the ticket is open: it joins the ticket as a note the agent
    // sees. A ticket filed without an order gets the one this message settles (the answer to
    // "which order is this about?"), with a `ticket.updated` event.
    if (turn.dryRun) return { ticket: existing, created: false };
    // An order the shopper names now that the ticket does not hold joins it (the ticket's order may
    // have been inferred: "the only order at a stage the request fits").
    const named = scope.how === 'named' && scope.orders.length === 1 && !existing.orders.some((o) => o.number === scope.orders[0].number);
    const settled = existing.orders.length === 0 || named ? await attachOrder(turn, existing, scope) : null;
    await noteShopperRequest(turn, settled ?? existing);
    return { ticket: settled ?? existing, created: false };
  }

  const identity = turn.identity;
  const verified = identity.level === 'verified' ? identity : null;
  const plan = planTicket(category, scope, analysis, locale);
  // The reply states where this order stands: the order is what the turn showed, for the audit and for the guard.
  if (plan.reality && scope.orders.length === 1 && !turn.evidence.orders.some((o) => o.number === scope.orders[0].number)) {
    turn.evidence.orders.push(toOrderCard(scope.orders[0], locale));
  }
  const orders = scope.orders.length > 0 ? scope.orders.map(ticketOrder) : turnOrders(turn);
  const policyPassages = await attachedPassages(turn, category);
  const riskFlags = [...new Set([...(request.riskFlags ?? []), ...(verified || identity.level === 'order_verified_guest' ? [] : ['unverified_customer'])])];
  const now = nowIso();
  const told = [toldShopper, plan.reality, plan.ask].filter(Boolean).join(' ');
  const customer: Ticket['customer'] = {
    level: verified ? 'verified' : identity.level === 'order_verified_guest' ? 'order_verified_guest' : 'guest',
    id: verified?.id ?? null,
    name: verified?.name ?? null,
    email: verified?.email ?? null,
  };
  const requestedAction = clip(request.requestedAction, 300);

  const draft = Ticket.parse({
    schemaVersion: TICKET_SCHEMA_VERSION,
    id: newId('tkt', 16),
    reference: newTicketReference(),
    order: orders[0]?.number ?? null,
    details: plan.details,
    shop: shopId,
    conversationId: turn.conversationId,
    createdAt: now,
    updatedAt: now,
    status: 'open',
    assignee: null,
    category,
    categories,
    customer,
    requestedAction,
    orders,
    policyPassages,
    summary: factSummary({ customer, orders, category, requestedAction, details: plan.details, told, passages: policyPassages, openQuestion: plan.ask, note: request.summary }),
    latestMessage: clip(turn.text, 2000),
    toldShopper: told,
    suggestedReply: suggestedReplyDraft({
      category,
      locale,
      name: verified?.name ?? null,
      orderNumber: orders[0]?.number ?? null,
      shopName: turn.shop.name,
      details: plan.details.map((d) => d.value),
      reality: plan.reality,
      passage: policyPassages[0] ?? null,
    }),
    language: request.language,
    priority: request.priority ?? (categories.some((c) => URGENT_CATEGORIES.includes(c)) ? 'high' : 'normal'),
    riskFlags,
    source: request.source,
  } satisfies Ticket);

  // A test question: what would have been filed is recorded, nothing is stored or sent.
  if (turn.dryRun) {
    turn.dryRun.handoffs.push(categories);
    return { ticket: draft, created: true, plan };
  }
  const eventId = newEventId();
  const db = turn.db;
  let ticket = draft;
  for (let attempt = 0; ; attempt++) {
    const [inserted] = await db.batch<{ id: string }>([
      // ON CONFLICT DO NOTHING: a concurrent identical request loses to the first ticket (unique
      // index); so does a reference another ticket of this shop already has (drawn again below).
      // RETURNING answers whether this row went in, without a read of its own.
      db
        .prepare(
          'INSERT INTO tickets (id, shop_id, conversation_id, category, status, assignee, customer_id, data, created_at, updated_at, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id',
        )
        .bind(ticket.id, shopId, ticket.conversationId, category, ticket.status, null, ticket.customer.id, JSON.stringify(ticket), now, now, ticket.reference),
      outboxInsert(db, eventId, 'ticket.created', ticket, now),
      // Issue 16: a stored ticket hands the conversation off (a person will answer). In the same
      // batch, and only when this ticket went in.
      db
        .prepare("UPDATE conversations SET state = 'handed_off' WHERE shop_id = ? AND id = ? AND state = 'assistant' AND EXISTS (SELECT 1 FROM tickets WHERE shop_id = ? AND id = ?)")
        .bind(shopId, turn.conversationId, shopId, ticket.id),
    ]);
    if (inserted.results.length > 0) break;
    const winner = await findOpenTicket(db, shopId, turn.conversationId, category);
    if (winner) return { ticket: winner, created: false };
    if (attempt >= 3) throw new Error('Ticket was not stored');
    ticket = { ...ticket, reference: newTicketReference() };
  }
  await auditStatement(db, {
    shopId,
    conversationId: turn.conversationId,
    turnId: turn.turnId,
    customerId: ticket.customer.id,
    kind: 'handoff',
    data: { ticketId: ticket.id, category, categories, source: request.source, priority: ticket.priority, eventId },
  })
    .run()
    .catch((err) => console.warn('handoff audit write failed', (err as Error).message));
  await enqueueEvent(turn.env, eventId);
  await afterTicketCreated(turn, ticket);
  turn.draftReply?.(ticket);
  return { ticket, created: true, plan };
}

/**
 * Issue 16: a stored ticket (which handed the conversation off in its own batch; the assistant
 * still answers ordinary questions) reaches every open workspace inbox live, and optionally emails
 * the shop's agents (no ticket content). None of it may undo the handoff: failures are logged.
 */
async function afterTicketCreated(turn: Turn, ticket: Ticket) {
  const { env } = turn;
  try {
    await ticketChanged(env, turn.shop.id, ticket.id, turn.conversationId, 'created');
    if (turn.shop.settings.support.emailAgentsOnNewTicket) await mailAgentsNewTicket(env, turn.shop, ticket);
  } catch (err) {
    console.warn('after-handoff work failed', (err as Error).message);
  }
}

/**
 * Puts the one order this message settles (named, holding a named item, or the one the previous
 * reply showed; see `scopeOrders`) on an open ticket that has none, or beside the ticket's own when
 * the shopper names another, in one batch with its audit record and
 * `ticket.updated` event, only if the ticket has not changed meanwhile. Null when the
 * message settles no single order or the write did not happen; the ticket is then left as it was.
 */
async function attachOrder(turn: Turn, ticket: Ticket, scope: OrderScope): Promise<Ticket | null> {
  if (scope.orders.length !== 1) return null;
  const orders = [...ticket.orders, ...scope.orders.map(ticketOrder)];
  const now = nowIso();
  const note = ticket.summary.split('\n').find((l) => l.startsWith("Assistant's note: "))?.slice("Assistant's note: ".length);
  const next = Ticket.parse({
    ...ticket,
    order: orders[0]!.number,
    orders,
    updatedAt: now,
    summary: factSummary({ customer: ticket.customer, orders, category: ticket.category, requestedAction: ticket.requestedAction, details: ticket.details, told: ticket.toldShopper, passages: ticket.policyPassages, openQuestion: null, note }),
  } satisfies Ticket);
  const eventId = newEventId();
  try {
    const [change] = await turn.db.batch([
      turn.db.prepare('UPDATE tickets SET data = ?, updated_at = ? WHERE shop_id = ? AND id = ? AND updated_at = ?').bind(JSON.stringify(next), now, ticket.shop, ticket.id, ticket.updatedAt),
      auditStatement(turn.db, {
        shopId: ticket.shop,
        conversationId: ticket.conversationId,
        turnId: turn.turnId,
        customerId: ticket.customer.id,
        kind: 'handoff',
        data: { action: 'ticket.updated', ticketId: ticket.id, actor: 'shopper', to: { orders: orders.map((o) => o.number) }, eventId },
      }),
      outboxInsert(turn.db, eventId, 'ticket.updated', next, now, { whenUpdatedAt: now }),
    ]);
    if (!change!.meta.changes) return null;
  } catch (err) {
    console.warn('ticket order not attached', ticket.id, (err as Error).message);
    return null;
  }
  await enqueueEvent(turn.env, eventId);
  return next;
}

/** A repeated or new money request on an open ticket: stored as a note (the shopper's words, for the agent only). */
export async function noteShopperRequest(turn: Pick<Turn, 'env' | 'db' | 'shop' | 'conversationId' | 'text'>, ticket: Pick<Ticket, 'id'>) {
  try {
    await turn.db
      .prepare('INSERT INTO ticket_notes (id, shop_id, ticket_id, conversation_id, author_key_id, body, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)')
      .bind(newId('note'), turn.shop.id, ticket.id, turn.conversationId, `Shopper asked again: ${clip(turn.text, 1000)}`, nowIso())
      .run();
    await ticketChanged(turn.env, turn.shop.id, ticket.id, turn.conversationId, 'note');
  } catch (err) {
    console.warn('ticket note failed', (err as Error).message);
  }
}

async function mailAgentsNewTicket(env: Env, shop: ShopRecord, ticket: Ticket) {
  const { results } = await env.DB.prepare(
    'SELECT p.email FROM agent_profiles p JOIN shop_keys k ON k.id = p.key_id AND k.shop_id = p.shop_id WHERE p.shop_id = ? AND p.email IS NOT NULL AND k.revoked_at IS NULL',
  )
    .bind(shop.id)
    .all<{ email: string }>();
  for (const { email } of results) {
    await queueMail(env, shop.id, {
      to: email,
      subject: `[${shop.name}] New ticket ${ticket.reference}`,
      text: `A new ${ticket.category.split('_').join(' ')} ticket (${ticket.reference}) is waiting in ${shop.name}'s agent workspace.\n\nIts content is only shown in the workspace (sign-in needed).`,
    }).catch((err) => console.warn('new-ticket mail not queued', (err as Error).message));
  }
}

type TicketOrder = Ticket['orders'][number];

const ticketOrder = (o: OrderRecord): TicketOrder => ({
  number: o.number,
  status: o.status ?? o.stage,
  stage: o.stage,
  items: o.items.map((i) => {
    const options = Object.entries(i.options ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    return { name: i.name, quantity: i.quantity, ...(options ? { options } : {}) };
  }),
});

/**
 * The orders the request is about (handoff/scope.ts), read through the order source bound to
 * this turn's customer. A failing source leaves the scope empty rather than blocking the handoff.
 */
async function orderScope(turn: Turn, analysis: ReturnType<typeof analyse>, category: HandoffCategory): Promise<OrderScope> {
  try {
    return await scopeOrders(turn, analysis, category);
  } catch (err) {
    console.warn('handoff: could not read the orders concerned', (err as Error).message);
    return { orders: [], how: 'none', items: [], question: null };
  }
}

/** When the scope found none: the one order this turn showed the shopper, if it showed exactly one. */
function turnOrders(turn: Turn): TicketOrder[] {
  const shown = dedupeBy(turn.evidence.orders, (o) => o.number);
  if (shown.length !== 1) return [];
  return shown.map((o) => ({
    number: o.number,
    status: o.status,
    stage: o.stage,
    items: o.items.map((i) => ({ name: i.name, quantity: i.quantity, ...(i.options ? { options: i.options } : {}) })),
  }));
}

/**
 * The policy passages a person needs: those this turn retrieved, then the shop's own passages on
 * the category's topics (returns for a return, cancellation for a cancellation...), by id and text.
 */
async function attachedPassages(turn: Turn, category: HandoffCategory): Promise<Ticket['policyPassages']> {
  const found = [...turn.evidence.passages];
  // The shopper's own words find the shop's page on their case ("arrived broken" finds the
  // damaged-items page); each topic of the category finds its own (exchanges, cancellation...).
  const queries = [turn.text, ...CATEGORY_POLICY_TOPICS[category], ...(CATEGORY_POLICY_CONCEPTS[category] ?? []).map((c) => conceptQuery(c, turn.locale))];
  // One batch for every query (the Free plan allows 50 D1 queries per invocation).
  try {
    for (const [best] of await searchPoliciesMany(turn.db, turn.shop.id, queries, 1)) {
      if (best) found.push({ id: best.id, documentId: best.documentId, title: best.title, text: best.text, ...(best.url ? { url: best.url } : {}) });
    }
  } catch (err) {
    console.warn('handoff: could not search the policies', (err as Error).message);
  }
  return dedupeBy(found, (p) => p.id)
    .slice(0, POLICY_PASSAGES)
    .map((p) => ({ documentId: p.documentId, passageId: p.id, title: p.title, text: clip(p.text, PASSAGE_CHARS) }));
}

function dedupeBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

const toLocale = (language: string): Locale => {
  const base = language.toLowerCase().slice(0, 2);
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
};

/** The card the widget shows after a handoff. */
export function handoffPart(ticket: Ticket, shop: ShopRecord, locale: Locale): HandoffPart {
  return {
    ticketId: ticket.id,
    category: ticket.category,
    nextSteps: nextStepsText(ticket.id, Boolean(ticket.customer.email), locale),
    expectedReply: shop.settings.support.expectedReply,
    reference: ticket.reference,
    ...(ticket.order ? { order: ticket.order } : {}),
  };
}

export { handoffWording };

// --- Agent-side reads and updates ---

export async function getTicket(db: D1Database, shopId: string, id: string): Promise<Ticket | null> {
  const row = await db.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE shop_id = ? AND id = ?`).bind(shopId, id).first<TicketRow>();
  return row ? fromRow(row) : null;
}

export async function listTickets(
  db: D1Database,
  shopId: string,
  query: { status?: TicketStatus; category?: HandoffCategory; since?: string; reference?: string; limit: number },
): Promise<Ticket[]> {
  const where = ['shop_id = ?'];
  const values: unknown[] = [shopId];
  if (query.reference !== undefined) {
    const reference = normalizeReference(query.reference);
    if (!reference) return [];
    where.push('reference = ?'), values.push(reference);
  }
  if (query.status) where.push('status = ?'), values.push(query.status);
  if (query.category) where.push('category = ?'), values.push(query.category);
  if (query.since) where.push('created_at >= ?'), values.push(new Date(query.since).toISOString());
  const { results } = await db
    .prepare(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE ${where.join(' AND ')} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
    .bind(...values, query.limit)
    .all<TicketRow>();
  return results.map(fromRow);
}

/**
 * Applies an agent's change, records it in the audit trail and emits `ticket.updated` through
 * the outbox, all in one batch. Returns null for a ticket this shop does not have.
 */
export async function updateTicket(
  env: Env,
  shopId: string,
  id: string,
  change: { status?: TicketStatus; assignee?: string | null },
  actor: string,
): Promise<Ticket | null> {
  const db = env.DB;
  const current = await getTicket(db, shopId, id);
  if (!current) return null;
  const now = nowIso();
  const next: Ticket = Ticket.parse({
    ...current,
    status: change.status ?? current.status,
    assignee: change.assignee === undefined ? current.assignee : change.assignee,
    updatedAt: now,
  });
  const eventId = newEventId();
  try {
    await db.batch([
      db
        .prepare('UPDATE tickets SET status = ?, assignee = ?, data = ?, updated_at = ? WHERE shop_id = ? AND id = ?')
        .bind(next.status, next.assignee, JSON.stringify(next), now, shopId, id),
      auditStatement(db, {
        shopId,
        conversationId: current.conversationId,
        customerId: current.customer.id,
        kind: 'admin',
        data: { action: 'ticket.updated', ticketId: id, actor, from: { status: current.status, assignee: current.assignee }, to: change, eventId },
      }),
      outboxInsert(db, eventId, 'ticket.updated', next, now),
    ]);
  } catch (err) {
    // Re-opening a resolved ticket while another open one has the same category would break the dedupe index.
    if (/UNIQUE/i.test((err as Error).message)) return Promise.reject(new TicketConflict());
    throw err;
  }
  await enqueueEvent(env, eventId);
  return next;
}

export class TicketConflict extends Error {
  override readonly name = 'TicketConflict';
  constructor() {
    super('Another open ticket already covers this conversation and category');
  }
}
