import { runsAfter, type Step } from '../../understanding';
import type { Engine, EngineContext, EngineInfo } from '../types';
import { answerFollowUp } from './answerers/follow-up';
import { answerGreeting, answerOther } from './answerers/greeting';
import { answerOrders } from './answerers/orders';
import { answerPolicyQuestion } from './answerers/policy';
import { answerProductSearch } from './answerers/products';
import { answerSupportHours } from './answerers/support-hours';

type AnswerClass = NonNullable<EngineInfo['answerClass']>;

/** One answerer per step kind; null: the step found nothing to say, the next one may. */
const ANSWERERS: { [K in Step['kind']]: (ctx: EngineContext, step: Extract<Step, { kind: K }>) => Promise<AnswerClass | null> | AnswerClass | null } = {
  // The handoff itself is the pipeline's (a ticket, stored before it is announced).
  handoff: () => null,
  order_status: (ctx, step) => answerOrders(ctx, step.target),
  follow_up: answerFollowUp,
  support_hours: answerSupportHours,
  product_search: answerProductSearch,
  policy_question: answerPolicyQuestion,
  greeting: (ctx) => answerGreeting(ctx, 'greeting'),
  thanks: (ctx) => answerGreeting(ctx, 'thanks'),
  other: answerOther,
};

/**
 * The deterministic engine: a dispatcher over the turn plan. Each step of the plan, in its
 * order, goes to the answerer of its kind, which reads the shop's data through the domain queries
 * and answers with written templates; once a step has answered, a later one runs only when the
 * precedence table says it may (`thenAlso`). It never decides what the message asks (the plan
 * did) and never says anything that is not in the shop's data or a template. The default
 * without an API key and the fallback when the model fails.
 */
export const runOfflineEngine: Engine = async (ctx) => {
  const answered: { step: Step; as: AnswerClass }[] = [];
  for (const step of ctx.steps ?? ctx.plan.steps) {
    if (!runsAfter(step, answered.map((a) => a.step))) continue;
    const as = await (ANSWERERS[step.kind] as (ctx: EngineContext, step: Step) => Promise<AnswerClass | null> | AnswerClass | null)(ctx, step);
    if (as) answered.push({ step, as });
  }
  return { engine: 'offline', answerClass: answered[0]?.as ?? 'other' };
};
