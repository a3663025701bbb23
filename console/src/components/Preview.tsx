import { useEffect, useRef } from 'preact/hooks';
import { mount, type MountOptions } from '../../../widget/src/index';
import type { Language } from '../../../widget/src/lib/i18n';
import type { PanelContext, PanelModule } from '../../../widget/src/types';

export interface PreviewLook {
  color?: string;
  position?: 'right' | 'left';
  greeting?: string;
  locale?: string;
}

const PREVIEW_REPLY =
  'This is the preview: nothing you type here reaches the assistant. Shoppers see your colour, position and greeting as shown.';

/**
 * The preview transport: every request the panel would send is answered here, in the chat
 * stream's own format, so the preview makes no chat call and needs no allowed origin.
 */
export const previewFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if ((init?.method ?? 'GET') === 'POST' && url.endsWith('/chat')) {
    const chunks = [{ type: 'start' }, { type: 'text-start', id: 'p' }, { type: 'text-delta', id: 'p', delta: PREVIEW_REPLY }, { type: 'text-end', id: 'p' }, { type: 'finish' }];
    const body = chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }
  return Response.json({ error: { code: 'not_found', message: 'Not in the preview' } }, { status: 404 });
};

// The real panel and strings, bundled into the console; the panel gets the preview transport.
const loadPanel = async (): Promise<PanelModule> => {
  const mod = await import('../../../widget/src/panel');
  return { createPanel: (ctx: PanelContext) => mod.createPanel({ ...ctx, fetch: previewFetch }) };
};
const STRINGS = {
  en: () => import('../../../widget/src/locales/en'),
  es: () => import('../../../widget/src/locales/es'),
  fr: () => import('../../../widget/src/locales/fr'),
  de: () => import('../../../widget/src/locales/de'),
  it: () => import('../../../widget/src/locales/it'),
  pt: () => import('../../../widget/src/locales/pt'),
} satisfies Record<Language, unknown>;

/**
 * The console's CSP has no 'unsafe-inline' (nor a nonce), so the widget's <style> elements do
 * not apply here. Their text is adopted as constructed stylesheets instead, which CSP does not
 * govern; shoppers' pages still get the widget's own <style> (with the page's nonce).
 */
function adoptStyles(shadow: ShadowRoot): () => void {
  const adopt = () => {
    shadow.adoptedStyleSheets = [...shadow.querySelectorAll('style')].map((el) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(el.textContent ?? '');
      return sheet;
    });
  };
  adopt();
  const observer = new MutationObserver(adopt);
  observer.observe(shadow, { childList: true });
  return () => observer.disconnect();
}

/** Mounts the real widget inside `box`, open, with the look being edited. Remounts on change. */
export function WidgetPreview({ shop, title, look }: { shop: string; title: string; look: PreviewLook }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = box.current!;
    // Its own storage keys: the demo pages on this origin keep their conversation.
    const previewShop = `${shop}~preview`;
    // Reopen without taking focus (the widget's own "was open on the previous page" path),
    // so typing in the settings form is not interrupted by each remount.
    try {
      sessionStorage.setItem(`aisle:${previewShop}:open`, '1');
    } catch {
      /* storage blocked: the preview stays closed until its launcher is clicked */
    }
    const options: MountOptions = {
      shop: previewShop,
      api: location.origin,
      assetBase: `${location.origin}/`,
      container,
      title,
      color: look.color,
      position: look.position,
      greeting: look.greeting,
      locale: look.locale,
      loadPanel,
      loadStrings: (lang) => STRINGS[lang](),
    };
    const handle = mount(options);
    handle.reset();
    const host = container.querySelector('aisle-widget')!;
    const shadow = host.shadowRoot!;
    const stop = adoptStyles(shadow);
    // Keep it inside the box: out of the top layer, and positioned against the box (it has a transform).
    const root = shadow.querySelector<HTMLElement>('.aisle-root')!;
    if (root.matches(':popover-open')) root.hidePopover();
    root.removeAttribute('popover');
    root.showPopover = root.hidePopover = () => {};
    return () => {
      stop();
      handle.unmount();
    };
  }, [shop, title, look.color, look.position, look.greeting, look.locale]);
  return <div ref={box} class="con-preview" data-testid="widget-preview" />;
}
