import type { ComponentChildren } from 'preact';

export interface Datum {
  label: string;
  value: number;
  /** The metric name behind the value (shown in the table, used by tests and the CSV). */
  metric?: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en') : n.toLocaleString('en', { maximumFractionDigits: 1 }));

/**
 * A small inline SVG bar chart with its data as a table below (in a disclosure), so the numbers
 * are readable without the picture: screen readers, copy and paste, exact values.
 * `layout`: `columns` for days along the x axis, `rows` for categories.
 */
export function BarChart({ id, title, data, layout = 'rows', unit, note }: { id: string; title: string; data: Datum[]; layout?: 'rows' | 'columns'; unit?: string; note?: ComponentChildren }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const total = data.reduce((n, d) => n + d.value, 0);
  const summary = `${title}: ${data.length ? data.map((d) => `${d.label} ${fmt(d.value)}`).join(', ') : 'no data'}`;
  let svg;
  if (layout === 'rows') {
    const rowH = 22;
    const h = Math.max(1, data.length) * rowH;
    svg = (
      <svg class="con-chart" viewBox={`0 0 360 ${h}`} width="100%" role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
        {data.map((d, i) => {
          const w = (d.value / max) * 150;
          return (
            <g key={d.label} transform={`translate(0 ${i * rowH})`}>
              <text x="0" y="15" class="con-chart-label">
                {d.label.length > 22 ? `${d.label.slice(0, 21)}…` : d.label}
              </text>
               <rect x="150" y="4" width={Math.max(w, d.value ? 2 : 0)} height="14" rx="2" class="con-chart-bar" />
              <text x={156 + w} y="15" class="con-chart-value">
                {fmt(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
    );
  } else {
    const w = 360;
    const h = 120;
    const bw = w / Math.max(1, data.length);
    svg = (
      <svg class="con-chart" viewBox={`0 0 ${w} ${h + 16}`} width="100%" role="img" aria-label={summary}>
        <line x1="0" y1={h} x2={w} y2={h} class="con-chart-axis" />
        {data.map((d, i) => {
          const bh = (d.value / max) * (h - 14);
          return <rect key={d.label} x={i * bw + bw * 0.15} y={h - bh} width={bw * 0.7} height={bh} class="con-chart-bar" />;
        })}
        <text x="0" y={h + 13} class="con-chart-label">
          {data[0]?.label ?? ''}
        </text>
        <text x={w} y={h + 13} text-anchor="end" class="con-chart-label">
          {data[data.length - 1]?.label ?? ''}
        </text>
        <text x={w} y="10" text-anchor="end" class="con-chart-label">
          max {fmt(max)}
        </text>
      </svg>
    );
  }
  return (
    <figure class="con-figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h3>{title}</h3>
        {note && <p class="kit-muted">{note}</p>}
      </figcaption>
      {data.length ? svg : <p class="kit-muted">Nothing counted in this period.</p>}
      {data.length > 0 && (
        <details>
          <summary>Table view</summary>
          <table class="con-table" data-testid={`table-${id}`}>
            <caption class="kit-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{layout === 'columns' ? 'Day' : 'Kind'}</th>
                <th scope="col">{unit ?? 'Count'}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  <td data-metric={d.metric}>{fmt(d.value)}</td>
                </tr>
              ))}
            </tbody>
            {layout === 'rows' && data.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td>{fmt(total)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </details>
      )}
    </figure>
  );
}
