import { CliError, requireFlag } from '../lib.mjs';

const pct = (part, whole) => (whole ? `${Math.round((100 * part) / whole)}%` : '-');

/** The metric names that share a prefix (`handoff_source:gate` -> { gate: n }), largest first. */
const group = (totals, prefix) =>
  Object.entries(totals)
    .filter(([k, v]) => k.startsWith(prefix) && v > 0)
    .map(([k, v]) => [k.slice(prefix.length), v])
    .sort((a, b) => b[1] - a[1]);

/** Assisted mode: held, approved, edited (the share of reviewed AI replies a person changed), timed out. */
const assisted = (n) => {
  const reviewed = n('assisted_approved') + n('assisted_edited');
  const share = reviewed ? ` (${pct(n('assisted_edited'), reviewed)} modified)` : '';
  return `held ${n('assisted_held')}, approved ${n('assisted_approved')}, edited ${n('assisted_edited')}${share}, timed out ${n('assisted_timed_out')}`;
};

const list = (pairs) => (pairs.length ? pairs.map(([k, v]) => `${k} ${v}`).join(', ') : 'none');

export default {
  name: 'stats',
  usage: 'stats --shop <id> [--days 30] [--refresh]',
  summary: "what the assistant did per day: turns, answered without a person, handoffs by reason, blocked promises, fallbacks, tokens (admin key)",
  async run({ flags, api, print }) {
    const shop = encodeURIComponent(requireFlag(flags, 'shop', 'the shop id'));
    const days = flags.days === undefined ? 30 : Number(flags.days);
    if (!Number.isInteger(days) || days < 1 || days > 90) throw new CliError('--days must be a whole number from 1 to 90.', { exitCode: 2 });
    // --refresh: recompute the last 7 days now instead of waiting for the daily cron.
    if (flags.refresh) await api('POST', `/v1/shops/${shop}/metrics/rollup`, {});
    const out = await api('GET', `/v1/shops/${shop}/metrics?days=${days}`);
    const t = out.totals;
    const n = (k) => t[k] ?? 0;
    const csat = n('csat_count') ? `${(n('csat_sum') / n('csat_count')).toFixed(1)} of 5 (${n('csat_count')} ratings)` : 'no ratings';
    const lines = [
      `${decodeURIComponent(shop)}: ${out.from} to ${out.to} (${out.timeZone})`,
      `  conversations            ${n('conversations')}`,
      `  turns                    ${n('turns')}`,
      `  answered without person  ${n('answered_without_person')} (${pct(n('answered_without_person'), n('turns'))})`,
      `  handoffs                 ${n('handoffs')}: by source ${list(group(t, 'handoff_source:'))}; by category ${list(group(t, 'handoff_category:'))}`,
      `  blocked promises         ${n('blocked_promises')}`,
      `  fallbacks                ${n('fallbacks')}: ${list(group(t, 'fallback:'))}`,
      `  engines                  ${list(group(t, 'engine:'))}`,
      `  tokens                   ${n('tokens')}`,
      `  mean reply time          ${n('turns') ? `${Math.round(n('reply_ms_total') / n('turns'))} ms` : '-'}`,
      `  satisfaction             ${csat}`,
      `  assisted replies         ${assisted(n)}`,
      '',
      '  day         turns  answered  handoffs  blocked  fallbacks',
      ...out.days
        .filter((d) => d.metrics.turns || d.metrics.handoffs)
        .map((d) => {
          const m = (k) => String(d.metrics[k] ?? 0);
          return `  ${d.day}  ${m('turns').padStart(5)}  ${m('answered_without_person').padStart(8)}  ${m('handoffs').padStart(8)}  ${m('blocked_promises').padStart(7)}  ${m('fallbacks').padStart(9)}`;
        }),
    ];
    print(lines.join('\n'), out);
  },
};
