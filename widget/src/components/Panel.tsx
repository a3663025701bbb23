import { Component, createRef } from 'preact';
import type { ChatModel, ChatState } from '../state/chat';
import type { PanelContext } from '../types';
import { fill } from '../lib/i18n';
import { Composer } from './Composer';
import { CloseIcon, InfoIcon, NewIcon } from './Icons';
import { Message } from './Message';

const FOCUSABLE = 'a[href], button:not([disabled]), textarea, input:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface Props {
  ctx: PanelContext;
  model: ChatModel;
}

/**
 * The dialog. A class component on purpose: preact/hooks would add ~1 KB gzip
 * to a widget that lives inside every page of the shop.
 */
export class Panel extends Component<Props, ChatState> {
  private log = createRef<HTMLDivElement>();
  private pinned = true;
  private off?: () => void;

  constructor(props: Props) {
    super(props);
    this.state = props.model.state;
  }

  override componentDidMount() {
    this.off = this.props.model.subscribe((s) => this.setState(s));
  }

  override componentWillUnmount() {
    this.off?.();
  }

  // Follow the stream while the shopper is at the bottom; leave them alone if they scrolled up to read.
  override componentDidUpdate() {
    const el = this.log.current;
    if (el && this.pinned) el.scrollTop = el.scrollHeight;
  }

  private onKeyDown = (e: KeyboardEvent) => {
    const { ctx } = this.props;
    if (e.key === 'Escape') {
      e.stopPropagation();
      ctx.close();
      return;
    }
    if (e.key !== 'Tab') return;
    // Keep Tab inside the dialog; the shadow root, not document, knows the focused element.
    const items = Array.from(ctx.root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = ctx.shadow.activeElement;
    if (e.shiftKey && (active === first || !ctx.root.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !ctx.root.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  override render({ ctx, model }: Props, state: ChatState) {
    const s = ctx.strings;
    const chips = state.streaming ? [] : (state.suggestions ?? (state.messages.length ? [] : [s.sWhereOrder, s.sReturns, s.sShipping, s.sHuman]));
    const title = fill(s.chatWith, { shop: ctx.title });
    return (
      <div class="aisle-dialog" role="dialog" aria-label={title} onKeyDown={this.onKeyDown}>
        <header class="aisle-header">
          <div class="aisle-header-text">
            <h2 class="aisle-title">{ctx.title}</h2>
          </div>
          <button type="button" class="aisle-icon-btn" aria-label={s.newChat} title={s.newChat} onClick={() => model.reset()} disabled={!state.messages.length}>
            <NewIcon />
          </button>
          <button type="button" class="aisle-icon-btn" aria-label={s.closeChat} title={s.closeChat} onClick={() => ctx.close()}>
            <CloseIcon />
          </button>
        </header>
        <div
          class="aisle-log"
          ref={this.log}
          onScroll={(e) => {
            const el = e.currentTarget as HTMLDivElement;
            this.pinned = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          }}
        >
          <ul class="aisle-messages" aria-label={title}>
            <li class="aisle-msg aisle-assistant">
              <div class="aisle-bubble">{ctx.greeting || s.greeting}</div>
            </li>
            {state.messages.map((m) => (
              <Message key={m.id} message={m} s={s} locale={ctx.locale} onRetry={(text) => void model.send(text)} />
            ))}
          </ul>
          {state.restoring ? <div class="aisle-meta aisle-restoring" aria-hidden="true">…</div> : null}
        </div>
        {state.notice ? (
          <div class={`aisle-notice aisle-notice-${state.notice.code}`} role="status">
            <InfoIcon />
            <span class="aisle-notice-text">{state.notice.text}</span>
            <button type="button" class="aisle-icon-btn aisle-notice-close" aria-label={s.dismiss} title={s.dismiss} onClick={() => model.dismissNotice()}>
              <CloseIcon />
            </button>
          </div>
        ) : null}
        {chips.length ? (
          <div class="aisle-chips" role="group" aria-label={s.suggestions}>
            {chips.map((c) => (
              <button type="button" class="aisle-chip" key={c} onClick={() => void model.send(c)}>
                {c}
              </button>
            ))}
          </div>
        ) : null}
        <Composer s={s} streaming={state.streaming} onSend={(t) => void model.send(t)} onStop={() => model.stop()} />
        <div class="aisle-sr" aria-live="polite" aria-atomic="true">
          {state.announcement}
        </div>
      </div>
    );
  }
}
