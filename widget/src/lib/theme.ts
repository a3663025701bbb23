/**
 * The widget's colours. The merchant gives one shop colour (`data-color`); every accent
 * (header, bubbles, buttons, links, chips, focus rings, timeline, hand-off card) is derived
 * from it here, per theme, so that text stays at 4.5:1 or more whatever colour was chosen:
 * text on the accent is black or white, and the accent used as text or lines is darkened
 * (light theme) or lightened (dark theme) until it reads on every surface it sits on.
 *
 * The result is a block of CSS custom properties. Each one still yields to the merchant's
 * own `--aisle-<name>` on the host element, so a page can override any of them (and then
 * owns their contrast).
 */
export type Rgb = [number, number, number];
export type Mode = 'light' | 'dark';

/** Surfaces and text per theme; the pairs the README lists are tested at 4.5:1 (3:1 for `field`). */
export const PALETTE = {
  light: {
    bg: '#ffffff',
    fg: '#1a1d23',
    muted: '#565d6b',
    line: '#e1e4e9',
    soft: '#f2f3f5',
    field: '#7c828d',
    'ok-bg': '#e3f3e8',
    'ok-fg': '#14532d',
    'warn-bg': '#fff3d1',
    'warn-fg': '#6b3a0f',
    'bad-bg': '#fde7e7',
    'bad-fg': '#7f1d1d',
  },
  dark: {
    bg: '#17191d',
    fg: '#eceef1',
    muted: '#a9afba',
    line: '#363a42',
    soft: '#25282e',
    field: '#80868f',
    'ok-bg': '#163020',
    'ok-fg': '#a6e3b8',
    'warn-bg': '#392b0c',
    'warn-fg': '#f4d38a',
    'bad-bg': '#3c1a1a',
    'bad-fg': '#f7b7b7',
  },
} as const;

export const DEFAULT_ACCENT = '#1d4ed8';

/** #rgb, #rrggbb, rgb(r g b) / rgb(r, g, b); anything else through the canvas colour parser. */
export function parseColor(input: string): Rgb | null {
  let c = input.trim();
  if (!/^(#|rgb)/i.test(c) && typeof document !== 'undefined') {
    // Named and other CSS colours: the 2D context normalises what it understands to #rrggbb.
    const ctx = document.createElement('canvas').getContext('2d');
    if (ctx) {
      ctx.fillStyle = '#000';
      ctx.fillStyle = c;
      c = String(ctx.fillStyle);
    }
  }
  let m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (m) {
    const hex = m[1]!.length === 3 ? m[1]!.replace(/./g, '$&$&') : m[1]!;
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
  }
  m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(c);
  return m ? ([+m[1]!, +m[2]!, +m[3]!].map((v) => Math.min(255, v)) as Rgb) : null;
}

const hex = (c: Rgb) => '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');

/** WCAG relative luminance. */
export function luminance(c: Rgb): number {
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: Rgb | string, b: Rgb | string): number {
  const la = luminance(typeof a === 'string' ? parseColor(a)! : a);
  const lb = luminance(typeof b === 'string' ? parseColor(b)! : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => a.map((v, i) => v + (b[i]! - v) * t) as Rgb;

/** Black-ish or white, whichever reads better on the colour (both give at least 4.5:1 on any colour). */
export function readableOn(color: Rgb): string {
  return contrast(color, [255, 255, 255]) >= contrast(color, [17, 17, 17]) ? '#ffffff' : '#111111';
}

/**
 * The colour moved toward black or white, in small steps, until it has `ratio` against
 * every background given. Colours that already pass come back unchanged.
 */
export function inkOn(color: Rgb, backgrounds: Rgb[], toward: Rgb, ratio = 4.5): Rgb {
  let c = color;
  for (let t = 0.05; backgrounds.some((bg) => contrast(c, bg) < ratio) && t <= 1; t += 0.05) c = mix(color, toward, t);
  return c;
}

/** Every colour of one theme for one shop colour: the values the CSS variables default to. */
export function themeColors(accent: string | undefined, mode: Mode): Record<string, string> {
  const p = PALETTE[mode];
  const a = parseColor(accent ?? '') ?? parseColor(DEFAULT_ACCENT)!;
  const bg = parseColor(p.bg)!;
  const dark = mode === 'dark';
  const tint = mix(bg, a, dark ? 0.16 : 0.08);
  const ink = inkOn(a, [bg, parseColor(p.soft)!, tint], dark ? [255, 255, 255] : [0, 0, 0]);
  return {
    ...p,
    accent: hex(a),
    'on-accent': readableOn(a),
    // The accent as text, links, chips, focus rings and timeline lines on the panel's surfaces.
    'accent-ink': hex(ink),
    // The hand-off card: a wash of the shop colour with an accent border.
    'accent-tint': hex(tint),
    'accent-line': hex(mix(bg, ink, 0.45)),
  };
}

const block = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `--${k}:var(--aisle-${k},${v});`)
    .join('');

/**
 * The theme as CSS: light by default, dark under `prefers-color-scheme: dark` unless the
 * root says `data-theme="light"`, and dark whenever it says `data-theme="dark"`.
 */
export function themeCss(accent?: string): string {
  const dark = block(themeColors(accent, 'dark'));
  return (
    `.aisle-root{${block(themeColors(accent, 'light'))}}` +
    `@media (prefers-color-scheme:dark){.aisle-root:not([data-theme=light]){${dark}color-scheme:dark}}` +
    `.aisle-root[data-theme=dark]{${dark}color-scheme:dark}`
  );
}
