import { expect } from 'vitest';
import { ErrorBody } from '../../../shared/errors';
import { api, json } from '../helpers';

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Any request to a shop-scoped path, with an optional key and JSON body. */
export function call(method: string, path: string, key?: string, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers, ...(key ? bearer(key) : {}) };
  if (body === undefined) return api(path, { method, headers: h });
  return api(path, { ...json(body, h), method });
}

export async function expectError(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = ErrorBody.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  return body;
}

/**
 * Whether the shop accepts a customer token: a valid token reaches the conversation lookup
 * (404 for an unknown conversation), an invalid one stops at the token check (401).
 */
export async function tokenAccepted(shopId: string, token: string): Promise<boolean> {
  const res = await api(`/v1/shops/${shopId}/conversations/${crypto.randomUUID()}`, { headers: bearer(token) });
  await res.body?.cancel();
  if (res.status === 404) return true;
  if (res.status === 401) return false;
  throw new Error(`unexpected status ${res.status}`);
}
