import css from './launcher.css?inline';
import { resolveLocale } from './lib/i18n';
import { createConversationStore } from './lib/storage';
import { injectStyle } from './lib/style';
import type { AisleEvent, Identity, PanelContext, PanelHandle, PanelModule } from './types';

export type { AisleEvent, Identity, TokenProvider } from './types';

/** File name of the panel chunk, relative to assetBase; set by widget/build.mjs. */
declare const __AISLE_PANEL__: string;

export interface MountOptions {
  /** The shop id, as in `data-shop`. */
  shop: string;
  /** API origin; defaults to the origin of assetBase. */
  api?: string;
  /** Where widget.js lives; the panel chunk is loaded relative to it. */
  assetBase?: string;
  position?: 'right' | 'left';
  /** Accent colour (any CSS colour; hex colours also pick a readable text colour). */
  color?: string;
  greeting?: string;
  locale?: string;
  /** Shop name in the header; defaults to og:site_name, then the host name. */
  title?: string;
  open?: boolean;
  /** CSP nonce for the injected <style>. */
  nonce?: string;
  cookieDomain?: string;
  /** Parent of the host element; defaults to document.body. */
  container?: HTMLElement;
  /** Loads the panel module; defaults to importing the built chunk next to widget.js. */
  loadPanel?: () => Promise<PanelModule>;
}

export interface AisleHandle {
  open(): void;
  close(): void;
  identify(identity: Identity): void;
  reset(): void;
  on(event: AisleEvent, fn: (detail: unknown) => void): () => void;
  unmount(): void;
}

const LAUNCHER_ICON =
  'M21 11.5a8.4 8.4 0 0 1-9 8.4 9 9 0 0 1-3.9-.9L3 20.5l1.5-4.6A8 8 0 0 1 3 11.5 8.4 8.4 0 0 1 12 3a8.4 8.4 0 0 1 9 8.5z';
const CLOSE_ICON = 'M6 6l12 12M18 6L6 18';

/**
 * Mounts the widget: a launcher button in a shadow root, and the chat panel
 * loaded on first open or when the browser is idle. Returns the handle the
 * global `Aisle` API wraps.
 */
export function mount(options: MountOptions): AisleHandle {
  if (!options.shop) throw new Error('Aisle: mount() needs the `shop` option (data-shop on the script tag).');
  const assetBase = options.assetBase ?? (options.api ? `${options.api.replace(/\/$/, '')}/` : new URL('/', location.href).href);
  const api = (options.api ?? new URL(assetBase).origin).replace(/\/+$/, '');
  const { tag: locale, strings } = resolveLocale(options.locale);
  const conversation = createConversationStore(options.shop, options.cookieDomain);
  const listeners = new Map<AisleEvent, Set<(d: unknown) => void>>();
  const title = options.title || document.querySelector<HTMLMetaElement>('meta[property="og:site_name"]')?.content || location.hostname;

  // A custom tag name keeps page selectors like `div { … }` from matching the host.
  const host = document.createElement('aisle-widget');
  host.setAttribute('data-aisle', '');
  const shadow = host.attachShadow({ mode: 'open' });
  if (options.color) {
    host.style.setProperty('--aisle-accent', options.color);
    host.style.setProperty('--aisle-on-accent', readableOn(options.color));
  }

  const rootEl = el('div', `aisle-root aisle-${options.position === 'left' ? 'left' : 'right'}`);
  const panelEl = el('div', 'aisle-panel');
  panelEl.id = 'aisle-panel';
  panelEl.hidden = true;
  const launcher = el('button', 'aisle-launcher') as HTMLButtonElement;
  launcher.type = 'button';
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.setAttribute('aria-controls', 'aisle-panel');
  launcher.append(icon(LAUNCHER_ICON, 'aisle-icon-open'), icon(CLOSE_ICON, 'aisle-icon-close'));
  rootEl.append(panelEl, launcher);
  shadow.append(rootEl);
  injectStyle(shadow, css, 'launcher', options.nonce);

  let isOpen = false;
  let panel: PanelHandle | null = null;
  let loading: Promise<PanelModule> | null = null;
  let identity: Identity = null;
  let cachedToken: string | null = null;
  let destroyed = false;

  const emit = (event: AisleEvent, detail?: unknown) => {
    for (const fn of listeners.get(event) ?? []) {
      try {
        fn(detail);
      } catch (err) {
        // A broken host handler must not break the chat.
        console.error('Aisle: event handler failed', err);
      }
    }
  };

  const getToken = async (refresh: boolean): Promise<string | null> => {
    const current = identity;
    if (!current) return null;
    if (typeof current === 'string') return refresh ? null : current;
    if (cachedToken && !refresh) return cachedToken;
    const token = (await current()) || null;
    if (identity === current) cachedToken = token;
    return token;
  };

  const loadPanel =
    options.loadPanel ?? (() => import(/* @vite-ignore */ new URL(__AISLE_PANEL__, assetBase).href) as Promise<PanelModule>);
  const ensurePanel = async (): Promise<PanelHandle | null> => {
    loading ??= loadPanel();
    let mod: PanelModule;
    try {
      mod = await loading;
    } catch (err) {
      loading = null;
      emit('error', { code: 'load_failed', message: String(err) });
      throw err;
    }
    if (destroyed) return null;
    if (!panel) {
      const ctx: PanelContext = {
        root: panelEl,
        shadow,
        shop: options.shop,
        title,
        api,
        locale,
        strings,
        greeting: options.greeting,
        nonce: options.nonce,
        conversation,
        getToken,
        emit,
        close: () => handle.close(),
      };
      panel = mod.createPanel(ctx);
    }
    return panel;
  };

  const sync = () => {
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.setAttribute('aria-label', isOpen ? strings.closeChat : strings.openChat);
    rootEl.classList.toggle('aisle-is-open', isOpen);
    panelEl.hidden = !isOpen;
  };

  const handle: AisleHandle = {
    open() {
      if (isOpen || destroyed) return;
      isOpen = true;
      panelEl.classList.toggle('aisle-loading', !panel);
      sync();
      emit('open');
      ensurePanel().then(
        (p) => {
          panelEl.classList.remove('aisle-loading');
          if (p && isOpen) p.show();
        },
        (err) => {
          console.error('Aisle: the chat panel could not be loaded', err);
          isOpen = false;
          sync();
        },
      );
    },
    close() {
      if (!isOpen) return;
      // Only take focus back when it was inside the widget; Aisle.close() from page code must not steal it.
      const hadFocus = shadow.activeElement !== null;
      isOpen = false;
      sync();
      panel?.hide();
      if (hadFocus) launcher.focus();
      emit('close');
    },
    identify(next) {
      identity = typeof next === 'function' || (typeof next === 'string' && next) ? next : null;
      cachedToken = null;
      panel?.identityChanged();
    },
    reset() {
      conversation.clear();
      panel?.reset();
    },
    on(event, fn) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => set!.delete(fn);
    },
    unmount() {
      destroyed = true;
      panel?.destroy();
      host.remove();
      listeners.clear();
    },
  };

  launcher.addEventListener('click', () => (isOpen ? handle.close() : handle.open()));
  sync();

  const attach = () => {
    if (destroyed) return;
    (options.container ?? document.body ?? document.documentElement).append(host);
    if (options.open) handle.open();
    else {
      // Fetch the panel when the page is idle so the first open feels instant.
      const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
      const preload = () => void (loading ??= loadPanel()).catch(() => (loading = null));
      if (idle) idle(preload, { timeout: 4000 });
      else setTimeout(preload, 1500);
    }
  };
  if (document.body || options.container) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });

  return handle;
}

function el(tag: string, className: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function icon(d: string, className: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

/** Black or white, whichever reads better on a hex accent colour (WCAG relative luminance). */
export function readableOn(color: string): string {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return '#ffffff';
  const hex = m[1]!.length === 3 ? m[1]!.replace(/./g, '$&$&') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const L = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05/(L+.05); with black (L+.05)/.05. Pick the larger.
  return 1.05 / (L + 0.05) >= (L + 0.05) / 0.05 ? '#ffffff' : '#111111';
}
