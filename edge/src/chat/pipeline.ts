import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import type { Locale, PageContext } from '../../../shared/chat';
import type { Identity } from '../../../shared/identity';
import type { HandoffCategory, Ticket } from '../../../shared/ticket';
import { buildTools } from '../ai/tools';
import { newEvidence, type DataPartOut, type Turn } from '../ai/tools/context';
import { auditStatement } from '../audit/log';
import { chargeTokens } from '../limits/budget';
import { insertMessage, listMessages, messageText, type StoredMessage } from '../conversations/store';
import { createModelEngine } from '../engines/model';
import { runOfflineEngine } from '../engines/offline';
import { t } from '../engines/offline/templates';
import type { Engine, EngineContext, EngineInfo } from '../engines/types';
import { createHandoffTicket, handoffPart, handoffWording } from '../handoff/tickets';
import { newId } from '../lib/ids';
import { classifyMessage, detectIntents, detectLanguageConfidently, type GateDecision } from '../policy-gate';
import type { ShopRecord } from '../shops/store';
import { shopLinkPolicy } from '../shops/link-origins';
import { createGroundingCheck, groundingSources } from './grounding';
import { ReplyWriter } from './reply-writer';

export interface TurnInput {
  env: Env;
  shop: ShopRecord;
  identity: Identity;
  conversationId: string;
  text: string;
  locale: Locale;
  /** What the shopper is looking at (added in v1.1); untrusted, the shop's data decides. */
  context?: PageContext;
  signal: AbortSignal;
  publicOrigin: string;
  waitUntil(promise: Promise<unknown>): void;
}

/** Which engine answers: the model when a key is configured, else the offline engine. */
export interface EngineChoice {
  primary: Engine;
  name: 'model' | 'offline';
}

let engineOverride: ((env: Env) => EngineChoice | null) | null = null;
/** Tests replace the language model (and only it) through this hook. */
export function setEngineOverride(fn: typeof engineOverride) {
  engineOverride = fn;
}

function chooseEngine(env: Env): EngineChoice {
  const override = engineOverride?.(env);
  if (override) return override;
  return env.OPENAI_API_KEY ? { primary: createModelEngine(), name: 'model' } : { primary: runOfflineEngine, name: 'offline' };
}

const HISTORY_LIMIT = 40;

/**
 * One chat turn, always in this order: store the shopper's message, policy gate, engine
 * (model or offline), promise guard on every sentence, stream; then store the reply and the
 * audit record. No engine can skip the gate or the guard, and every failure ends in an
 * honest reply instead of a guess.
 */
export async function runTurn(input: TurnInput): Promise<Response> {
  const { env, shop, identity, conversationId } = input;
  // Reply in the language the shopper writes in when that is clear; else the page's.
  const locale: Locale = detectLanguageConfidently(input.text) ?? input.locale;
  const db = env.DB;
  const turnId = newId('turn');
  const started = Date.now();
  const failures: { stage: string; error: string }[] = [];

  let history: StoredMessage[] = [];
  let userStored = true;
  try {
    history = (await listMessages(db, conversationId, 1000)).slice(-HISTORY_LIMIT);
    await db.batch(insertMessage(db, { id: conversationId, shopId: shop.id }, 'user', [{ type: 'text', text: input.text }]));
  } catch (err) {
    userStored = false;
    failures.push({ stage: 'store_message', error: errorText(err) });
  }

  const shopperHistory = history.filter((m) => m.role === 'user').map(messageText).slice(-6);
  const gate = classifyMessage(input.text, { history: shopperHistory });
  const intents = detectIntents(input.text);

  const stream = createUIMessageStream({
    onError: () => 'internal',
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
        signal: input.signal,
        evidence,
        emit: (p) => sink(p),
        publicOrigin: input.publicOrigin,
      };
      // Our own wording may state what the turn created (a ticket reference); it grounds like evidence.
      const ownFacts: string[] = [];
      const out = new ReplyWriter(writer, {
        replacement: (category) => handoffWording(category, locale),
        quotes: () => [...evidence.passages.map((p) => p.text), ...(evidence.quotedFacts ?? [])],
        links,
        orders: () => evidence.orders.map((o) => ({ number: o.number, status: `${o.status} ${o.stage}` })),
        check: createGroundingCheck(() => groundingSources(evidence, shop, ownFacts, input.text)),
      });
      sink = (p) => out.data(p);
      const ctx: EngineContext = {
        turn,
        tools: buildTools(turn),
        out,
        gate,
        intents,
        ownFacts,
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
      const choice = chooseEngine(env);
      try {
        if (gate.handoff) {
          // Money and fulfilment: decided here, in code. A safe part (order status) is still answered.
          if (intents.orderStatus || intents.orderNumbers.length > 0) {
            await runOfflineEngine({ ...ctx, intents: { ...intents, policyQuestion: false, productQuery: null } }).catch((err) => {
              failures.push({ stage: 'order_status', error: errorText(err) });
            });
            out.flush();
          }
          ({ ticket, created: ticketCreated } = await handOff(ctx, gate.categories, 'policy_gate', gate));
          info = { engine: 'offline', answerClass: 'handoff' };
        } else {
          try {
            info = await choice.primary(ctx);
          } catch (err) {
            failures.push({ stage: choice.name, error: errorText(err) });
            if (choice.name === 'model') {
              // The model failed: the offline engine answers from the same tools, and says so.
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
        }
      } catch (err) {
        failures.push({ stage: 'turn', error: errorText(err) });
        if (!evidence.fallbackReason) evidence.fallbackReason = isDbError(err) ? 'database_failure' : 'tool_failure';
        out.flush();
        out.line(t(locale, 'failure'));
        out.data({ type: 'data-notice', data: { code: 'degraded', text: t(locale, 'failure') } });
        out.data({ type: 'data-suggestions', data: { suggestions: [suggestionLabel(locale)] } });
      }
      out.finish();
      writer.write({ type: 'finish' });

      // Evidence: the reply and its audit record are written together, after the stream.
      const sent = out.text;
      const statements = [
        ...(userStored ? insertMessage(db, { id: conversationId, shopId: shop.id }, 'assistant', out.parts) : []),
        auditStatement(db, {
          shopId: shop.id,
          conversationId,
          turnId,
          customerId: identity.level === 'verified' ? identity.id : null,
          kind: 'turn',
          data: {
            message: input.text,
            identity: identity.level,
            locale,
            gate: { handoff: gate.handoff, categories: gate.categories, rules: gate.rules, riskFlags: gate.riskFlags },
            intents: { orderStatus: intents.orderStatus, orderNumbers: intents.orderNumbers, policyQuestion: intents.policyQuestion, productQuery: intents.productQuery },
            toolCalls: evidence.toolCalls,
            policyPassages: evidence.passages.map((p) => ({ documentId: p.documentId, passageId: p.id })),
            productIds: evidence.productIds,
            orders: evidence.orders.map((o) => o.number),
            blockedPromises: out.blocked,
            sent,
            parts: out.parts.map((p) => p.type),
            engine: info.engine,
            engineTried: choice.name,
            model: info.model ?? null,
            usage: info.usage ?? null,
            latencyMs: Date.now() - started,
            answerClass: info.answerClass ?? 'other',
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
      ];
      try {
        await db.batch(statements);
      } catch (err) {
        console.error('audit write failed', turnId, errorText(err));
      }
    },
  });

  return createUIMessageStreamResponse({ stream, headers: { 'cache-control': 'no-store', 'x-aisle-turn': turnId } });
}

/** Creates (or finds) the ticket, then tells the shopper. Never claims a ticket that was not stored. */
async function handOff(ctx: EngineContext, categories: HandoffCategory[], source: Ticket['source'], gate: GateDecision) {
  const { turn, out } = ctx;
  const L = turn.locale;
  const primary = categories[0] ?? 'other';
  const told = handoffWording(primary, L);
  try {
    const { ticket, created } = await createHandoffTicket(turn, {
      categories: categories.length ? categories : ['other'],
      requestedAction: gate.requestedAction || `Shopper request: ${primary.replace(/_/g, ' ')}`,
      source,
      toldShopper: told,
      riskFlags: gate.riskFlags,
      priority: gate.priority,
      language: L,
    });
    const part = handoffPart(ticket, turn.shop, L);
    ctx.ownFacts?.push(JSON.stringify(part));
    // After a blocked promise the shopper has already read the handoff wording in its place.
    if (!created) out.line(t(L, 'alreadyHandedOff', { ticket: ticket.id, expected: turn.shop.settings.support.expectedReply }));
    else if (source !== 'promise_guard') out.line(told);
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

const hasModelHandoff = (e: { toolCalls: { name: string; error?: string }[] }) => e.toolCalls.some((c) => c.name === 'handOff' && !c.error);
const unique = <T>(xs: T[]) => [...new Set(xs)];
const errorText = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 300);
const isDbError = (err: unknown) => /D1_|SQLITE|database/i.test(errorText(err));
const suggestionLabel = (L: Locale) => ({ en: 'Talk to a person', es: 'Hablar con una persona', fr: 'Parler à une personne', de: 'Mit einer Person sprechen' })[L];
