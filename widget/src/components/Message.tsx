import type { OrderCard as Order } from '../../../shared/chat';
import type { UiMessage } from '../state/chat';
import type { Strings } from '../lib/i18n';
import { Citations } from './Citations';
import { CardSlot, guestForm } from './Lazy';
import { ProductCards } from './ProductCards';
import { Rich } from './Rich';

interface Props {
  message: UiMessage;
  s: Strings;
  locale: string;
  onRetry(text: string): void;
}

export function Message({ message, s, locale, onRetry }: Props) {
  if (message.role === 'user') {
    const text = message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
    return (
      <li class={`aisle-msg aisle-user${message.failed ? ' aisle-failed' : ''}`}>
        <span class="aisle-sr">{s.you}: </span>
        <div class="aisle-bubble">{text}</div>
        {message.failed ? (
          <div class="aisle-failed-row">
            <span>{s.notSent}</span>
            <button type="button" class="aisle-link-btn" onClick={() => onRetry(text)}>
              {s.retry}
            </button>
          </div>
        ) : null}
      </li>
    );
  }
  // Set only on replies people wrote (v1.1).
  const by = (message.author as { name?: string } | undefined)?.name;
  const empty = !message.parts.some((p) => p.type !== 'text' || p.text.length > 0);
  const orders = message.parts.flatMap((p) => (p.type === 'data-order' ? [p.data as Order] : []));
  let ordersShown = false;
  return (
    <li class="aisle-msg aisle-assistant" aria-busy={message.streaming ? 'true' : undefined}>
      {/* A person's name is shown (and read) instead of the screen-reader-only "Assistant:". */}
      {by ? <div class="aisle-meta">{by}</div> : <span class="aisle-sr">{s.assistant}: </span>}
      {message.streaming && empty ? (
        <div class="aisle-bubble aisle-typing" role="img" aria-label={s.typing}>
          <span />
          <span />
          <span />
        </div>
      ) : null}
      {message.parts.map((part, i) => {
        switch (part.type) {
          case 'text':
            return part.text ? (
              <div class="aisle-bubble aisle-rich" key={i}>
                <Rich text={part.text} />
              </div>
            ) : null;
          case 'data-products':
            return <ProductCards key={i} products={part.data.products ?? []} s={s} locale={locale} />;
          case 'data-order':
            // Several orders in one reply are one compact list, where the first of them was.
            if (ordersShown) return null;
            ordersShown = true;
            return (
              <CardSlot
                key={i}
                render={(c) => (orders.length > 1 ? <c.OrderList orders={orders} s={s} locale={locale} /> : <c.OrderCard order={part.data} s={s} locale={locale} />)}
              />
            );
          case 'data-handoff':
            return <CardSlot key={i} render={(c) => <c.HandoffCard handoff={part.data} s={s} />} />;
          case 'data-csat':
            return <CardSlot key={i} render={(c) => <c.Csat part={part.data} />} />;
          case 'data-citations':
            return <Citations key={i} citations={part.data.citations ?? []} s={s} />;
          case 'data-verify-order':
            return part.data.state === 'requested' ? <CardSlot key={i} chunk={guestForm} render={(g) => <g.GuestForm part={part.data} />} /> : null;
          default:
            return null;
        }
      })}
      {message.stopped ? <div class="aisle-meta">{s.stopped}</div> : null}
    </li>
  );
}
