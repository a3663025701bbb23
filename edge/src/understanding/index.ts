export { understand, type ShopContext, type UnderstandOptions } from './understand';
export { loadShopContext } from './shop-context';
export { PRECEDENCE, ranked, rankOf, rowOf, runsAfter, withHandoff, type PrecedenceRow } from './precedence';
export type { FollowUpRef, OrderTarget, Step, StepKind, StepOf, TurnPlan } from './plan';
