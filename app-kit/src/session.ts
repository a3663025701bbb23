/**
 * The people's pages (agent workspace, console) talk to the Worker with a session cookie made by
 * POST /v1/shops/:shop/sessions from a shop key; the key itself is never kept in the page.
 * Every state-changing call sends the session's CSRF token in `x-aisle-csrf`; the browser sends
 * the same-origin Origin header by itself.
 */
export interface SessionView {
  kind: 'agent' | 'admin';
  keyId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface ApiProblem {
  status: number;
  code: string;
  message: string;
  issues?: unknown[];
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly problem: ApiProblem) {
    super(problem.message);
  }
}

/** The shop comes from the page's path: /agent/<shop> or /console/<shop>. */
export function shopFromPath(pathname = location.pathname): string | null {
  const [, , shop] = pathname.split('/');
  return shop ? decodeURIComponent(shop) : null;
}

export function createClient(shop: string) {
  let csrf: string | null = null;
  const base = `/v1/shops/${encodeURIComponent(shop)}`;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-aisle-csrf'] = csrf;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return undefined as T;
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      const e = (data as { error?: { code?: string; message?: string; issues?: unknown[] } } | null)?.error;
      throw new ApiError({ status: res.status, code: e?.code ?? 'error', message: e?.message ?? `Request failed (${res.status})`, issues: e?.issues });
    }
    return data as T;
  }

  return {
    shop,
    /** The current session, or null when signed out (401). */
    async current(): Promise<SessionView | null> {
      try {
        const s = await request<SessionView>('GET', '/sessions/current');
        csrf = s.csrfToken;
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.problem.status === 401) return null;
        throw e;
      }
    },
    async signIn(key: string): Promise<SessionView> {
      const s = await request<SessionView>('POST', '/sessions', { key });
      csrf = s.csrfToken;
      return s;
    },
    async signOut(): Promise<void> {
      await request<void>('DELETE', '/sessions/current');
      csrf = null;
    },
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
    patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
    del: <T>(path: string) => request<T>('DELETE', path),
  };
}

export type ApiClient = ReturnType<typeof createClient>;
