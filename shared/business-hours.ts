/**
 * Waiting time counted in a shop's business hours. `hours` is the support.hours text, e.g.
 * "Mon-Fri 09:00-17:00" (days Mon..Sun, a range or a comma list; one time range). Without
 * usable hours every minute counts. Pure, used by the Worker (inbox filter) and the workspace.
 */
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface BusinessHours {
  days: Set<number>;
  startMinute: number;
  endMinute: number;
}

const minuteOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return Number.isInteger(h) && Number.isInteger(m) && h >= 0 && h <= 24 && m >= 0 && m < 60 ? h * 60 + m : null;
};

export function parseBusinessHours(text: string | undefined): BusinessHours | null {
  if (!text) return null;
  const [dayPart, timePart] = text.trim().toLowerCase().split(' ').filter(Boolean);
  if (!dayPart || !timePart) return null;
  const days = new Set<number>();
  for (const piece of dayPart.split(',')) {
    const [from, to] = piece.split('-').map((d) => DAYS.indexOf(d.slice(0, 3)));
    if (from < 0 || (to !== undefined && to < 0)) return null;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (to === undefined || d === to) break;
    }
  }
  const [start, end] = timePart.split('-').map(minuteOf);
  if (start === null || end === null || start === undefined || end === undefined || end <= start) return null;
  return { days, startMinute: start, endMinute: end };
}

/** Day of week and minute of day of `ms` in `timeZone`. */
function localClock(ms: number, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: DAYS.indexOf(get('weekday').toLowerCase().slice(0, 3)), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Business minutes between two instants (minute steps; capped at 60 days of scanning). */
export function businessMinutesBetween(fromMs: number, toMs: number, hours: string | undefined, timeZone = 'UTC'): number {
  if (!(toMs > fromMs)) return 0;
  const parsed = parseBusinessHours(hours);
  if (!parsed) return Math.floor((toMs - fromMs) / 60_000);
  let tz = timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    tz = 'UTC';
  }
  const STEP = 15 * 60_000;
  let total = 0;
  const end = Math.min(toMs, fromMs + 60 * 86_400_000);
  for (let t = fromMs; t < end; t += STEP) {
    const { day, minute } = localClock(t, tz);
    if (parsed.days.has(day) && minute >= parsed.startMinute && minute < parsed.endMinute) total += Math.min(STEP, end - t) / 60_000;
  }
  return Math.floor(total);
}
