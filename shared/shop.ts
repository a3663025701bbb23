import { z } from 'zod';

export const ShopId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lowercase letters, digits and dashes, 2 to 40 characters');

export const Origin = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v;
    } catch {
      return false;
    }
  }, 'an origin such as https://shop.example.com (scheme, host and optional port, no path)');

/** Added in v1.2 (assisted mode): who sends an answer of a class, the assistant or a person after approval. */
export const ANSWER_CLASSES = ['product', 'policy', 'order', 'other'] as const;
export type AnswerClass = (typeof ANSWER_CLASSES)[number];
export const AnswerMode = z.enum(['autonomous', 'assisted']);
export type AnswerMode = z.infer<typeof AnswerMode>;

export const ShopSettings = z.object({
  widget: z
    .object({
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
      position: z.enum(['right', 'left']).optional(),
      greeting: z.string().max(300).optional(),
      locale: z.string().max(10).optional(),
    })
    .default({}),
  support: z
    .object({
      timeZone: z.string().max(60).default('UTC'),
      /** e.g. "Mon-Fri 09:00-17:00" shown to agents and shoppers. */
      hours: z.string().max(120).optional(),
      /** What shoppers are told after a handoff, e.g. "within 4 business hours". */
      expectedReply: z.string().max(120).default('within one business day'),
      /**
       * Added in v1.1 (agent workspace): minutes an agent may own a conversation without writing to
       * the shopper; after that the assistant answers again and the shopper is told.
       */
      ownershipTimeout: z.number().int().min(1).max(10_080).default(30),
      /** Added in v1.1: the shop's support address, the Reply-To of "you have a reply" emails. */
      email: z.email().max(320).optional(),
      /** Added in v1.1: email every agent with an email address when a new ticket arrives (no ticket content). */
      emailAgentsOnNewTicket: z.boolean().default(false),
      /** Added in v1.1: a reply not seen live within this many minutes is emailed to a shopper who left. */
      replyEmailAfterMinutes: z.number().int().min(1).max(1440).default(10),
    })
    .default({ timeZone: 'UTC', expectedReply: 'within one business day', ownershipTimeout: 30, emailAgentsOnNewTicket: false, replyEmailAfterMinutes: 10 }),
  model: z.object({ name: z.string().max(100).optional(), maxOutputTokens: z.number().int().min(64).max(4000).optional() }).default({}),
  budgets: z
    .object({ messagesPerDay: z.number().int().min(1).optional(), tokensPerDay: z.number().int().min(1).optional() })
    .default({}),
  /** Conversations and audit records older than this are deleted by the daily job. */
  retentionDays: z.number().int().min(1).max(3650).default(180),
  /** Cap on customer token lifetime (exp - iat). */
  maxTokenLifetimeSeconds: z.number().int().min(60).max(86_400).default(3600),
  /**
   * Extra origins replies may link to (added in v1.1), besides the shop's allowed origins and
   * the origins of its imported product and policy URLs. Links elsewhere become plain text.
   */
  linkOrigins: z.array(Origin).max(50).optional(),
  /**
   * Added in v1.2: the storefront's platform. With `shopify` or `woocommerce`, product cards offer
   * Add to cart through that platform's own storefront cart endpoints (see the README).
   */
  platform: z.enum(['shopify', 'woocommerce', 'other']).optional(),
  /** Optional live order source: the merchant's own endpoint, called with a signed request. */
  orderEndpoint: z.object({ url: z.url(), timeoutMs: z.number().int().min(200).max(10_000).default(3000) }).optional(),
  /** Guest order help (added in v1.1): order number plus email opens one order for a while. */
  guestOrders: z
    .object({
      enabled: z.boolean().default(true),
      /** How long a match shows that one order. */
      grantMinutes: z.number().int().min(5).max(120).default(30),
      /** Second factor: a 6-digit code mailed to the order's email before the order is shown. */
      oneTimeCode: z.boolean().default(false),
    })
    .default({ enabled: true, grantMinutes: 30, oneTimeCode: false }),
  /**
   * Assisted mode (added in v1.2): per answer class, `assisted` holds the guarded reply as a draft
   * until a person approves or edits it in the agent workspace. Handoffs are never held.
   */
  assisted: z
    .strictObject({
      product: AnswerMode.default('autonomous'),
      policy: AnswerMode.default('autonomous'),
      order: AnswerMode.default('autonomous'),
      other: AnswerMode.default('autonomous'),
    })
    .default({ product: 'autonomous', policy: 'autonomous', order: 'autonomous', other: 'autonomous' }),
  /**
   * Added in v1.3: requests besides money and fulfilment that this shop sends to a person rather
   * than having them answered. `accountClosing`: "please close my account" and "delete my
   * profile" open an `other` ticket (asking how it is done is still answered from the policies).
   */
  routeToPerson: z.strictObject({ accountClosing: z.boolean().default(false) }).default({ accountClosing: false }),
  /** Added in v1.2: minutes a held reply waits for approval; then it becomes a handoff ticket with the draft (README "Assisted mode"). */
  assistedTimeout: z.number().int().min(1).max(1440).default(15),
});
export type ShopSettings = z.infer<typeof ShopSettings>;
export const ShopSettingsPatch = ShopSettings.partial();

export const ShopCreate = z.strictObject({
  id: ShopId,
  name: z.string().trim().min(1).max(120),
  allowedOrigins: z.array(Origin).max(50).default([]),
  settings: ShopSettingsPatch.optional(),
});

/** What admins see about their shop; secrets and key hashes never leave the Worker. */
export interface ShopView {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: ShopSettings;
  identityKeys: { kid: string; createdAt: string }[];
  createdAt: string;
}
