import { type VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText, renderMarkdown, safeHref } from '../../widget/src/lib/markdown';

/** Walks rendered vnodes (no DOM needed) and lists every element with its props. */
function elements(nodes: unknown): { type: string; props: Record<string, unknown> }[] {
  const out: { type: string; props: Record<string, unknown> }[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const v = n as VNode<Record<string, unknown>>;
    if (typeof v.type === 'string') out.push({ type: v.type, props: v.props });
    visit(v.props?.children);
  };
  visit(nodes);
  return out;
}

/** All text a reader would see, in order. */
function text(nodes: unknown): string {
  if (Array.isArray(nodes)) return nodes.map(text).join('');
  if (typeof nodes === 'string' || typeof nodes === 'number') return String(nodes);
  if (!nodes || typeof nodes !== 'object') return '';
  return text((nodes as VNode<{ children?: unknown }>).props?.children);
}

describe('assistant reply markdown', () => {
  it('renders paragraphs, lists, bold and https links', () => {
    const md = 'Our **returns** window is 30 days.\n\n- Free returns\n- Label in the box\n\n1. Pack it\n2. Drop it off\n\nSee [Returns](https://shop.example/policies/returns).';
    const els = elements(renderMarkdown(md));
    expect(els.map((e) => e.type)).toEqual(['p', 'strong', 'ul', 'li', 'li', 'ol', 'li', 'li', 'p', 'a']);
    const link = els.find((e) => e.type === 'a')!;
    expect(link.props).toMatchObject({ href: 'https://shop.example/policies/returns', target: '_blank', rel: 'noopener noreferrer' });
    expect(text(renderMarkdown(md))).toContain('Free returns');
  });

  it('keeps same-origin paths as links but refuses protocol-relative ones', () => {
    expect(safeHref('/policies/shipping')).toBe('/policies/shipping');
    expect(safeHref('//evil.test/x')).toBeNull();
    expect(safeHref('/\\evil.test')).toBeNull();
    expect(safeHref('http://shop.example/')).toBeNull();
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
  });

  it.each([
    ['raw img tag', '<img src=x onerror=alert(1)>'],
    ['javascript link', '[x](javascript:alert(1))'],
    ['markdown image', '![img](https://evil.test/a.png)'],
    ['raw script', '<script>alert(document.cookie)</script>'],
    ['html link', '<a href="javascript:alert(1)">click</a>'],
    ['nested trick', '**[x](javascript:alert(1))** and [y](JAVASCRIPT:alert(2))'],
  ])('%s renders as inert text', (_name, md) => {
    const nodes = renderMarkdown(md);
    const els = elements(nodes);
    expect(els.some((e) => e.type === 'img' || e.type === 'script')).toBe(false);
    for (const e of els) {
      for (const [k, v] of Object.entries(e.props)) {
        if (k === 'children') continue;
        expect(k.startsWith('on')).toBe(false);
        expect(String(v)).not.toMatch(/javascript:/i);
      }
    }
    expect(els.filter((e) => e.type === 'a')).toEqual([]);
    // The characters are still there for the shopper to read.
    expect(text(nodes).replace(/\s+/g, '')).toContain(md.replace(/\*\*/g, '').replace(/\s+/g, ''));
  });

  it('does not make a link out of an image, even with an https URL', () => {
    const blocks = parseMarkdown('Look: ![shoe](https://cdn.example/shoe.png)');
    expect(blocks).toEqual([{ t: 'p', c: [{ t: 'text', v: 'Look: ![shoe](https://cdn.example/shoe.png)' }] }]);
  });

  it('keeps list numbering and line breaks', () => {
    const blocks = parseMarkdown('3. third\n4. fourth\nline one\nline two');
    expect(blocks[0]).toMatchObject({ t: 'ol', start: 3 });
    expect(blocks[1]).toEqual({ t: 'p', c: [{ t: 'text', v: 'line one' }, { t: 'br' }, { t: 'text', v: 'line two' }] });
  });

  it('announces replies as plain text without markup', () => {
    expect(plainText('**Yes**, see [Shipping](https://s.example/shipping).')).toBe('Yes, see Shipping.');
  });
});
