import css from './launcher.css?inline';
import { resolveLocale, type Language, type Strings } from './lib/i18n';
import { createConversationStore } from './lib/storage';
import { injectStyle } from './lib/style';
import { themeCss } from './lib/theme';
import type { AisleEvent, Identity, PanelContext, PanelHandle, PanelModule } from './types';

export type { AisleEvent, Identity, TokenProvider } from './types';
import type { GivenContext } from './lib/page-context';

/** File names of the panel chunk and of each language's strings, relative to assetBase; set by widget/build.mjs. */
declare const __AISLE_PANEL__: string;
declare const __AISLE_STRINGS__: Record<Language, string>;

export interface MountOptions {
  /** The shop id, as in `data-shop`. */
  shop: string;
  /** API origin; defaults to the origin of assetBase. */
  api?: string;
  /** Where widget.js lives; the panel chunk is loaded relative to it. */
  assetBase?: string;
  position?: 'right' | 'left';
  /** The shop colour (any CSS colour): every accent is derived from it with readable contrast. */
  color?: string;
  /** `light` or `dark` forces a theme; default: follow `prefers-color-scheme`. */
  theme?: string;
  /** `idle`: fetch the panel when the browser is idle. Default: only on intent (hover, focus, touch) or when a conversation exists. */
  prefetch?: string;
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
  /** Loads one language's panel strings; defaults to importing the built chunk next to widget.js. */
  loadStrings?: (language: Language) => Promise<{ default: Strings }>;
}

export interface AisleHandle {
  open(): void;
  close(): void;
  identify(identity: Identity): void;
  /** What the shopper is looking at, for pages without Product JSON-LD (chat contract `context`). */
  setContext(context: GivenContext | null): void;
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
  const { tag: locale, language, launcher: strings } = resolveLocale(options.locale);
  const conversation = createConversationStore(options.shop, options.cookieDomain);
  const listeners = new Map<AisleEvent, Set<(d: unknown) => void>>();
  let given: GivenContext | undefined;
  const title = options.title || document.querySelector<HTMLMetaElement>('meta[property="og:site_name"]')?.content || location.hostname;

  // A custom tag name keeps page selectors like `div { … }` from matching the host.
  const host = document.createElement('aisle-widget');
  host.setAttribute('data-aisle', '');
  const shadow = host.attachShadow({ mode: 'open' });

  const rootEl = el('div', `aisle-root aisle-${options.position === 'left' ? 'left' : 'right'}`);
  if (options.theme === 'light' || options.theme === 'dark') rootEl.dataset.theme = options.theme;
  // The top layer puts the widget above any z-index the page uses (cookie walls, sticky
  // headers at 2147483647). A manual popover stays open until we hide it and, unlike a modal
  // dialog, leaves the page usable. Without popover support the fixed elements' z-index of
  // 2147483000 is the fallback.
  const topLayer = typeof rootEl.showPopover === 'function';
  if (topLayer) rootEl.popover = 'manual';
  const panelEl = el('div', 'aisle-panel');
  panelEl.id = 'aisle-panel';
  panelEl.hidden = true;
  const launcher = el('button', 'aisle-launcher') as HTMLButtonElement;
  launcher.type = 'button';
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.setAttribute('aria-controls', 'aisle-panel');
  const badge = el('span', 'aisle-unread');
  badge.setAttribute('aria-hidden', 'true');
  launcher.append(icon(LAUNCHER_ICON, 'aisle-icon-open'), icon(CLOSE_ICON, 'aisle-icon-close'), badge);
  rootEl.append(panelEl, launcher);
  shadow.append(rootEl);
  injectStyle(shadow, themeCss(options.color) + css, 'launcher', options.nonce);
  const openKey = `aisle:${options.shop}:open`;
  const remember = (open: boolean) => {
    try {
      // Per tab: the panel the shopper left open on one page is open on the next.
      if (open) sessionStorage.setItem(openKey, '1');
      else sessionStorage.removeItem(openKey);
    } catch {
      /* storage blocked */
    }
  };
  const wasOpen = () => {
    try {
      return sessionStorage.getItem(openKey) === '1';
    } catch {
      return false;
    }
  };

  let isOpen = false;
  let panel: PanelHandle | null = null;
  let loading: Promise<[PanelModule, { default: Strings }]> | null = null;
  let identity: Identity = null;
  let cachedToken: string | null = null;
  let destroyed = false;
  let unread = false;

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

  const chunk = <T,>(file: string) => import(/* @vite-ignore */ new URL(file, assetBase).href) as Promise<T>;
  const loadPanel = options.loadPanel ?? (() => chunk<PanelModule>(__AISLE_PANEL__));
  const loadStrings = options.loadStrings ?? ((lang: Language) => chunk<{ default: Strings }>(__AISLE_STRINGS__[lang]));
  // The panel and its language in parallel: two small requests, no waterfall.
  const load = () => Promise.all([loadPanel(), loadStrings(language)]);
  const ensurePanel = async (): Promise<PanelHandle | null> => {
    loading ??= load();
    let mod: PanelModule;
    let panelStrings: Strings;
    try {
      [mod, { default: panelStrings }] = await loading;
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
        strings: { ...panelStrings, ...strings },
        greeting: options.greeting,
        nonce: options.nonce,
        conversation,
        getToken,
        emit,
        pageContext: () => given,
        close: () => handle.close(),
        replied: () => {
          if (!isOpen) {
            unread = true;
            sync();
          }
        },
      };
      panel = mod.createPanel(ctx);
    }
    return panel;
  };

  const sync = () => {
    // Closed with a conversation to come back to: the launcher says so (and shows a dot).
    const resume = !isOpen && (unread || conversation.get() !== null);
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.setAttribute('aria-label', isOpen ? strings.closeChat : unread ? strings.newReply : resume ? strings.continueChat : strings.openChat);
    rootEl.classList.toggle('aisle-is-open', isOpen);
    rootEl.classList.toggle('aisle-resume', resume);
    rootEl.classList.toggle('aisle-has-unread', !isOpen && unread);
    panelEl.hidden = !isOpen;
  };
  const prefetch = () => void (loading ??= load()).catch(() => (loading = null));

  const show = (focus: boolean) => {
    if (isOpen || destroyed) return;
    isOpen = true;
    unread = false;
    remember(true);
    panelEl.classList.toggle('aisle-loading', !panel);
    // Back on top of anything the page put in the top layer since.
    if (topLayer && rootEl.isConnected) {
      rootEl.hidePopover();
      rootEl.showPopover();
    }
    sync();
    emit('open');
    ensurePanel().then(
      (p) => {
        panelEl.classList.remove('aisle-loading');
        if (p && isOpen) p.show(focus);
      },
      (err) => {
        console.error('Aisle: the chat panel could not be loaded', err);
        isOpen = false;
        remember(false);
        sync();
      },
    );
  };

  const handle: AisleHandle = {
    open() {
      show(true);
    },
    close() {
      if (!isOpen) return;
      // Only take focus back when it was inside the widget; Aisle.close() from page code must not steal it.
      const hadFocus = shadow.activeElement !== null;
      isOpen = false;
      remember(false);
      sync();
      panel?.hide();
      if (hadFocus) launcher.focus();
      emit('close');
    },
    setContext(next) {
      given = next || undefined;
    },
    identify(next) {
      identity = typeof next === 'function' || (typeof next === 'string' && next) ? next : null;
      cachedToken = null;
      panel?.identityChanged();
    },
    reset() {
      conversation.clear();
      conversation.clearReferences();
      unread = false;
      panel?.reset();
      sync();
    },
    on(event, fn) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => set!.delete(fn);
    },
    unmount() {
      destroyed = true;
      vv?.removeEventListener('resize', fit);
      vv?.removeEventListener('scroll', fit);
      panel?.destroy();
      host.remove();
      listeners.clear();
    },
  };

  // Phones: size the full-screen sheet to the visual viewport, which shrinks when the
  // on-screen keyboard opens (100% height would leave the composer under the keyboard).
  const vv = window.visualViewport;
  const fit = () => {
    if (!vv) return;
    panelEl.style.setProperty('--vvh', `${vv.height}px`);
    panelEl.style.setProperty('--vvt', `${vv.offsetTop}px`);
  };
  vv?.addEventListener('resize', fit);
  vv?.addEventListener('scroll', fit);
  fit();

  launcher.addEventListener('click', () => (isOpen ? handle.close() : handle.open()));
  // A shopper about to open the chat: fetch the panel now, so the click finds it loaded.
  for (const type of ['pointerenter', 'focus', 'touchstart']) launcher.addEventListener(type, prefetch, { passive: true, once: true });
  sync();

  const attach = () => {
    if (destroyed) return;
    (options.container ?? document.body ?? document.documentElement).append(host);
    if (topLayer) rootEl.showPopover();
    if (options.open) show(true);
    else if (wasOpen()) {
      // The panel was open on the previous page of this tab: open it again, without taking
      // focus, once the page has loaded, so the page's own Aisle.identify() has run before
      // the conversation is fetched (a customer's conversation needs their token).
      const reopen = () => setTimeout(() => show(false));
      if (document.readyState === 'complete') reopen();
      else window.addEventListener('load', reopen, { once: true });
    } else if (options.prefetch === 'idle' || conversation.get()) {
      // A conversation to continue (or the merchant opted in): fetch the panel when the page is
      // idle. Otherwise nothing beyond widget.js is fetched before the shopper shows interest.
      const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
      if (idle) idle(prefetch, { timeout: 4000 });
      else setTimeout(prefetch, 1500);
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
