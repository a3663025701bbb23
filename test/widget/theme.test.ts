import { describe, expect, it } from 'vitest';
import { contrast, parseColor, themeColors, themeCss, type Mode } from '../../widget/src/lib/theme';

/**
 * The colour pairs the README documents, for the demo shop's colour, black, white and three
 * mid-tones (the hardest: neither black nor white text reads well on them), in both themes.
 */
const ACCENTS = { shop: '#1f5f4a', black: '#000000', white: '#ffffff', grey: '#808080', orange: '#e07b00', sky: '#3b9ae1' };

/** [text, background, minimum ratio] */
const PAIRS: [string, string, number][] = [
  ['on-accent', 'accent', 4.5],
  ['fg', 'bg', 4.5],
  ['fg', 'soft', 4.5],
  ['fg', 'accent-tint', 4.5],
  ['muted', 'bg', 4.5],
  ['muted', 'soft', 4.5],
  ['muted', 'accent-tint', 4.5],
  ['accent-ink', 'bg', 4.5],
  ['accent-ink', 'soft', 4.5],
  ['accent-ink', 'accent-tint', 4.5],
  ['ok-fg', 'ok-bg', 4.5],
  ['warn-fg', 'warn-bg', 4.5],
  ['bad-fg', 'bad-bg', 4.5],
  // Non-text: the input's border and focus rings need 3:1.
  ['field', 'bg', 3],
];

describe('theme colours', () => {
  for (const mode of ['light', 'dark'] as Mode[]) {
    for (const [name, accent] of Object.entries(ACCENTS)) {
      it(`keeps every documented pair readable for the ${name} colour ${accent} in the ${mode} theme`, () => {
        const c = themeColors(accent, mode);
        for (const [fg, bg, min] of PAIRS) {
          const ratio = contrast(c[fg]!, c[bg]!);
          expect(ratio, `${fg} ${c[fg]} on ${bg} ${c[bg]}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(min);
        }
      });
    }
  }

  it('keeps a shop colour that already reads well as it is, and still fills the header with it', () => {
    const c = themeColors('#1f5f4a', 'light');
    expect(c.accent).toBe('#1f5f4a');
    expect(c['accent-ink']).toBe('#1f5f4a');
    expect(c['on-accent']).toBe('#ffffff');
    // Too light to read as text on white: darkened for text, kept for fills.
    const yellow = themeColors('#ffcc00', 'light');
    expect(yellow.accent).toBe('#ffcc00');
    expect(yellow['on-accent']).toBe('#111111');
    expect(yellow['accent-ink']).not.toBe('#ffcc00');
    // In the dark theme a dark shop colour is lightened for text instead.
    expect(contrast(themeColors('#1f5f4a', 'dark')['accent-ink']!, '#1f5f4a')).toBeGreaterThan(1.5);
  });

  it('reads hex, rgb() and falls back to the default blue for what it cannot parse', () => {
    expect(parseColor('#abc')).toEqual([170, 187, 204]);
    expect(parseColor('rgb(10, 20, 30)')).toEqual([10, 20, 30]);
    expect(parseColor('rgb(10 20 30)')).toEqual([10, 20, 30]);
    expect(themeColors('not a colour', 'light').accent).toBe('#1d4ed8');
  });

  it('lets data-theme pick a theme and the merchant override every variable', () => {
    const css = themeCss('#1f5f4a');
    expect(css).toContain('.aisle-root[data-theme=dark]');
    expect(css).toContain('@media (prefers-color-scheme:dark){.aisle-root:not([data-theme=light])');
    expect(css).toContain('--accent:var(--aisle-accent,#1f5f4a)');
  });
});
