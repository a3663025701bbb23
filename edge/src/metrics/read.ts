import { lastLocalDays } from './rollup';

export interface MetricsDay {
  day: string;
  metrics: Record<string, number>;
}

export interface MetricsReport {
  shopId: string;
  timeZone: string;
  from: string;
  to: string;
  days: MetricsDay[];
  /** Sums over the period (rates are left to the reader: answered_without_person / turns). */
  totals: Record<string, number>;
}

/** The rollups of the last `n` local days, one entry per day (a day with no rollup has no metrics). */
export async function readMetrics(db: D1Database, shopId: string, timeZone: string, n: number, now = new Date()): Promise<MetricsReport> {
  const dayList = lastLocalDays(now, timeZone, n);
  const { results } = await db
    .prepare('SELECT day, metric, value FROM metric_rollups WHERE shop_id = ? AND day >= ? AND day <= ? ORDER BY day, metric')
    .bind(shopId, dayList[0], dayList[dayList.length - 1])
    .all<{ day: string; metric: string; value: number }>();
  const byDay = new Map<string, Record<string, number>>(dayList.map((d) => [d, {}]));
  const totals: Record<string, number> = {};
  for (const r of results) {
    byDay.get(r.day)![r.metric] = r.value;
    totals[r.metric] = (totals[r.metric] ?? 0) + r.value;
  }
  return { shopId, timeZone, from: dayList[0], to: dayList[dayList.length - 1], days: [...byDay].map(([day, metrics]) => ({ day, metrics })), totals };
}

/**
 * A CSV cell. Spreadsheets run cells that start with = + - or @ as formulas (CSV injection), so
 * those get a leading apostrophe; quotes, commas and line breaks are quoted.
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Long format, one line per day and metric: day,metric,value. */
export function metricsCsv(report: MetricsReport): string {
  const lines = [['day', 'metric', 'value'].join(',')];
  for (const d of report.days) for (const [metric, value] of Object.entries(d.metrics)) lines.push([d.day, metric, value].map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}
