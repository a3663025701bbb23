import { LOCALES, type AislePart, type ConversationState, type Locale, type PageContext } from '../../../shared/chat';
import type { Identity } from '../../../shared/identity';
import type { HandoffCategory, Ticket } from '../../../shared/ticket';
import { buildTools } from '../ai/tools';
import { newEvidence, type DataPartOut, type Turn } from '../turn';
import { auditStatement } from '../audit/log';
import { chargeTokens } from '../limits/budget';
import { insertMessage, listMessages, messageText, type StoredMessage } from '../conversations/store';
import { createModelEngine, openAiModel, type ModelFactory } from '../engines/model';
import { writeModelDraft } from '../engines/model/draft';
import { runOfflineEngine } from '../engines/offline';
import { suggestionsFor, t } from '../turn';
import type { Engine, EngineContext, EngineInfo } from '../engines/types';
import { createHandoffTicket, handoffPart, handoffWording } from '../handoff/tickets';
import { newId } from '../lib/ids';
import { analyse } from '../language';
import { shopChoices, type GateDecision } from '../policy-gate';
import { loadShopContext, understand, withHandoff } from '../understanding';
import { turnOrderSource } from '../orders/source';
import type { ShopRecord } from '../shops/store';
import type { AnswerClass } from '../../../shared/shop';
import { grantsOf, redactGrantMessages } from '../guest/history';
import { shopLinkPolicy } from '../shops/link-origins';
import { createGroundingCheck, groundingSources } from '../turn';
import { ReplyWriter } from '../turn';
import { TURN_HISTORY_READ } from './turn-state';
import { conversationActivity, conversationTicketQuery, noteMoneyRequest, ownQuestionAfterHandoff } from '../agent/turn';
import { workspaceText } from '../agent/wording';
import { toProductCard } from '../catalog/cards';
import { arrivedOnProduct, contextRecord, resolvePageContext, type ResolvedContext } from '../context/resolve';
import { sendQuickReplies } from '../context/quick-replies';
import { assistedClasses, draftChanged, draftInsert, heldNotice } from '../assisted/drafts';
import { HeldStream } from './held-stream';
import { uiMessageStreamResponse } from './ui-stream';

export interface TurnInput {
  env: Env;
  shop: ShopRecord;
  identity: Identity;
  conversationId: string;
  text: string;
  locale: Locale;
  /** What the shopper is looking at (added in v1.1); untrusted, the shop's data decides. */
  context?: PageContext;
  /** Who answers this conversation now (conversations.state); default `assistant`. */
  state?: ConversationState;
  signal: AbortSignal;
  publicOrigin: string;
  waitUntil(promise: Promise<unknown>): void;
  /** See Turn.guestOrderHelp. */
  guestOrderHelp?: boolean;
  /** A guest's email was removed from this message (edge/src/guest/turn.ts): the form is offered again. */
  guestEmailRemoved?: boolean;
  /** The stored messages before this turn, when the route read them already (chat/turn-state.ts). */
  history?: StoredMessage[];
  /** Test questions (edge/src/console/test-questions.ts): see Turn.dryRun. */
  dryRun?: { handoffs: string[][] };
}

/** Which engine answers: the model when a key is configured, else the offline engine. */
export interface EngineChoice {
  primary: Engine;
  name: 'model' | 'offline';
  /** The model that writes the agent's draft on a new ticket (engines/model/draft.ts); none offline. */
  draft?: ModelFactory;
}

export type ChooseEngine = (env: Env) => EngineChoice;

/** The product's choice: the model when a key is configured, else the offline engine. */
export const chooseEngine: ChooseEngine = (env) =>
  env.OPENAI_API_KEY ? { primary: createModelEngine(), name: 'model', draft: openAiModel } : { primary: runOfflineEngine, name: 'offline' };

/**
 * What a turn is given rather than reaching for: the engine choice. The Worker passes the
 * product's (`createApp` in edge/src/index.ts); tests build an app with a mock model instead,
 * so no production module holds a swappable global.
 */
export interface TurnDeps {
  chooseEngine: ChooseEngine;
}

const HISTORY_LIMIT = 40;

/**
 * How this turn's reply reaches the shopper:
 * - `stream`: the assistant answers and the reply streams (today's behaviour);
 * - `hold`: assisted mode, the reply waits for a person (the shopper is told `reply_held`);
 * - `quiet`: a person owns the conversation; the shopper's message is stored, the assistant says nothing.
 */
export type DeliveryMode = 'stream' | 'hold' | 'quiet';

/**
 * The delivery mode of a turn from the conversation's state: `quiet` while an agent owns it
 * (issue 16). `hold` is decided later in the turn, once the answer class is known (assisted
 * mode, issue 19: see `assistedClasses` and the HeldStream in runTurn).
 */
export function deliveryModeFor(state: ConversationState, _shop: ShopRecord): DeliveryMode {
  return state === 'agent' ? 'quiet' : 'stream';
}

/**
 * One chat turn, always in this order: store the shopper's message, policy gate, engine
 * (model or offline), promise guard on every sentence, stream; then store the reply and the
 * audit record. No engine can skip the gate or the guard, and every failure ends in an
 * honest reply instead of a guess.
 */
export async function runTurn(input: TurnInput, deps: TurnDeps): Promise<Response> {
  const { env, shop, identity, conversationId } = input;
  // One analysis of the message for the whole turn: the gate and the intents read it.
  const typed = analyse(input.text);
  // Reply in the language the shopper writes in when that is clear and the widget speaks it; else the page's.
  const detected = typed.languageConfident;
  const locale: Locale = detected && (LOCALES as readonly string[]).includes(detected) ? (detected as Locale) : input.locale;
  const db = env.DB;
  const turnId = newId('turn');
  const started = Date.now();
  const failures: { stage: string; error: string }[] = [];
  const conv = { id: conversationId, shopId: shop.id, guestGrantId: identity.level === 'order_verified_guest' ? identity.grantId : null };

  let history: StoredMessage[] = [];
  let userStored = true;
  let userMessageId: string | null = null;
  try {
    // Replies written under a guest order grant this turn does not hold read as one neutral line.
    history = redactGrantMessages((input.history ?? (await listMessages(db, conversationId, TURN_HISTORY_READ))).slice(-HISTORY_LIMIT), grantsOf(identity), locale);
    const last = history.at(-1);
    // The same message again after a turn whose reply could not be stored: it is already there.
    if (last?.role === 'user' && messageText(last) === input.text) history = history.slice(0, -1);
    else await db.batch(insertMessage(db, conv, 'user', [{ type: 'text', text: input.text }], (userMessageId = newId('msg'))));
  } catch (err) {
    userStored = false;
    failures.push({ stage: 'store_message', error: errorText(err) });
  }

  const delivery = deliveryModeFor(input.state ?? 'assistant', shop);
  if (delivery === 'quiet') {
    // The gate still runs while a person owns the conversation (issue 16): a money request joins the open ticket.
    const noted = delivery === 'quiet' && userStored ? await noteMoneyRequest(input, typed, history) : false;
    return quietTurn(input, { turnId, locale, delivery, userStored, failures, noted });
  }

  // Stop and disconnect: the client's request signal (it fires only with the enable_request_signal
  // compatibility flag) and the response stream being cancelled both abort the turn, and with it
  // the model call; what was streamed until then is still stored (see `persist` below).
  const abort = new AbortController();
  const onClientAbort = () => abort.abort(input.signal.reason ?? new Error('client disconnected'));
  if (input.signal.aborted) onClientAbort();
  else input.signal.addEventListener('abort', onClientAbort, { once: true });
  // The Worker keeps running until the turn is stored, even after the client went away.
  let settled: () => void = () => {};
  input.waitUntil(new Promise<void>((resolve) => (settled = resolve)));

  // The page the shopper is on, as the shop's catalog knows it (ids only from here on).
  const page: ResolvedContext | undefined = input.context
    ? await resolvePageContext(db, shop, input.context, input.publicOrigin).then(
        async (r) => (r.focus ? { ...r, arrived: await arrivedOnProduct(db, shop.id, conversationId, r.focus.product.id) } : r),
        (err) => {
          failures.push({ stage: 'page_context', error: errorText(err) });
          return undefined;
        },
      )
    : undefined;
  // What the message asks, decided once (edge/src/understanding): the order references read the
  // shop's own way, the shop's product names not read as requests, the gate's handoff, ranked steps.
  // The customer's orders are read once for the whole turn (references, tools, a ticket's scope).
  const orderSource = turnOrderSource({ env, db, shop, identity });
  const shopContext = await loadShopContext({ env, db, shop, identity, orderSource }, typed, { orderHelp: input.guestOrderHelp, emailRemoved: input.guestEmailRemoved }, history);
  shopContext.choices = shopChoices(shop.settings);
  // The page's product is one more thing "this" and "it" may mean (ids and catalog data only).
  if (page?.focus) {
    const focus = page.focus;
    shopContext.page = { card: toProductCard(focus, input.publicOrigin, shop.settings.platform), product: focus.product, variant: focus.variant, arrived: page.arrived ?? true, locale };
  }
  const plan = understand(typed, history, shopContext, { adjustGate: (g, i) => ownQuestionAfterHandoff(input.state, input.text, g, i) });
  const { analysis, gate, intents } = plan;
  // Assisted mode: with any class held, the reply is kept back until the turn knows its class.
  // The gate's handoffs are never held (decided here, before the engine), nor are test questions.
  const heldClasses = input.dryRun || gate.handoff ? new Set<string>() : assistedClasses(shop);
  let deliveryUsed: DeliveryMode = delivery;
  let draftId: string | null = null;

  // Cancelling the response body (the client disconnected or pressed Stop) aborts the turn.
  return uiMessageStreamResponse({
    onError: () => 'internal',
    onCancel: (reason) => abort.abort(reason instanceof Error ? reason : new Error('client disconnected')),
    headers: { 'cache-control': 'no-store', 'x-aisle-turn': turnId },
    execute: async ({ writer }) => {
      const evidence = newEvidence();
      const links = await shopLinkPolicy(db, shop, input.publicOrigin);
      let sink: (p: DataPartOut) => void = () => {};
      const turn: Turn = {
        env,
        db,
        shop,
        identity,
        conversationId,
        turnId,
        text: input.text,
        locale,
        history,
        signal: abort.signal,
        evidence,
        emit: (p) => sink(p),
        publicOrigin: input.publicOrigin,
        dryRun: input.dryRun,
        guestOrderHelp: input.guestOrderHelp,
        orderNumbers: analysis.orderNumbers,
        orderSource,
      };
      // Our own wording may state what the turn created (a ticket reference); it grounds like evidence.
      const ownFacts: string[] = [];
      const buffer = heldClasses.size > 0 ? new HeldStream(writer) : null;
      const out = new ReplyWriter(buffer ?? writer, {
        replacement: (category) => handoffWording(category, locale),
        quotes: () => [...evidence.passages.map((p) => p.text), ...(evidence.quotedFacts ?? [])],
        links,
        orders: () => evidence.orders.map((o) => ({ number: o.number, status: `${o.status} ${o.stage}` })),
        check: createGroundingCheck(() => groundingSources(evidence, shop, ownFacts, input.text, analysis.orderNumbers)),
      });
      sink = (p) => out.data(p);
      const ctx: EngineContext = {
        turn,
        tools: buildTools(turn),
        out,
        analysis,
        plan,
        gate,
        intents,
        ownFacts,
        page,
        async collectParts(fn) {
          const parts: DataPartOut[] = [];
          const previous = sink;
          sink = (p) => parts.push(p);
          try {
            return { result: await fn(), parts };
          } finally {
            sink = previous;
          }
        },
      };

      writer.write({ type: 'start', messageId: newId('msg') });
      let info: EngineInfo = { engine: 'offline' };
      let ticket: Ticket | null = null;
      let ticketCreated = false;
      let stopped = false;
      const choice = deps.chooseEngine(env);
      // A new ticket gets the model's draft for the agent after the reply; the shopper never waits for it.
      if (choice.draft && !input.dryRun) {
        const draftModel = choice.draft;
        turn.draftReply = (t) => input.waitUntil(writeModelDraft(env, shop, t, draftModel));
      }
      try {
      try {
        if (gate.handoff) {
          // Money and fulfilment: decided here, in code. A safe part (order status) is still answered.
          const safe = withHandoff(plan.steps);
          if (safe.length > 0) {
            await runOfflineEngine({ ...ctx, steps: safe }).catch((err) => {
              failures.push({ stage: 'order_status', error: errorText(err) });
            });
            out.flush();
          }
          ({ ticket, created: ticketCreated } = await handOff(ctx, gate.categories, 'policy_gate', gate));
          info = { engine: 'offline', answerClass: 'handoff' };
        } else {
          // A guest's order question is answered by code (the plan says so): the order form, never a model's guess.
          try {
            info = plan.answeredBy === 'code' ? await runOfflineEngine(ctx) : await choice.primary(ctx);
          } catch (err) {
            failures.push({ stage: choice.name, error: errorText(err) });
            if (abort.signal.aborted) throw err;
            if (choice.name === 'model') {
              // The model failed: the offline engine answers from the same plan, and says so.
              evidence.fallbackReason = 'model_failure';
              out.flush();
              out.line(t(locale, 'degraded'));
              out.data({ type: 'data-notice', data: { code: 'degraded', text: t(locale, 'degraded') } });
              info = { ...(await runOfflineEngine(ctx)), engine: 'offline' };
              info.model = turn.shop.settings.model.name || env.OPENAI_MODEL;
            } else throw err;
          }
          out.flush();
          const blockedCategories = unique(out.blocked.flatMap((b) => (b.category ? [b.category] : [])));
          if (blockedCategories.length > 0) {
            const categories = blockedCategories;
            ({ ticket, created: ticketCreated } = await handOff(ctx, categories, 'promise_guard', gate));
            info.answerClass = 'handoff';
          } else if (hasModelHandoff(evidence)) info.answerClass = 'handoff';
          // Quick replies from what this reply found (a product's colours in stock, a size guide).
          else await sendQuickReplies(ctx).catch((err) => failures.push({ stage: 'quick_replies', error: errorText(err) }));
        }
      } catch (err) {
        if (abort.signal.aborted) {
          // Stopped: nobody is listening; store what was streamed, nothing the guard still held.
          stopped = true;
          return;
        }
        failures.push({ stage: 'turn', error: errorText(err) });
        if (!evidence.fallbackReason) evidence.fallbackReason = isDbError(err) ? 'database_failure' : 'tool_failure';
        out.flush();
        out.line(t(locale, 'failure'));
        out.data({ type: 'data-notice', data: { code: 'degraded', text: t(locale, 'failure') } });
        out.data({ type: 'data-suggestions', data: { suggestions: [suggestionLabel(locale)] } });
      }
      if (abort.signal.aborted) stopped = true;
      else out.finish();
      if (buffer && !stopped) {
        // Held: an answer of an assisted class that no person has to act on, with nothing gone wrong.
        const answerClass = info.answerClass ?? 'other';
        const hold = userStored && !ticket && answerClass !== 'handoff' && heldClasses.has(answerClass) && !failures.some((f) => f.stage === 'turn') && out.hasText;
        if (hold) {
          buffer.drop();
          deliveryUsed = 'hold';
          draftId = newId('drf');
          for (const part of heldNotice(locale)) writeWhole(writer, part);
        } else buffer.release();
      }
      } finally {
        await persist().finally(() => {
          input.signal.removeEventListener('abort', onClientAbort);
          settled();
        });
      }
      // After the store, so a reply that could not be saved says so before the stream ends.
      if (!stopped && !abort.signal.aborted) writer.write({ type: 'finish' });

      // Evidence: the reply and its audit record are written together, after the stream, in
      // `finally`: a disconnect, Stop or a throw still leaves exactly one stored turn.
      async function persist() {
      // Held: the shopper got the notice, the guarded reply waits as a draft. Stopped before the
      // class was known: the shopper saw nothing of it, so nothing of it is stored as sent.
      const held = deliveryUsed === 'hold' && draftId !== null;
      const unsent = buffer?.holding ?? false;
      const shown = held ? heldNotice(locale) : unsent ? [] : out.parts;
      const sent = shown.map((p) => (p.type === 'text' ? p.text : '')).join('');
      const statements = [
        ...(userStored && shown.length > 0 ? insertMessage(db, conv, 'assistant', shown) : []),
        ...(held ? [draftInsert(db, { id: draftId!, shopId: shop.id, conversationId, turnId, answerClass: (info.answerClass ?? 'other') as AnswerClass, locale, question: input.text, identity, parts: out.parts, timeoutMinutes: shop.settings.assistedTimeout ?? 15 })] : []),
        auditStatement(db, {
          shopId: shop.id,
          conversationId,
          turnId,
          customerId: identity.level === 'verified' ? identity.id : null,
          kind: 'turn',
          data: {
            message: input.text,
            identity: identity.level,
            ...(identity.level === 'order_verified_guest' ? { guestGrant: { id: identity.grantId, orderNumber: identity.orderNumber } } : {}),
            locale,
            gate: { handoff: gate.handoff, categories: gate.categories, rules: gate.rules, riskFlags: gate.riskFlags },
            ...(page ? { context: contextRecord(page) } : {}),
            intents: { orderStatus: intents.orderStatus, orderNumbers: intents.orderNumbers, policyQuestion: intents.policyQuestion, productQuery: intents.productQuery },
            plan: { steps: plan.steps.map((s) => s.kind), titlesNamed: plan.titlesNamed, answeredBy: plan.answeredBy },
            toolCalls: evidence.toolCalls,
            policyPassages: evidence.passages.map((p) => ({ documentId: p.documentId, passageId: p.id })),
            productIds: evidence.productIds,
            orders: evidence.orders.map((o) => o.number),
            blockedPromises: out.blocked,
            sent,
            parts: shown.map((p) => p.type),
            ...(held ? { draftId, held: out.text, heldParts: out.parts.map((p) => p.type) } : {}),
            engine: info.engine,
            engineTried: choice.name,
            model: info.model ?? null,
            usage: info.usage ?? null,
            latencyMs: Date.now() - started,
            answerClass: info.answerClass ?? 'other',
            delivery: deliveryUsed,
            stopped,
            fallbackReason: evidence.fallbackReason ?? null,
            ticketId: ticket?.id ?? null,
            ticketCreated,
            failures,
          },
        }),
        ...evidence.toolCalls.map((call) =>
          auditStatement(db, { shopId: shop.id, conversationId, turnId, customerId: identity.level === 'verified' ? identity.id : null, kind: 'tool', data: { ...call } }),
        ),
        ...out.blocked.map((b) =>
          auditStatement(db, { shopId: shop.id, conversationId, turnId, kind: 'guard', data: { blockedPromise: b.sentence, category: b.category, rule: b.rule } }),
        ),
        ...out.dropped.map((d) => auditStatement(db, { shopId: shop.id, conversationId, turnId, kind: 'guard', data: { dropped: d.sentence.slice(0, 300), rule: d.rule } })),
        ...failures.map((f) => auditStatement(db, { shopId: shop.id, conversationId, turnId, kind: 'failure', data: f })),
        ...(info.usage?.totalTokens ? [chargeTokens(db, shop.id, info.usage.totalTokens)] : []),
        // Last: which ticket open workspaces refresh (none to read when this turn created it).
        ...(ticketCreated && ticket ? [] : [conversationTicketQuery(db, shop.id, conversationId)]),
      ];
      try {
        const written = await db.batch<{ id: string }>(statements);
        const refreshed = ticketCreated && ticket ? { id: ticket.id } : (written.at(-1)?.results[0] ?? null);
        input.waitUntil(conversationActivity(env, shop.id, conversationId, refreshed));
        if (held) input.waitUntil(draftChanged(env, shop.id, draftId!, conversationId, 'held'));
        if (!userStored) out.data({ type: 'data-notice', data: { code: 'degraded', text: t(locale, 'notSaved') } });
      } catch (err) {
        console.error('turn write failed', turnId, errorText(err));
        // The reply and its audit record were not stored: say so, and leave no half turn behind,
        // only the shopper's message with a failure record (a resend reuses it), or nothing.
        // (A held turn's notice went straight to the shopper; so does this, past the held stream.)
        const notSaved = { type: 'data-notice', data: { code: 'degraded', text: t(locale, 'notSaved') } } as const;
        if (held || unsent) writer.write(notSaved as never);
        else out.data(notSaved);
        await auditStatement(db, { shopId: shop.id, conversationId, turnId, kind: 'failure', data: { stage: 'store_reply', error: errorText(err) } })
          .run()
          .catch(() => (userMessageId ? db.prepare('DELETE FROM messages WHERE id = ?').bind(userMessageId).run() : undefined))
          .catch((again) => console.error('turn write failed twice', turnId, errorText(again)));
      }
      }
    },
  });
}

/**
 * A turn the assistant does not answer (`hold`, `quiet`): the shopper's message is already
 * stored; the stream says only what the shopper needs to know, and the audit records why.
 */
async function quietTurn(
  input: TurnInput,
  t0: { turnId: string; locale: Locale; delivery: 'quiet'; userStored: boolean; failures: { stage: string; error: string }[]; noted?: boolean },
): Promise<Response> {
  const { env, shop, identity, conversationId } = input;
  return uiMessageStreamResponse({
    onError: () => 'internal',
    headers: { 'cache-control': 'no-store', 'x-aisle-turn': t0.turnId },
    execute: async ({ writer }) => {
      writer.write({ type: 'start', messageId: newId('msg') });
      // A person owns the conversation: the assistant only says so (and that a money request was added).
      const text = workspaceText(t0.noted ? 'addedToTicket' : 'personOnIt', t0.locale);
      writer.write({ type: 'data-notice', data: { code: 'handed_off', text } } as never);
      input.waitUntil(conversationActivity(env, shop.id, conversationId));
      writer.write({ type: 'finish' });
      await env.DB.batch([
        auditStatement(env.DB, {
          shopId: shop.id,
          conversationId,
          turnId: t0.turnId,
          customerId: identity.level === 'verified' ? identity.id : null,
          kind: 'turn',
          data: { message: input.text, identity: identity.level, locale: t0.locale, delivery: t0.delivery, sent: '', notedOnTicket: t0.noted ?? false, failures: t0.failures },
        }),
      ]).catch((err) => console.error('audit write failed', t0.turnId, errorText(err)));
    },
  });
}

/** Creates (or finds) the ticket, then tells the shopper. Never claims a ticket that was not stored. */
async function handOff(ctx: EngineContext, categories: HandoffCategory[], source: Ticket['source'], gate: GateDecision) {
  const { turn, out } = ctx;
  const L = turn.locale;
  const primary = categories[0] ?? 'other';
  const told = handoffWording(primary, L);
  try {
    const { ticket, created, plan } = await createHandoffTicket(turn, {
      categories: categories.length ? categories : ['other'],
      requestedAction: gate.requestedAction || `Shopper request: ${primary.replace(/_/g, ' ')}`,
      source,
      toldShopper: told,
      riskFlags: gate.riskFlags,
      priority: gate.priority,
      language: L,
      // The model already opened one this turn: the guard's block joins it (one ticket, one card).
      ...(hasModelHandoff(turn.evidence) ? { reuse: 'conversation' as const } : {}),
    });
    const part = handoffPart(ticket, turn.shop, L);
    ctx.ownFacts?.push(JSON.stringify(part));
    // After a blocked promise the shopper has already read the handoff wording in its place.
    // The model opened (or reused) this ticket in this very turn: the shopper was just told, once is enough.
    if (!created && !(source === 'promise_guard' && hasModelHandoff(turn.evidence))) out.line(t(L, 'alreadyHandedOff', { ticket: ticket.id, expected: turn.shop.settings.support.expectedReply }));
    // The order's stage may have made it another category (an exchange before shipping is an order change).
    else if (source !== 'promise_guard') out.line(ticket.category === primary ? told : handoffWording(ticket.category, L));
    // Where the order stands and the one question a person needs answered (handoff/details.ts).
    // They name only orders read for this customer by the scope: they ground like our own facts.
    for (const line of created ? [plan?.reality, plan?.ask] : []) {
      if (!line) continue;
      ctx.ownFacts?.push(line);
      out.line(line);
    }
    out.data({ type: 'data-handoff', data: part });
    return { ticket, created };
  } catch (err) {
    console.error('handoff failed', turn.turnId, errorText(err));
    turn.evidence.fallbackReason = isDbError(err) ? 'database_failure' : 'tool_failure';
    out.line(t(L, 'handoffFailed'));
    out.data({ type: 'data-notice', data: { code: 'degraded', text: t(L, 'handoffFailed') } });
    return { ticket: null, created: false };
  }
}

/** The model's handOff opened (or reused) a ticket this turn; a refused one (a plain question) does not count. */
const hasModelHandoff = (e: { toolCalls: { name: string; error?: string; summary?: Record<string, unknown> }[] }) =>
  e.toolCalls.some((c) => c.name === 'handOff' && !c.error && typeof c.summary?.ticketId === 'string');
const unique = <T>(xs: T[]) => [...new Set(xs)];
const errorText = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 300);
const isDbError = (err: unknown) => /D1_|SQLITE|database/i.test(errorText(err));
/** One whole part of our own, straight to the shopper's stream (the held turn's notice). */
function writeWhole(writer: { write(part: never): void }, part: AislePart) {
  if (part.type !== 'text') return writer.write(part as never);
  writer.write({ type: 'text-start', id: 'held' } as never);
  writer.write({ type: 'text-delta', id: 'held', delta: part.text } as never);
  writer.write({ type: 'text-end', id: 'held' } as never);
}
const suggestionLabel = (L: Locale) => suggestionsFor(L)[3];
