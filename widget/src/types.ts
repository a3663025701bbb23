import type { LauncherStrings, Strings } from './lib/i18n';
import type { ConversationStore } from './lib/storage';

/** `cart` (v1.2): the shopper added a card's item to the shop's cart ({ platform, id, productId }). */
export type AisleEvent = 'open' | 'close' | 'message' | 'handoff' | 'error' | 'cart';
export type TokenProvider = () => string | null | undefined | Promise<string | null | undefined>;
export type Identity = string | TokenProvider | null;

/** What the loader hands the lazily loaded panel: everything it needs, nothing global. */
export interface PanelContext {
  /** The element inside the shadow root the panel renders into. */
  root: HTMLElement;
  shadow: ShadowRoot;
  shop: string;
  title: string;
  /** API base, e.g. "https://aisle.example.workers.dev" (no trailing slash). */
  api: string;
  locale: string;
  strings: Strings & LauncherStrings;
  greeting?: string;
  /** CSP nonce for the panel's <style>. */
  nonce?: string;
  conversation: ConversationStore;
  /** The current customer token; `refresh` asks the provider again (after a 401). */
  getToken(refresh: boolean): Promise<string | null>;
  emit(event: AisleEvent, detail?: unknown): void;
  close(): void;
  /** What `Aisle.setContext()` last said about the page (lib/page-context.ts reads the rest). */
  pageContext(): import('./lib/page-context').GivenContext | undefined;
  /** A reply finished; the launcher shows it as unread when the panel is closed. */
  replied(): void;
  /**
   * Replaces the network for every panel request. Not a mount option: only the merchant
   * console's preview sets it (wrapping createPanel), so shoppers' loader pays nothing for it.
   */
  fetch?: typeof fetch;
}

export interface PanelHandle {
  /** `focus`: move focus into the composer (not when the panel reopens by itself after navigation). */
  show(focus: boolean): void;
  hide(): void;
  reset(): void;
  identityChanged(): void;
  destroy(): void;
}

export interface PanelModule {
  createPanel(ctx: PanelContext): PanelHandle;
}
