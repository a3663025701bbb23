import { describe, expect, it } from 'vitest';
import { filterMarkdown, linkPolicy } from '../../../edge/src/turn/markdown';

describe('filterMarkdown kept per link policy and text', () => {
  const piece = 'See [our returns page](https://a.example/returns) or [theirs](https://b.example/returns). ';
  const shopA = linkPolicy('https://a.example', []);
  const shopB = linkPolicy('https://b.example', []);

  it('gives each shop the links its own policy allows, whichever asked first', () => {
    const a = filterMarkdown(piece, shopA);
    const b = filterMarkdown(piece, shopB);
    expect(a).toBe('See [our returns page](https://a.example/returns) or theirs. ');
    expect(b).toBe('See our returns page or [theirs](https://b.example/returns). ');
    // Again, now from the kept answers, and with an equal policy built anew.
    expect(filterMarkdown(piece, shopA)).toBe(a);
    expect(filterMarkdown(piece, linkPolicy('https://b.example', []))).toBe(b);
  });

  it('filters long pieces without keeping them, the same way', () => {
    const long = `${'word '.repeat(1000)}**bold** <img src=x>`;
    expect(filterMarkdown(long, shopA)).toBe(filterMarkdown(long, shopA));
    expect(filterMarkdown(long, shopA)).not.toContain('<img');
  });
});
