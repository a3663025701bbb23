import type { PolicyPassage } from '../../../../../shared/catalog';
import { findPassages } from '../../../policies/find';
import type { StepOf } from '../../../understanding';
import type { EngineContext } from '../../types';
import { bestExcerpt, onTopic } from '../excerpt';
import { t } from '../templates';
import { answerProducts } from './products';
import { citationsPart, query, type Query } from './send';

/**
 * The plan's policy question: a quote of the passage that answers it, with its citation; or, when
 * no passage answers it, that the policies do not say (and a person can), never a passage about
 * something else. A sizing question the policies do not answer usually names a product ("what
 * sizes does the Harbor jacket come in?"): its sizes are in the catalog.
 */
export async function answerPolicyQuestion(ctx: EngineContext, step: StepOf<'policy_question'>): Promise<'policy' | 'product' | 'other' | null> {
  // The shop's own headings the question names are its topics ("When can I collect?"): the answer
  // is on them, or the probe says nothing and the catalog is asked.
  if (step.probe === 'named') {
    return (await answerPolicy(ctx, step.query, [...step.topics, ...(step.headings ?? [])], { quiet: true })) ? 'policy' : null;
  }
  if (step.probe === 'any') {
    return (await answerPolicy(ctx, [step.query, ...(step.headings ?? [])].join(' '), step.topics, { quiet: true })) ? 'policy' : null;
  }
  const sizing = step.topics.includes('sizing');
  // The shop's own headings the question names clearly ("Plant Guarantee" in "Pflanzengarantie")
  // come before the packs' topic ("warranty"): they are the shop's name for what is asked.
  if (await answerPolicy(ctx, step.query, [...(step.headings ?? []), ...step.topics], { quiet: sizing })) return 'policy';
  if (sizing && (await answerProducts(ctx, ctx.turn.text, { quiet: true }))) return 'product';
  if (sizing) ctx.out.line(t(ctx.turn.locale, 'noPolicy'));
  return 'other';
}

/** Quotes the passage of the shop's policies that answers `question`; returns whether one did. */
export async function answerPolicy(ctx: EngineContext, question: string, topics: string[], opts: { quiet?: boolean } = {}): Promise<boolean> {
  const { turn, out } = ctx;
  const L = turn.locale;
  const find = async (q: string, limit = 3, lenient = false) => {
    const found = await query(ctx, 'searchPolicies', { query: q }, () => findPassages(turn.db, turn.shop.id, q, turn.publicOrigin, limit, { lenient }));
    // Policies that say nothing about it: a policy gap (metrics), whether the reply needed them or not.
    if (found.output.length === 0) turn.evidence.fallbackReason ??= 'missing_policy_content';
    return found;
  };
  const first = await find(question);
  let found: PolicyPassage[] = first.output;
  // A question in another language than the policies, or full of words they never use: search
  // again by its topic words alone ("shipping"), which the intents know in every pack language.
  // Also when what was found never mentions the topic ("are returns free?" found only the
  // delivery page's "free"): the topic's own policy may answer better.
  const merged = (...lists: PolicyPassage[][]) => lists.flat().filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
  const byTopic = topics.length > 0 && question !== topics.join(' ') && onTopic(found, topics).length === 0 ? (await find(topics.join(' '))).output : [];
  // More passages of the policies found on the topic, ranked by the question's words those
  // policies use, however many it has that they never use ("telefone" finds the contact page's
  // phone line, "Ground" the row of the shipping rates): the sentence that answers is among them.
  // They rank before the topic's passages found by its name alone.
  const documents = new Set(onTopic(merged(found, byTopic), topics).map((p) => p.documentId));
  const more = documents.size > 0 && question !== topics.join(' ') ? (await find([...topics, question].join(' '), 6, true)).output.filter((p) => documents.has(p.documentId)) : [];
  found = merged(found, more, byTopic);
  const excerpt = bestExcerpt(found, question, topics);
  if (!excerpt) {
    if (!opts.quiet) {
      turn.evidence.fallbackReason ??= 'missing_policy_content';
      out.line(t(L, 'noPolicy'));
    }
    return false;
  }
  const top = excerpt.passage;
  // One citations card: the quoted passage first, then the other passages found in the same policy
  // (passages of policies the reply does not quote would list sources it did not use).
  const cited = found.filter((p) => p.documentId === top.documentId).sort((a, b) => Number(b.id === top.id) - Number(a.id === top.id));
  const part = await citationsPart(ctx, { ...first, input: { query: question, ...(found !== first.output ? { topics } : {}) } } as Query<unknown>, cited);
  out.line(t(L, 'policyIntro', { title: top.title }));
  out.line(`“${excerpt.text.replace(/\*\*/g, '')}”`);
  if (top.url) out.line(t(L, 'policyLink', { title: top.title, url: sameSitePath(top.url, turn.publicOrigin) }));
  out.data(part);
  return true;
}

/** Links to the shop's own pages stay relative, so they open on the storefront the shopper is on. */
function sameSitePath(url: string, origin: string): string {
  return url.startsWith(origin + '/') ? url.slice(origin.length) : url;
}
