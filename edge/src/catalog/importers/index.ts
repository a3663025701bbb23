import type { ZodError, ZodType } from 'zod';
import { Product, type CatalogFormat } from '../../../../shared/catalog';
import type { ErrorIssue } from '../../../../shared/errors';
import { fromShopify, ShopifyProduct } from './shopify';
import { fromWooCommerce, WooProduct } from './woocommerce';

export interface Converted {
  products: Product[];
  /** Paths are `['products', index, ...]`; messages name the item. */
  issues: ErrorIssue[];
}

function itemName(item: unknown, index: number): string {
  const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const id = o.id ?? o.handle ?? o.slug;
  const title = o.title ?? o.name;
  const parts = [id !== undefined ? `id ${JSON.stringify(id)}` : `#${index}`, typeof title === 'string' ? `"${title.slice(0, 80)}"` : ''];
  return `product ${parts.filter(Boolean).join(' ')}`;
}

function pushIssues(issues: ErrorIssue[], error: ZodError, index: number, item: unknown, stage: string) {
  for (const i of error.issues) {
    issues.push({
      path: ['products', index, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: `${itemName(item, index)}: ${stage}${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`,
      code: i.code,
    });
  }
}

/**
 * Converts items of one format into validated Aisle products. Every item is checked, so one
 * request reports all bad items at once; the caller writes nothing when there are issues.
 */
export function convertCatalog(format: CatalogFormat, items: unknown[], opts: { currency?: string } = {}): Converted {
  const products: Product[] = [];
  const issues: ErrorIssue[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    let input: unknown = item;
    if (format !== 'aisle') {
      const shape: ZodType = format === 'shopify' ? ShopifyProduct : WooProduct;
      const parsed = shape.safeParse(item);
      if (!parsed.success) return pushIssues(issues, parsed.error, index, item, `not a valid ${format} product: `);
      if (format === 'shopify' && !(parsed.data as { currency?: string }).currency && !opts.currency) {
        issues.push({
          path: ['products', index],
          message: `${itemName(item, index)}: Shopify products carry no currency; send "currency" (e.g. "EUR") with the import`,
          code: 'custom',
        });
        return;
      }
      input = format === 'shopify' ? fromShopify(parsed.data as never, opts.currency) : fromWooCommerce(parsed.data as never);
    }
    const product = Product.safeParse(input);
    if (!product.success) return pushIssues(issues, product.error, index, item, '');
    const first = seen.get(product.data.id);
    if (first !== undefined) {
      issues.push({ path: ['products', index, 'id'], message: `${itemName(item, index)}: duplicate id (also item ${first})`, code: 'custom' });
      return;
    }
    seen.set(product.data.id, index);
    products.push(product.data);
  });
  return { products, issues };
}
