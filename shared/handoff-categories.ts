// No zod here: front-ends (the console) import the list without pulling in the schema library.
/** Categories the policy gate routes to a person. */
export const HANDOFF_CATEGORIES = [
  'refund',
  'return',
  'exchange',
  'cancellation',
  'order_change',
  'address_change',
  'discount',
  'payment_problem',
  'delivery_problem',
  'damaged_or_wrong_item',
  'complaint',
  'human_request',
  'other',
] as const;
