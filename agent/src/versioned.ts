import { ApiError } from '../../app-kit/src/session';

/**
 * A versioned write: like the app-kit client's calls (session cookie, x-aisle-csrf), plus
 * If-Match with the version the ticket was read with. A 412 surfaces as ApiError status 412.
 */
export async function versionedPut(shop: string, csrf: string, path: string, version: number, body: unknown): Promise<unknown> {
  const res = await fetch(`/v1/shops/${encodeURIComponent(shop)}${path}`, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-aisle-csrf': csrf, 'if-match': `W/"${version}"` },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; issues?: unknown[] } } | null;
  if (!res.ok) throw new ApiError({ status: res.status, code: data?.error?.code ?? 'error', message: data?.error?.message ?? `Request failed (${res.status})`, issues: data?.error?.issues });
  return data;
}
