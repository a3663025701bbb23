/**
 * Where the conversation id lives between page loads: localStorage (per shop)
 * and, when the merchant sets `data-cookie-domain`, a first-party cookie on
 * that domain so www.shop.com and help.shop.com continue the same chat.
 * Storage can throw (Safari private mode, sandboxed iframes, blocked cookies);
 * every access is guarded so the widget still works, only without memory.
 */
export interface ConversationStore {
  get(): string | null;
  /** The server-issued conversation secret (v1.1), kept next to the id under its own key. */
  secret(): string | null;
  /** A new id forgets the old secret; the secret arrives with the first reply. */
  set(id: string, secret?: string): void;
  clear(): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function createConversationStore(shop: string, cookieDomain?: string): ConversationStore {
  // `kind` is 'conversation' (cookie suffix cid) or 'secret' (cs).
  const key = (kind: string) => `aisle:${shop}:${kind}`;
  const cookieName = (kind: string) => `aisle_${shop.replace(/[^A-Za-z0-9_-]/g, '_')}_${kind === 'secret' ? 'cs' : 'cid'}`;
  const maxAge = 60 * 60 * 24 * 30;

  const write = (kind: string, value: string, age: number) => {
    try {
      if (age) localStorage.setItem(key(kind), value);
      else localStorage.removeItem(key(kind));
    } catch {
      /* storage blocked */
    }
    if (!cookieDomain) return;
    try {
      document.cookie = `${cookieName(kind)}=${value}; Domain=${cookieDomain}; Path=/; Max-Age=${age}; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
    } catch {
      /* cookies blocked */
    }
  };

  const read = (kind: string) => {
    let value: string | null = null;
    try {
      value = localStorage.getItem(key(kind));
    } catch {
      /* storage blocked */
    }
    if (!value && cookieDomain) {
      try {
        const m = document.cookie.match(new RegExp(`(?:^|; )${cookieName(kind)}=([^;]+)`));
        value = m ? m[1]! : null;
      } catch {
        /* cookies blocked */
      }
    }
    return value;
  };

  return {
    get() {
      const id = read('conversation');
      return id && UUID.test(id) ? id : null;
    },
    secret: () => read('secret'),
    set(id, secret) {
      write('conversation', id, maxAge);
      write('secret', secret ?? '', secret ? maxAge : 0);
    },
    clear() {
      write('conversation', '', 0);
      write('secret', '', 0);
    },
  };
}

/** A v4 UUID; crypto.randomUUID only exists in secure contexts, so fall back to getRandomValues. */
export function newConversationId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
