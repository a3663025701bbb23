import { z } from 'zod';
import { HandoffCategory } from './ticket';

/**
 * A merchant's test question (added in v1.1): asked as a guest or as one of the shop's customers,
 * with what a right answer does. Public contract: README "Test questions".
 */
export const TestExpectation = z.union([
  /** Every one of these product ids is shown (cards or mentioned products). */
  z.strictObject({ products: z.array(z.string().trim().min(1).max(200)).min(1).max(20) }),
  /** The reply quotes the shop's policy with this text in it (case and spacing ignored). */
  z.strictObject({ policyQuoteContains: z.string().trim().min(1).max(300) }),
  /** The question is handed to a person in this category. */
  z.strictObject({ handoff: HandoffCategory }),
  /** The assistant answers without handing off. */
  z.strictObject({ noHandoff: z.literal(true) }),
]);
export type TestExpectation = z.infer<typeof TestExpectation>;

export const TestQuestionInput = z.strictObject({
  question: z.string().trim().min(1).max(2000),
  /** "guest", or a customer id of this shop: the Worker signs a token for them when the case runs. */
  as: z.string().trim().min(1).max(128).default('guest'),
  expect: TestExpectation,
});
export type TestQuestionInput = z.infer<typeof TestQuestionInput>;

export interface TestQuestion extends TestQuestionInput {
  id: string;
  createdAt: string;
}

export interface TestCaseResult {
  caseId: string;
  question: string;
  as: string;
  expect: TestExpectation;
  pass: boolean;
  /** Why it failed, in words a merchant reads; empty when it passed. */
  reasons: string[];
  reply: string;
  productIds: string[];
  handoff: string[] | null;
  engine: string;
  tokens: number;
}

export interface TestRun {
  id: string;
  engine: string;
  passed: number;
  failed: number;
  tokens: number;
  results: TestCaseResult[];
  createdAt: string;
}

/**
 * The merchant console's set-up checklist: what the shop has configured and imported, (GET /v1/shops/:shop/console/setup), read
 * from D1 in one batch. Only counts, dates, ids and URLs: no secret (identity secrets and webhook
 * secrets stay encrypted; nothing here decrypts them) and no shopper or customer data.
 */
export interface SetupChecklist {
  shopId: string;
  allowedOrigins: string[];
  /** The tag to paste into the shop's pages, with its current look; the same as `aisle snippet`. */
  snippet: string;
  catalog: { products: number; lastImportAt: string | null };
  policies: { documents: number; passages: number; lastImportAt: string | null };
  orders: { orders: number; customers: number; lastImportAt: string | null };
  webhooks: {
    id: string;
    url: string;
    events: string[];
    disabled: boolean;
    disabledReason: string | null;
    createdAt: string;
    lastDelivery: { at: string; statusCode: number | null } | null;
    /** Failed attempts (and dead events) in the last 7 days, and the newest one. */
    failures7d: number;
    lastFailure: { at: string; statusCode: number | null; error: string | null } | null;
  }[];
  identityKeys: { kid: string; createdAt: string }[];
}
