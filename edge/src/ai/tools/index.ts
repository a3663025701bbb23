import type { ToolSet } from 'ai';
import type { Turn } from '../../turn';
import { createGetMyOrderTool } from './get-my-order';
import { createGetMyOrdersTool } from './get-my-orders';
import { createGetProductTool } from './get-product';
import { createHandOffTool } from './hand-off';
import { createSearchCatalogTool } from './search-catalog';
import { createSearchPoliciesTool } from './search-policies';

/**
 * The assistant's whole tool set, built per turn around the verified context. No tool takes
 * a customer id: order tools read `turn.identity`, which only the token middleware sets.
 */
export function buildTools(turn: Turn) {
  return {
    searchCatalog: createSearchCatalogTool(turn),
    getProduct: createGetProductTool(turn),
    searchPolicies: createSearchPoliciesTool(turn),
    getMyOrders: createGetMyOrdersTool(turn),
    getMyOrder: createGetMyOrderTool(turn),
    handOff: createHandOffTool(turn),
  } satisfies ToolSet;
}

export type AisleTools = ReturnType<typeof buildTools>;
