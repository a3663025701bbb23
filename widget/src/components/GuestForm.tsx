import { Component, createRef } from 'preact';
import type { VerifyOrderPart } from '../../../shared/chat';
import { GUEST_STRINGS, type GuestStrings } from '../locales/guest';
import { lazyHost } from './Lazy';
import type { ChatModel } from '../state/chat';
import { postVerification, type GuestAnswer } from '../state/guest';
import type { PanelContext } from '../types';

interface Props {
  part: VerifyOrderPart;
}

interface State {
  step: 'details' | 'code' | 'done' | 'locked';
  busy: boolean;
  /** The last answer or local check, announced (role=alert) next to the fields. */
  error: string;
  /** Which field the error is about, for aria-invalid and focus. */
  field: 'number' | 'email' | 'code' | null;
  status: string;
}

/**
 * The guest order form (lazy chunk): order number and email, then the mailed code when the shop
 * asks for one. Labels are real <label>s, errors are announced and point at their field, Enter
 * submits. The typed values live in the inputs only; the chat gets the server's answer.
 */
export class GuestForm extends Component<Props, State> {
  private number = createRef<HTMLInputElement>();
  private email = createRef<HTMLInputElement>();
  private code = createRef<HTMLInputElement>();
  private statusRef = createRef<HTMLParagraphElement>();

  private ctx: PanelContext = lazyHost().ctx;
  private model: ChatModel = lazyHost().model;
  private g: GuestStrings = GUEST_STRINGS[this.ctx.locale.slice(0, 2) as keyof typeof GUEST_STRINGS] ?? GUEST_STRINGS.en;

  constructor(props: Props) {
    super(props);
    this.state = { step: 'details', busy: false, error: '', field: null, status: '' };
  }

  private fail(error: string, field: State['field']) {
    this.setState({ error, field, busy: false });
    (field === 'email' ? this.email : field === 'code' ? this.code : this.number).current?.focus();
  }

  private answered(a: GuestAnswer) {
    const { model } = this;
    if (a.state === 'verified') {
      this.setState({ step: 'done', busy: false, error: '', field: null, status: a.text });
      if (a.message) model.append({ id: a.message.id, role: 'assistant', parts: a.message.parts }, a.text);
      this.statusRef.current?.focus();
    } else if (a.state === 'requested' && a.code) {
      this.setState({ step: 'code', busy: false, error: '', field: null, status: a.text }, () => this.code.current?.focus());
    } else if (a.state === 'locked') {
      this.setState({ step: 'locked', busy: false, error: a.text, field: null });
    } else this.fail(a.text, this.state.step === 'code' ? 'code' : 'number');
  }

  private submit = async (e: Event) => {
    e.preventDefault();
    const { ctx, g } = this;
    const { part } = this.props;
    if (this.state.busy) return;
    const fallback = ctx.strings.failed;
    if (this.state.step === 'code') {
      const code = (this.code.current?.value ?? '').trim();
      if (code.length !== 6 || [...code].some((c) => c < '0' || c > '9')) return this.fail(g.needCode, 'code');
      this.setState({ busy: true, error: '' });
      return this.answered(await postVerification(ctx, '/code', { requestId: part.requestId, code }, fallback));
    }
    const orderNumber = (this.number.current?.value ?? '').trim();
    const email = (this.email.current?.value ?? '').trim();
    if (!orderNumber) return this.fail(g.needNumber, 'number');
    const at = email.indexOf('@');
    if (at < 1 || email.lastIndexOf('.') < at + 2) return this.fail(g.needEmail, 'email');
    this.setState({ busy: true, error: '' });
    this.answered(await postVerification(ctx, '', { requestId: part.requestId, orderNumber, email }, fallback));
  };

  /**
   * An offer answered since (an order card or a newer offer further down the transcript, as after
   * a reload) shows nothing: the form stays where it is useful, once.
   */
  private superseded(requestId: string): boolean {
    const messages = this.model.state.messages;
    const at = messages.findIndex((m) => m.parts.some((p) => p.type === 'data-verify-order' && p.data.requestId === requestId));
    return at >= 0 && messages.slice(at + 1).some((m) => m.parts.some((p) => p.type === 'data-order' || p.type === 'data-verify-order'));
  }

  override render({ part }: Props, st: State) {
    const { g } = this;
    const id = `aisle-g-${part.requestId}`;
    if (st.step !== 'done' && this.superseded(part.requestId)) return null;
    if (st.step === 'done') {
      return (
        <p class="aisle-guest-done" role="status" tabIndex={-1} ref={this.statusRef}>
          {st.status}
        </p>
      );
    }
    const err = st.error ? (
      <p class="aisle-guest-error" id={`${id}-err`} role="alert">
        {st.error}
      </p>
    ) : null;
    const invalid = (f: State['field']) => (st.field === f ? 'true' : undefined);
    const described = (f: State['field']) => (st.field === f ? `${id}-err` : `${id}-hint`);
    return (
      <form class="aisle-guest" aria-labelledby={`${id}-t`} onSubmit={this.submit} noValidate>
        <p class="aisle-guest-title" id={`${id}-t`}>
          {g.title}
        </p>
        {st.step === 'code' ? (
          <>
            <p class="aisle-guest-hint" id={`${id}-hint`}>
              {st.status}
            </p>
            <label for={`${id}-c`}>{g.code}</label>
            <input
              id={`${id}-c`}
              ref={this.code}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              aria-invalid={invalid('code')}
              aria-describedby={described('code')}
            />
          </>
        ) : (
          <>
            <label for={`${id}-n`}>{g.number}</label>
            <input id={`${id}-n`} ref={this.number} maxLength={64} autoComplete="off" aria-invalid={invalid('number')} aria-describedby={described('number')} disabled={st.step === 'locked'} />
            <label for={`${id}-e`}>{g.email}</label>
            <input
              id={`${id}-e`}
              ref={this.email}
              type="email"
              maxLength={320}
              autoComplete="email"
              aria-invalid={invalid('email')}
              aria-describedby={described('email')}
              disabled={st.step === 'locked'}
            />
            <p class="aisle-guest-hint" id={`${id}-hint`}>
              {g.hint}
            </p>
          </>
        )}
        {err}
        <button type="submit" class="aisle-btn" disabled={st.busy || st.step === 'locked'} aria-busy={st.busy ? 'true' : undefined}>
          {st.busy ? g.checking : st.step === 'code' ? g.confirm : g.check}
        </button>
      </form>
    );
  }
}
