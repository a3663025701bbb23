import type { OrderCard as Order } from '../../../shared/chat';
import { fill, type Strings } from '../lib/i18n';

const STAGES = ['received', 'processing', 'shipped', 'out_for_delivery', 'delivered'] as const;

function formatDate(value: string | undefined, locale: string): string | undefined {
  if (!value) return undefined;
  // Date-only strings are calendar days: format them in UTC so no timezone shifts the day.
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  try {
    return d.toLocaleDateString(locale, { weekday: 'short', month: 'short', day: 'numeric', ...(dateOnly ? { timeZone: 'UTC' } : {}) });
  } catch {
    return value;
  }
}

export function OrderCard({ order, s, locale }: { order: Order; s: Strings; locale: string }) {
  const current = STAGES.indexOf(order.stage as (typeof STAGES)[number]);
  const stageLabel = (s as Record<string, string>)[order.stage] ?? order.status;
  const eta = formatDate(order.estimatedDelivery, locale);
  return (
    <section class="aisle-card aisle-order" aria-label={fill(s.order, { n: order.number })}>
      <header class="aisle-card-head">
        <h3 class="aisle-card-title">{fill(s.order, { n: order.number })}</h3>
        <span class={`aisle-status aisle-status-${order.stage}`}>{stageLabel}</span>
      </header>
      {current >= 0 ? (
        <ol class="aisle-timeline">
          {STAGES.map((stage, i) => (
            <li
              key={stage}
              class={i < current ? 'done' : i === current ? 'current' : 'todo'}
              aria-current={i === current ? 'step' : undefined}
            >
              <span class="aisle-dot" aria-hidden="true" />
              <span class="aisle-stage">{s[stage]}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <dl class="aisle-facts">
        {order.carrier ? (
          <div>
            <dt>{s.carrier}</dt>
            <dd>{order.carrier}</dd>
          </div>
        ) : null}
        {order.trackingMasked ? (
          <div>
            <dt>{s.tracking}</dt>
            <dd class="aisle-mono">{order.trackingMasked}</dd>
          </div>
        ) : null}
        {eta ? (
          <div>
            <dt>{s.eta}</dt>
            <dd>{eta}</dd>
          </div>
        ) : null}
      </dl>
      {order.items.length ? (
        <div class="aisle-items">
          <h4>{s.items}</h4>
          <ul>
            {order.items.map((it, i) => (
              <li key={i}>
                <span class="aisle-qty">{it.quantity}×</span> {it.name}
                {it.options ? <span class="aisle-item-options"> · {it.options}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
