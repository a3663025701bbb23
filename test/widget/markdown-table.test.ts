import { createRequire } from 'node:module';
import { marked } from 'marked';
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { filterMarkdown, linkPolicy } from '../../edge/src/turn/markdown';
import { renderMarkdown } from '../../widget/src/lib/markdown';
import { MARKDOWN_CASES, SHOP_BASE, SHOP_ORIGINS } from '../fixtures/markdown/cases';

/**
 * The shared markdown table, server then widget; the widget alone on every input as a raw
 * attack; and the CommonMark spec's link, image, autolink and raw HTML examples (read from the
 * pinned `commonmark-spec` package at test time) through both.
 */
const policy = linkPolicy(SHOP_BASE, SHOP_ORIGINS);
const server = (md: string) => filterMarkdown(md, policy);

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The widget's vnodes as simplified HTML: element names, `href`/`start` only, text escaped. */
function html(nodes: unknown): string {
  if (Array.isArray(nodes)) return nodes.map(html).join('');
  if (typeof nodes === 'string' || typeof nodes === 'number') return escapeHtml(String(nodes));
  if (!nodes || typeof nodes !== 'object') return '';
  const v = nodes as VNode<Record<string, unknown>>;
  const props = v.props ?? {};
  const attrs = ['href', 'start'].filter((k) => props[k] !== undefined).map((k) => ` ${k}="${escapeHtml(String(props[k]))}"`).join('');
  const inner = html(props.children);
  return v.type === 'br' ? '<br>' : `<${String(v.type)}${attrs}>${inner}</${String(v.type)}>`;
}

/** Every element the widget would create, with its props. */
function elements(nodes: unknown, out: { type: string; props: Record<string, unknown> }[] = []) {
  if (Array.isArray(nodes)) nodes.forEach((n) => elements(n, out));
  else if (nodes && typeof nodes === 'object') {
    const v = nodes as VNode<Record<string, unknown>>;
    if (typeof v.type === 'string') out.push({ type: v.type, props: v.props });
    elements(v.props?.children, out);
  }
  return out;
}

const WIDGET_ELEMENTS = new Set(['p', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'br']);

function expectWidgetSafe(md: string, where: string, onShopOnly: boolean) {
  for (const e of elements(renderMarkdown(md))) {
    expect(WIDGET_ELEMENTS.has(e.type), `${where}: <${e.type}>`).toBe(true);
    expect(Object.keys(e.props).filter((k) => k.startsWith('on')), where).toEqual([]);
    if (e.type !== 'a') continue;
    const href = String(e.props.href);
    if (onShopOnly) expect(policy.origins.has(new URL(href).origin), `${where}: ${href}`).toBe(true);
    else expect(href.startsWith('https://') || /^\/(?![/\\])/.test(href), `${where}: ${href}`).toBe(true);
  }
}

/** What a headless client rendering the stored text with `marked` (GFM) would put on a page. */
export function expectMarkedSafe(stored: string, where: string) {
  const rendered = marked.parse(stored, { async: false, gfm: true });
  const tags = [...rendered.matchAll(/<\s*([a-zA-Z][\w-]*)([^>]*)>/g)];
  for (const [, tag, attrs] of tags) {
    expect(['p', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'br'], `${where}: <${tag}> in ${rendered}`).toContain(tag!.toLowerCase());
    if (tag!.toLowerCase() === 'a') {
      const href = /href="([^"]*)"/.exec(attrs!)?.[1] ?? '';
      expect(href.startsWith('https://') && policy.origins.has(new URL(href.replace(/&amp;/g, '&')).origin), `${where}: link ${href}`).toBe(true);
    } else if (tag!.toLowerCase() !== 'ol') expect(attrs!.trim(), `${where}: attributes on <${tag}>`).toBe('');
  }
}

describe('the markdown table (server filter, then widget renderer)', () => {
  it('has at least 80 cases with distinct names', () => {
    expect(MARKDOWN_CASES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(MARKDOWN_CASES.map((c) => c.name)).size).toBe(MARKDOWN_CASES.length);
  });

  it.each(MARKDOWN_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const stored = server(c.md);
    expect(html(renderMarkdown(stored))).toBe(c.html);
    expectWidgetSafe(stored, c.name, true);
    expectMarkedSafe(stored, c.name);
  });

  it.each(MARKDOWN_CASES.map((c) => [c.name, c] as const))('widget alone, raw: %s', (_name, c) => {
    expectWidgetSafe(c.md, c.name, false);
  });

  it('filters streamed pieces one at a time into text that joins cleanly', () => {
    const pieces = ['Here are two:\n', '- **Red** jacket\n', '- [Blue](https://evil.test) one\n\n', 'See [returns](/r). ', 'Thanks!'];
    const stored = pieces.map(server).join('');
    expect(html(renderMarkdown(stored))).toBe(
      '<p>Here are two:</p><ul><li><strong>Red</strong> jacket</li><li>Blue one</li></ul><p>See <a href="https://shop.example/r">returns</a>. Thanks!</p>',
    );
  });
});

const spec = (createRequire(import.meta.url)('commonmark-spec') as { tests: { markdown: string; section: string; number: number }[] }).tests;
const SECTIONS = ['Links', 'Images', 'Autolinks', 'Raw HTML', 'HTML blocks', 'Link reference definitions'];
const examples = spec.filter((t) => SECTIONS.includes(t.section)).map((t) => [`${t.section} #${t.number}`, t.markdown.replace(/→/g, '\t')] as const);

describe('CommonMark spec examples (commonmark-spec, read at test time)', () => {
  it('reads the link, image, autolink and raw HTML sections', () => {
    expect(examples.length).toBeGreaterThan(150);
  });

  it.each(examples)('%s: server output renders safely in marked and the widget', (name, md) => {
    const stored = server(md);
    expectMarkedSafe(stored, name);
    expectWidgetSafe(stored, name, true);
  });

  it.each(examples)('%s: the widget alone renders it inert', (name, md) => {
    expectWidgetSafe(md, name, false);
  });
});
