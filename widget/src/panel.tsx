import { render } from 'preact';
import { setLazyTarget } from './components/Lazy';
import { loadMarkdown } from './components/Rich';
import { Panel } from './components/Panel';
import { injectStyle } from './lib/style';
import css from './styles.css?inline';
import { ChatModel, loadPageContext } from './state/chat';
import type { PanelContext, PanelHandle } from './types';

/**
 * The lazily loaded half of the widget: the conversation UI. The loader calls
 * createPanel once, on first open (or when idle), with everything it needs.
 */
export function createPanel(ctx: PanelContext): PanelHandle {
  injectStyle(ctx.shadow, css, 'panel', ctx.nonce);
  const model = new ChatModel(ctx);
  setLazyTarget(ctx, model);
  render(<Panel ctx={ctx} model={model} />, ctx.root);
  const input = () => ctx.root.querySelector<HTMLTextAreaElement>('textarea');
  return {
    show(focus) {
      void model.restore();
      void loadMarkdown().catch(() => {});
      void loadPageContext().catch(() => {});
      if (focus) input()?.focus({ preventScroll: true });
    },
    hide() {},
    reset() {
      model.reset();
    },
    identityChanged() {
      model.identityChanged();
    },
    destroy() {
      model.stop();
      render(null, ctx.root);
    },
  };
}
