export { classifyMessage, shopChoices, type GateDecision, type GateContext } from './classify';
export { SHOP_CHOICES, type ShopChoice } from './rule-engine';
export { detectIntents, type ShopperIntents } from './intents';
export { findPromise, actionCategories, createPromiseGuard, type PromiseGuard, type GuardOutput, type PromiseMatch } from './promise-guard';
export { decideModelHandoff, type ModelHandoffDecision } from './model-handoff';
