import { mount, type AisleHandle } from './index';

/**
 * widget.js: what the merchant's `<script src=".../widget.js" data-shop="…" async>`
 * runs. Reads the script's data-* attributes, mounts the widget and turns
 * `window.Aisle` (the only global) into the public API. Calls queued before
 * this script ran (`window.Aisle = window.Aisle || { q: [] }` snippet) are
 * replayed in order.
 */
type Call = [keyof AisleHandle, ArrayLike<unknown>];
interface GlobalAisle {
  q?: Call[];
  __live?: boolean;
}

(() => {
  const w = window as unknown as { Aisle?: GlobalAisle };
  const existing = w.Aisle;
  // The snippet pasted twice (theme + app block) must not mount two widgets.
  if (existing?.__live) return;
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  if (!data.shop) {
    console.warn('Aisle: add data-shop="<your shop id>" to the widget.js script tag.');
    return;
  }
  const assetBase = script?.src ? new URL('.', script.src).href : new URL('/', location.href).href;
  const handle = mount({
    shop: data.shop,
    api: data.api || new URL(assetBase).origin,
    assetBase,
    position: data.position === 'left' ? 'left' : 'right',
    color: data.color,
    theme: data.theme,
    prefetch: data.prefetch,
    greeting: data.greeting,
    locale: data.locale,
    title: data.title,
    open: data.open === 'true',
    // Browsers hide the nonce attribute after parsing; the property keeps it.
    nonce: data.nonce || script?.nonce || undefined,
    cookieDomain: data.cookieDomain,
  });
  const api = {
    __live: true,
    open: () => handle.open(),
    close: () => handle.close(),
    identify: (identity: Parameters<AisleHandle['identify']>[0]) => handle.identify(identity),
    reset: () => handle.reset(),
    setContext: (context: Parameters<AisleHandle['setContext']>[0]) => handle.setContext(context),
    on: (event: Parameters<AisleHandle['on']>[0], fn: (d: unknown) => void) => handle.on(event, fn),
  };
  w.Aisle = api;
  for (const [method, args] of existing?.q ?? []) {
    const fn = (api as unknown as Record<string, (...a: unknown[]) => void>)[method];
    if (typeof fn === 'function') fn(...Array.from(args));
  }
})();
