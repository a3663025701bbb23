import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../../app-kit/src/session';

export interface ConsoleContext {
  client: ApiClient;
  /** A call the kit's client has no shape for (DELETE with a JSON body), with the session's CSRF token. */
  send<T>(method: string, path: string, body: unknown): Promise<T>;
  /** The session ended (expired, signed out elsewhere, admin key rotated): show the sign-in again. */
  signedOut(): void;
  /** A knowledge gap turned into a draft test question (Metrics -> Test questions). */
  draftQuestion: string | null;
  setDraftQuestion(q: string | null): void;
}

export const Ctx = createContext<ConsoleContext>(null as unknown as ConsoleContext);
export const useConsole = () => useContext(Ctx);

/** Words a merchant reads for a failed call; a 401 ends the page's session instead. */
export function problemText(err: unknown, ctx: ConsoleContext): string {
  if (err instanceof ApiError) {
    if (err.problem.status === 401) ctx.signedOut();
    return err.problem.message;
  }
  return 'Could not reach the server. Try again.';
}

/** Loads `path` on mount and whenever `deps` change; `reload()` loads it again. */
export function useLoad<T>(path: string | null, deps: unknown[] = []) {
  const ctx = useConsole();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setError(null);
    ctx.client.get<T>(path).then(
      (d) => live && setData(d),
      (e) => live && setError(problemText(e, ctx)),
    );
    return () => {
      live = false;
    };
  }, [path, tick, ...deps]);
  return { data, error, reload: () => setTick((t) => t + 1), setData };
}

/** Same contract as app-kit's client: JSON in, JSON out, errors as ApiError. */
export async function sendJson<T>(shop: string, csrf: string, method: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`/v1/shops/${encodeURIComponent(shop)}${path}`, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-aisle-csrf': csrf },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; issues?: unknown[] } } | null)?.error;
    throw new ApiError({ status: res.status, code: e?.code ?? 'error', message: e?.message ?? `Request failed (${res.status})`, issues: e?.issues });
  }
  return data as T;
}

export const fmtDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' : 'never');
