import type { EngineContext } from '../../types';
import { t } from '../templates';

/**
 * "When is your team available?", "¿a qué hora atendéis?", "wie schnell antwortet ihr?": when the
 * shop's people can be reached and how soon they reply, from the shop's support settings only
 * (hours, time zone, expected reply), so every figure in the reply is the shop's own. Returns
 * whether the hours were stated: without `settings.support.hours` only the expected reply is
 * known. The engine quotes the contact page after it (it may say more: phone, holidays).
 */
export function answerSupportHours({ turn, out }: EngineContext): boolean {
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
  return !!hours;
}
