import type { ShopView } from '../../shared/shop';
import type { SetupChecklist, TestQuestion, TestRun } from '../../shared/console';

export type { SetupChecklist, ShopView, TestQuestion, TestRun };

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
