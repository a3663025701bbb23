import { readProduct } from '../../../catalog/find';
import type { StepOf } from '../../../understanding';
import type { EngineContext } from '../../types';
import { answerOrders } from './orders';
import { answerProducts, staysOn } from './products';

/**
 * "When will it arrive?", "does it come in pink?", "anything cheaper?": about what the previous
 * reply showed. Declines (null) when "it" turns out to name another product ("is it possible to
 * get a tent?"): the plan's product search answers then.
 */
export async function answerFollowUp(ctx: EngineContext, step: StepOf<'follow_up'>): Promise<'order' | 'product' | null> {
  const ref = step.ref;
  const productQuery = ctx.plan.intents.productQuery;
  if (ref.to === 'orders') return answerOrders(ctx, { by: 'number', numbers: ref.numbers });
  if (ref.to === 'product') {
    // On the page, the option values as the catalog writes them say which variant ("M", "Lake Blue").
    const fromPage = ref.page !== undefined && ref.page.named.length > 0;
    if (!(ref.option && !fromPage) && !(await staysOn(ctx, ref.card, productQuery))) return null;
    // "do you have it in M?": a size letter is no product query, but it names the variant wanted;
    // the words as typed, since the search reads "M" as a size only in capitals.
    const asTyped = ref.option && ctx.plan.analysis.tokens.filter((t) => ref.option!.split(' ').includes(t.norm)).map((t) => t.raw).join(' ');
    const wanted = fromPage ? ref.page!.named.join(' ') : (productQuery ?? asTyped);
    await answerProducts(ctx, [ref.card.title, wanted, ...(ref.page?.kept ?? [])].filter(Boolean).join(' '), { pin: ref.card.id, askedOption: ref.option });
    return 'product';
  }
  // Cheaper than the one shown, of its kind: its category, else the last word of its name.
  const base = (await readProduct(ctx.turn.db, ctx.turn.shop.id, ref.card.id, ctx.turn.publicOrigin, ctx.turn.shop.settings.platform))?.facts;
  const kind = base?.category || ref.card.title.split(' ').filter(Boolean).pop() || ref.card.title;
  await answerProducts(ctx, kind, { maxPrice: Math.max(0, ref.card.price - 0.01), exclude: ref.card.id });
  return 'product';
}
