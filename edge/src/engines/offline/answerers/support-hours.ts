import type { StepOf } from '../../../understanding';
import type { EngineContext } from '../../types';
import { t } from '../templates';
import { answerPolicy } from './policy';

/**
 * "When is your team available?", "¿a qué hora atendéis?", "wie schnell antwortet ihr?": when the
 * shop's people can be reached and how soon they reply, from the shop's support settings only
 * (hours, time zone, expected reply), so every figure in the reply is the shop's own. Then the
 * passage of its contact page that gives the hours (it may say more: phone, holidays); the topic
 * is contact whatever words the shopper used.
 */
export async function answerSupportHours(ctx: EngineContext, step: StepOf<'support_hours'>): Promise<'policy' | 'other'> {
  const { turn, out } = ctx;
  const L = turn.locale;
  const support = turn.shop.settings.support;
  const hours = support.hours?.trim();
  const facts = (turn.evidence.quotedFacts ??= []);
  if (hours) {
    facts.push(`${hours} ${support.timeZone}`);
    out.line(t(L, 'supportHours', { hours, timeZone: support.timeZone }));
  }
  facts.push(support.expectedReply);
  out.line(t(L, 'supportReply', { expectedReply: support.expectedReply }));
  return (await answerPolicy(ctx, ['contact hours', turn.text].join(' '), step.topics, { quiet: true })) ? 'policy' : 'other';
}
