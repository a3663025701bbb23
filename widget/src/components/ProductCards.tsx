import type { ProductCard } from '../../../shared/chat';
import type { Strings } from '../lib/i18n';
import { safeHref } from '../lib/href';
import { CardSlot } from './Lazy';

/** Product links stay in the tab when they point at the shop itself (the chat follows along). */
function productLink(url: string | undefined): { href: string; external: boolean } | null {
  if (!url) return null;
  try {
    const u = new URL(url, location.href);
    if (u.origin === location.origin) return { href: u.href, external: false };
  } catch {
    return null;
  }
  const href = safeHref(url);
  return href ? { href, external: true } : null;
}

function imageSrc(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function formatPrice(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

const BADGE: Record<ProductCard['availability'], keyof Strings> = {
  in_stock: 'inStock',
  low_stock: 'lowStock',
  out_of_stock: 'outOfStock',
  preorder: 'preorder',
};

export function ProductCards({ products, s, locale }: { products: ProductCard[]; s: Strings; locale: string }) {
  if (!products.length) return null;
  return (
    <ul class="aisle-products" role="list">
      {products.map((p) => {
        const v = p.variant;
        const availability = v?.availability ?? p.availability;
        const link = productLink(p.url);
        const img = imageSrc(p.image);
        const options = v ? Object.entries(v.options).map(([k, val]) => `${k}: ${val}`).join(' · ') : '';
        return (
          <li class="aisle-product" key={p.id}>
            <div class="aisle-product-img">{img ? <img src={img} alt="" width={72} height={72} loading="lazy" decoding="async" onError={(e) => e.currentTarget.remove()} /> : null}</div>
            <div class="aisle-product-body">
              {link ? (
                <a class="aisle-product-title" href={link.href} {...(link.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
                  {p.title}
                </a>
              ) : (
                <span class="aisle-product-title">{p.title}</span>
              )}
              {options ? <span class="aisle-product-options">{options}</span> : null}
              <span class="aisle-product-meta">
                <span class="aisle-price">{formatPrice(v?.price ?? p.price, p.currency, locale)}</span>
                <span class={`aisle-badge aisle-badge-${availability}`}>{s[BADGE[availability] ?? 'inStock']}</span>
              </span>
              {/* View and Add to cart: in the lazy cards chunk (components/ProductActions.tsx). */}
              {link || p.cart ? <CardSlot wait={<div class="aisle-product-actions" />} render={(c) => <c.ProductActions card={p} link={link} />} /> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
