export { classifyMessage, type GateDecision, type GateContext } from './classify';
export { findOrderNumbers } from './order-numbers';
export { detectLanguage, detectLanguageConfidently, type Language } from './text';
export { detectIntents, type ShopperIntents } from './intents';
export { findPromise, actionCategories, createPromiseGuard, type PromiseGuard, type GuardOutput, type PromiseMatch } from './promise-guard';
