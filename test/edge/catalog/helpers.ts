import { api, createShop, type TestShop } from '../helpers';

export const auth = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

export function importCatalog(shop: TestShop, body: unknown, method: 'PUT' | 'POST' = 'PUT', key = shop.adminKey) {
  return api(`/v1/shops/${shop.shopId}/catalog`, { method, headers: auth(key), body: JSON.stringify(body) });
}

export interface SearchHit {
  id: string;
  title: string;
  price: number;
  currency: string;
  availability: string;
  image?: string;
  url?: string;
  score: number;
  variant?: { id: string; title: string; options: Record<string, string>; price: number; availability: string };
}

export async function search(shop: TestShop, q: string, params: Record<string, string> = {}): Promise<SearchHit[]> {
  const qs = new URLSearchParams({ q, ...params });
  const res = await api(`/v1/shops/${shop.shopId}/catalog/search?${qs}`, { headers: auth(shop.adminKey) });
  if (res.status !== 200) throw new Error(`search ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { hits: SearchHit[] }).hits;
}

export async function shopWithCatalog(products: unknown[], extra: Record<string, unknown> = {}): Promise<TestShop> {
  const shop = await createShop();
  const res = await importCatalog(shop, { products, ...extra });
  if (res.status !== 200) throw new Error(`import ${res.status}: ${await res.text()}`);
  return shop;
}
