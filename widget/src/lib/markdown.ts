import { h, type VNode } from 'preact';
import { safeHref } from './href';

export { safeHref };

/**
 * The small markdown subset the server writes (see edge/src/chat/markdown.ts): paragraphs,
 * `-` and `1.` lists, **bold**, *italic*, backslash escapes and links to https URLs or
 * same-origin paths. Anything else (raw HTML, images, other URL schemes) stays literal text.
 * The output is Preact vnodes, so text always goes through text nodes, never innerHTML.
 * A lazy chunk (components/Rich.tsx loads it when the panel opens): replies show as plain text
 * until it is there.
 */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'strong' | 'em'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'br' };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; items: Inline[][]; start: number };

const ITEM = /^\s*(?:([-*•])|(\d{1,3})[.)])\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ t: 'p', c: parseInline(para.join('\n')) });
    para = [];
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const m = ITEM.exec(line);
    const last = blocks[blocks.length - 1];
    if (m) {
      flush();
      const kind = m[1] ? 'ul' : 'ol';
      const item = parseInline(m[3]!);
      if (last?.t === kind) last.items.push(item);
      else blocks.push(kind === 'ul' ? { t: 'ul', items: [item] } : { t: 'ol', items: [item], start: Number(m[2]) });
    } else if (!line.trim()) flush();
    // A plain indented line right after a list item continues that item.
    else if (!para.length && last && last.t !== 'p' && /^\s{2,}\S/.test(line)) last.items[last.items.length - 1]!.push({ t: 'text', v: ' ' }, ...parseInline(line.trim()));
    else para.push(line);
  }
  flush();
  return blocks;
}

// An escape, **bold**, *italic*, a line break, or a [link](url) (an image keeps its `!` and stays text).
const INLINE = /\\([!-/:-@[-`{-~])|\*\*(?=\S)((?:\\.|[^\\])+?)\*\*|\*(?![\s*])((?:\\.|[^\\*])+?)\*|(\n)|(!?)\[((?:\\.|[^\\\]])+)\]\(([^()\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const push = (v: string) => {
    if (!v) return;
    const prev = out[out.length - 1];
    if (prev?.t === 'text') prev.v += v;
    else out.push({ t: 'text', v });
  };
  for (const m of text.matchAll(INLINE)) {
    push(text.slice(last, m.index));
    last = m.index! + m[0].length;
    const href = m[6] && !m[5] ? safeHref(m[7]) : null;
    if (m[1]) push(m[1]);
    else if (m[2]) out.push({ t: 'strong', c: parseInline(m[2]) });
    else if (m[3]) out.push({ t: 'em', c: parseInline(m[3]) });
    else if (m[4]) out.push({ t: 'br' });
    // Images and unsafe schemes are shown exactly as written: inert text.
    else if (href) out.push({ t: 'link', href, c: parseInline(m[6]!) });
    else push(m[0]);
  }
  push(text.slice(last));
  return out;
}

function renderInline(nodes: Inline[]): (VNode<any> | string)[] {
  return nodes.map((n) =>
    n.t === 'text'
      ? n.v
      : n.t === 'br'
        ? h('br', null)
        : n.t === 'link'
          ? h('a', { href: n.href, target: '_blank', rel: 'noopener noreferrer' }, renderInline(n.c))
          : h(n.t, null, renderInline(n.c)),
  );
}

export function renderMarkdown(source: string): VNode<any>[] {
  return parseMarkdown(source).map((b) => {
    if (b.t === 'p') return h('p', null, renderInline(b.c));
    const items = b.items.map((item) => h('li', null, renderInline(item)));
    return b.t === 'ul' ? h('ul', null, items) : h('ol', { start: b.start }, items);
  });
}

const flat = (nodes: Inline[]): string => nodes.map((n) => (n.t === 'text' ? n.v : n.t === 'br' ? '\n' : flat(n.c))).join('');

/** The reply as plain text, for the screen-reader announcement. */
export function plainText(source: string): string {
  return parseMarkdown(source)
    .map((b) => (b.t === 'p' ? flat(b.c) : b.items.map(flat).join('\n')))
    .join('\n');
}
