import { Component, createRef } from 'preact';
import type { Strings } from '../lib/i18n';
import { SendIcon, StopIcon } from './Icons';

const MAX = 4000;

interface Props {
  s: Strings;
  streaming: boolean;
  onSend(text: string): void;
  onStop(): void;
}

export class Composer extends Component<Props, { text: string }> {
  override state = { text: '' };
  private input = createRef<HTMLTextAreaElement>();

  private grow = () => {
    const el = this.input.current;
    if (!el) return;
    // CSSOM writes are allowed under a strict style-src CSP; style attributes are not.
    el.style.setProperty('height', 'auto');
    el.style.setProperty('height', `${Math.min(el.scrollHeight, 120)}px`);
  };

  private submit = () => {
    const { text } = this.state;
    if (this.props.streaming || !text.trim()) return;
    this.props.onSend(text);
    this.setState({ text: '' }, this.grow);
  };

  override render({ s, streaming, onStop }: Props, { text }: { text: string }) {
    return (
      <form
        class="aisle-composer"
        onSubmit={(e) => {
          e.preventDefault();
          this.submit();
        }}
      >
        <label class="aisle-sr" for="aisle-input">
          {s.placeholder}
        </label>
        {/* readOnly rather than disabled while streaming: disabling would drop keyboard focus to the page. */}
        <textarea
          id="aisle-input"
          ref={this.input}
          rows={1}
          maxLength={MAX}
          placeholder={s.placeholder}
          value={text}
          readOnly={streaming}
          aria-disabled={streaming ? 'true' : undefined}
          enterkeyhint="send"
          onInput={(e) => {
            this.setState({ text: (e.target as HTMLTextAreaElement).value });
            this.grow();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              this.submit();
            }
          }}
        />
        {streaming ? (
          <button type="button" class="aisle-send aisle-stop" aria-label={s.stop} title={s.stop} onClick={onStop}>
            <StopIcon />
          </button>
        ) : (
          <button type="submit" class="aisle-send" aria-label={s.send} title={s.send} disabled={!text.trim()}>
            <SendIcon />
          </button>
        )}
      </form>
    );
  }
}
