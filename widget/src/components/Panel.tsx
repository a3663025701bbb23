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
type State = ChatState & { confirming?: boolean };

export class Panel extends Component<Props, State> {
  private log = createRef<HTMLDivElement>();
  private pinned = true;
  private off?: () => void;
  private resize?: ResizeObserver;

  constructor(props: Props) {
    super(props);
    this.state = props.model.state;
  }

  override componentDidMount() {
    this.off = this.props.model.subscribe((s) => this.setState(s));
    // The keyboard opening on a phone (visualViewport shrinking) or a new line in the composer
    // resizes the log: keep the newest message in view when the shopper was at the bottom.
    if (typeof ResizeObserver === 'function' && this.log.current) {
      this.resize = new ResizeObserver(() => this.follow());
      this.resize.observe(this.log.current);
    }
  }

  override componentWillUnmount() {
    this.off?.();
    this.resize?.disconnect();
  }

  private follow() {
    const el = this.log.current;
    if (el && this.pinned) el.scrollTop = el.scrollHeight;
  }

  // Follow the stream while the shopper is at the bottom; leave them alone if they scrolled up to read.
  override componentDidUpdate() {
    this.follow();
  }

  private startNew = () => {
    this.setState({ confirming: false });
    this.props.model.reset(true);
    this.props.ctx.root.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  };

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

  override render({ ctx, model }: Props, state: State) {
    const s = ctx.strings;
    const chips = state.streaming ? [] : (state.suggestions ?? (state.messages.length ? [] : [s.sWhereOrder, s.sReturns, s.sShipping, s.sHuman]));
    const title = fill(s.chatWith, { shop: ctx.title });
    return (
      <div class="aisle-dialog" role="dialog" aria-label={title} onKeyDown={this.onKeyDown}>
        {/* A div, not <header>: the page has its banner landmark already, axe flags a second one. */}
        <div class="aisle-header">
          <div class="aisle-header-text">
            <h2 class="aisle-title">{ctx.title}</h2>
          </div>
          {state.messages.length ? (
            <button
              type="button"
              class="aisle-icon-btn"
              aria-label={s.newChat}
              title={s.newChat}
              aria-expanded={state.confirming ? 'true' : 'false'}
              onClick={() => this.setState({ confirming: !state.confirming })}
            >
              <NewIcon />
            </button>
          ) : null}
          <button type="button" class="aisle-icon-btn" aria-label={s.closeChat} title={s.closeChat} onClick={() => ctx.close()}>
            <CloseIcon />
          </button>
        </div>
        {state.confirming && state.messages.length ? (
          <div class="aisle-confirm" role="group" aria-label={s.newChat}>
            <span class="aisle-notice-text">{s.newChatAsk}</span>
            <button type="button" class="aisle-btn" onClick={this.startNew}>
              {s.startNew}
            </button>
            <button type="button" class="aisle-btn aisle-btn-quiet" onClick={() => this.setState({ confirming: false })}>
              {s.cancel}
            </button>
          </div>
        ) : null}
        {/* Focusable so keyboard users can scroll it; a named region, not role=log: the
            separate polite live region announces each reply once, not token by token. */}
        <div
          class="aisle-log"
          ref={this.log}
          tabIndex={0}
          role="region"
          aria-label={title}
          onScroll={(e) => {
            const el = e.currentTarget as HTMLDivElement;
            this.pinned = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          }}
        >
          <ul class="aisle-messages">
            <li class="aisle-msg aisle-assistant">
              <div class="aisle-bubble">{ctx.greeting || s.greeting}</div>
            </li>
            {state.references.length ? (
              <li class="aisle-msg aisle-assistant">
                <div class="aisle-meta aisle-earlier">
                  {s.earlier}: <span class="aisle-ref">{state.references.join(', ')}</span>
                </div>
              </li>
            ) : null}
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
