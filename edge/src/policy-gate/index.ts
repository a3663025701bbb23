export { classifyMessage, type GateDecision, type GateContext } from './classify';
export { findOrderNumbers } from './order-numbers';
export { detectLanguage, type Language } from './text';
