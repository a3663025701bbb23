import type { OrderCard as Order } from '../../../shared/chat';
import { fill, type Strings } from '../lib/i18n';
import { safeHref } from '../lib/href';

const STAGES = ['received', 'processing', 'shipped', 'out_for_delivery', 'delivered'] as const;
const ACTIVE = ['received', 'processing', 'shipped', 'out_for_delivery'];
/** The regional formats the Worker writes dates in, so a card and its reply text agree. */
const INTL: Record<string, string> = { en: 'en-GB', es: 'es-ES', fr: 'fr-FR', de: 'de-DE' };

/**
 * "27 November" (with the year when it is not this year), the one date format of a locale,
 * as the Worker writes it in reply text. The calendar day as written: no timezone moves it.
 */
export function formatDay(value: string | undefined, locale: string, now = new Date()): string | undefined {
  if (!value) return undefined;
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  const d = new Date(day ? `${day}T12:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  const tag = INTL[locale.toLowerCase().split(/[-_]/)[0]!] ?? 'en-GB';
  const year = d.getUTCFullYear() === now.getUTCFullYear() ? {} : { year: 'numeric' as const };
  return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', timeZone: 'UTC', ...year }).format(d);
}

/** Delivered: done. Cancelled and returned (refunds included): neutral, never alarming. In progress: the shop colour. */
const tone = (stage: string) => (stage === 'delivered' ? 'ok' : ACTIVE.includes(stage) ? 'info' : 'neutral');

function Status({ order, s }: { order: Order; s: Strings }) {
  return <span class={`aisle-status aisle-tone-${tone(order.stage)}`}>{(s as Record<string, string>)[order.stage] ?? order.status}</span>;
}

function Details({ order, s, locale }: { order: Order; s: Strings; locale: string }) {
  const current = STAGES.indexOf(order.stage as (typeof STAGES)[number]);
  const complete = order.stage === 'delivered';
  const eta = formatDay(order.estimatedDelivery, locale);
  // Only what the card part carries, https only; the link reveals the full tracking number.
  const track = safeHref(order.trackingUrl);
  return (
    <>
      {current >= 0 ? (
        <ol class="aisle-timeline">
          {STAGES.map((stage, i) => (
            <li key={stage} class={i < current || complete ? 'done' : i === current ? 'current' : 'todo'} aria-current={i === current ? 'step' : undefined}>
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
        {order.trackingMasked || track ? (
          <div>
            <dt>{s.tracking}</dt>
            <dd>
              {order.trackingMasked ? <span class="aisle-mono">{order.trackingMasked}</span> : null}
              {track ? (
                <>
                  {' '}
                  <a href={track} target="_blank" rel="noopener noreferrer">
                    {s.track}
                  </a>
                </>
              ) : null}
            </dd>
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
          <div class="aisle-items-title">{s.items}</div>
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
    </>
  );
}

export function OrderCard({ order, s, locale }: { order: Order; s: Strings; locale: string }) {
  const title = fill(s.order, { n: order.number });
  return (
    <section class="aisle-card aisle-order" aria-label={title}>
      <div class="aisle-card-head">
        <h3 class="aisle-card-title">{title}</h3>
        <Status order={order} s={s} />
      </div>
      <Details order={order} s={s} locale={locale} />
    </section>
  );
}

/**
 * Several orders in one reply: one compact list, one line each, the one the question is most
 * likely about (the first still on its way, else the newest) opened. Native <details>, so every
 * line opens by keyboard and screen readers announce it expanded or collapsed.
 */
export function OrderList({ orders, s, locale }: { orders: Order[]; s: Strings; locale: string }) {
  const open = Math.max(0, orders.findIndex((o) => ACTIVE.includes(o.stage)));
  return (
    <section class="aisle-card aisle-orders" aria-label={s.orders}>
      {orders.map((o, i) => (
        <details class="aisle-order" key={o.number} open={i === open}>
          <summary>
            <span class="aisle-card-title">{fill(s.order, { n: o.number })}</span>
            <Status order={o} s={s} />
            {o.placedAt ? <span class="aisle-placed">{formatDay(o.placedAt, locale)}</span> : null}
          </summary>
          <Details order={o} s={s} locale={locale} />
        </details>
      ))}
    </section>
  );
}
