import type { StepOf } from '../../../understanding';
import type { EngineContext } from '../../types';
import { suggestionsFor, t } from '../templates';

/** "hi", "thanks": a greeting (or thanks) and what the assistant can help with. */
export function answerGreeting(ctx: EngineContext, kind: 'greeting' | 'thanks'): 'other' {
  const L = ctx.turn.locale;
  ctx.out.line(t(L, kind));
  ctx.out.data({ type: 'data-suggestions', data: { suggestions: suggestionsFor(L) } });
  return 'other';
}

/**
 * Nothing in the shop's data answers it: say so, with suggestions (and a person among them); for
 * something asked for that the catalog does not have, that it is not in the catalog.
 */
export function answerOther(ctx: EngineContext, step: StepOf<'other'>): 'other' {
  const L = ctx.turn.locale;
  if (step.notFound === 'products') {
    ctx.out.line(t(L, 'noProducts'));
    ctx.out.data({ type: 'data-suggestions', data: { suggestions: [suggestionsFor(L)[3]] } });
    return 'other';
  }
  ctx.out.line(t(L, 'unknown'));
  ctx.out.data({ type: 'data-suggestions', data: { suggestions: suggestionsFor(L) } });
  return 'other';
}
