import type { ShopView } from '../../shared/shop';
import type { TestQuestion, TestRun } from '../../shared/console';

export type { ShopView, TestQuestion, TestRun };

/** GET /console/setup (edge/src/console/setup.ts). */
export interface SetupChecklist {
  shopId: string;
  allowedOrigins: string[];
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
    failures7d: number;
    lastFailure: { at: string; statusCode: number | null; error: string | null } | null;
  }[];
  identityKeys: { kid: string; createdAt: string }[];
}

export interface MetricsReport {
  shopId: string;
  timeZone: string;
  from: string;
  to: string;
  days: { day: string; metrics: Record<string, number> }[];
  totals: Record<string, number>;
}

export interface KnowledgeGap {
  key: string;
  count: number;
  reasons: string[];
  examples: string[];
  lastSeen: string;
}

export interface ProductHit {
  id: string;
  title: string;
  price: number;
  currency: string;
  availability: string;
  url?: string;
  score: number;
  variant?: { id: string; title: string };
}

export interface PolicyHit {
  id: string;
  documentId: string;
  title: string;
  url?: string;
  heading?: string;
  text: string;
  score: number;
}
