import { h, type VNode } from 'preact';

/**
 * The small markdown subset assistant replies may use: paragraphs, `-` and
 * `1.` lists, **bold** and links to https URLs or same-origin paths. Anything
 * else (raw HTML, images, other URL schemes) stays literal text. The output is
 * Preact vnodes, so text always goes through text nodes, never innerHTML.
 */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'link'; href: string; v: string }
  | { t: 'br' };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; items: Inline[][]; start: number };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ t: 'p', c: parseLines(para) });
    para = [];
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flush();
      const last = blocks[blocks.length - 1];
      const text = bullet ? bullet[1]! : numbered![2]!;
      if (bullet && last?.t === 'ul') last.items.push(parseInline(text));
      else if (numbered && last?.t === 'ol') last.items.push(parseInline(text));
      else if (bullet) blocks.push({ t: 'ul', items: [parseInline(text)] });
      else blocks.push({ t: 'ol', items: [parseInline(text)], start: Number(numbered![1]) });
    } else if (line.trim() === '') {
      flush();
    } else {
      // A plain line right after a list item continues that item.
      const last = blocks[blocks.length - 1];
      if (!para.length && last && last.t !== 'p' && /^\s{2,}\S/.test(line)) {
        last.items[last.items.length - 1]!.push({ t: 'text', v: ' ' }, ...parseInline(line.trim()));
      } else {
        para.push(line);
      }
    }
  }
  flush();
  return blocks;
}

function parseLines(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((line, i) => {
    if (i) out.push({ t: 'br' });
    out.push(...parseInline(line));
  });
  return out;
}

const INLINE = /\*\*(?=\S)([^*\n]+?)\*\*|(!?)\[([^\]\n]+)\]\(([^()\s]+)\)/g;

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
    const start = m.index!;
    push(text.slice(last, start));
    last = start + m[0].length;
    if (m[1] !== undefined) {
      out.push({ t: 'strong', c: parseInline(m[1]) });
      continue;
    }
    const href = m[2] ? null : safeHref(m[4]!);
    // Images and unsafe schemes are shown exactly as written: inert text.
    if (href) out.push({ t: 'link', href, v: m[3]! });
    else push(m[0]);
  }
  push(text.slice(last));
  return out;
}

/** https URLs and same-origin absolute paths only; everything else is refused. */
export function safeHref(url: string | undefined | null): string | null {
  if (!url) return null;
  const value = url.trim();
  if (/^\/(?![/\\])/.test(value)) return value;
  if (!/^https:\/\//i.test(value)) return null;
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function renderInline(nodes: Inline[]): (VNode<any> | string)[] {
  return nodes.map((n) => {
    switch (n.t) {
      case 'text':
        return n.v;
      case 'br':
        return h('br', null);
      case 'strong':
        return h('strong', null, renderInline(n.c));
      case 'link':
        return h('a', { href: n.href, target: '_blank', rel: 'noopener noreferrer' }, n.v);
    }
  });
}

export function renderMarkdown(source: string): VNode<any>[] {
  return parseMarkdown(source).map((b) => {
    if (b.t === 'p') return h('p', null, renderInline(b.c));
    const items = b.items.map((item) => h('li', null, renderInline(item)));
    return b.t === 'ul' ? h('ul', null, items) : h('ol', { start: b.start }, items);
  });
}

/** The reply as plain text, for the screen-reader announcement. */
export function plainText(source: string): string {
  return source.replace(INLINE, (all, bold: string | undefined, bang: string, label: string) =>
    bold !== undefined ? bold : bang ? all : label,
  );
}
