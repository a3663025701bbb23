import { Lexer, type Token, type Tokens } from 'marked';

/**
 * The server-side markdown filter. Engine text (and text written by people) is read with a
 * real markdown tokenizer (marked, GFM) and written out again as a canonical subset only:
 * paragraphs, `-` and `1.` lists, `**bold**`, `*italic*` and `[label](https://…)` links whose
 * origin is the shop's own. Everything else (images, raw HTML, code, headings, tables, quotes,
 * reference definitions, autolinks off the shop) becomes plain text, and every character that
 * could start markup in that text is backslash-escaped.
 *
 * Safety comes from the escaping, not from the tokenizer agreeing with every client: whatever
 * a CommonMark or GFM renderer makes of our output, the only constructs in it are the ones we
 * wrote, so a headless client rendering the stored text with any markdown library sees no
 * image, no HTML and no link that is not https on the shop's origins.
 */

export interface LinkPolicy {
  /** The storefront origin relative links resolve against. */
  base: string;
  /** Origins links may point to (https only). */
  origins: ReadonlySet<string>;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Marked decodes numeric references in text; the few named ones that matter are decoded here. */
const decodeEntities = (s: string) =>
  s
    .replace(/&#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}));/g, (whole, hex?: string, dec?: string) => {
      const code = hex ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, name: string) => NAMED_ENTITIES[name]!);

/**
 * Plain text made inert for any markdown reader: markup characters are escaped, bare URLs,
 * `www.` hosts and e-mail addresses are broken up so GFM does not turn them into links, and
 * line starts that would open a block (list, heading, quote, code) are escaped.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/([\p{L}\p{N}._%+-])@(?=[\p{L}\p{N}-]+\.)/gu, '$1\\@');
}

/** Escapes what a line may not start with, and drops indentation (which would make code). */
function escapeLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^[ \t]+/, '')
        .replace(/^([#=+-])/, '\\$1')
        .replace(/^(\d{1,9})([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/** The absolute https URL a link may keep, or null when it leaves the shop. */
export function allowedHref(href: string, policy: LinkPolicy): string | null {
  let url: URL;
  try {
    url = new URL(decodeEntities(href.trim()), policy.base);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  if (!policy.origins.has(url.origin)) return null;
  // Parentheses would end the destination; an entity would be decoded by the reader.
  return url.href.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29')).replace(/&(?=#?[A-Za-z0-9]+;)/g, '%26');
}

type InlineToken = Tokens.Generic;

function inline(tokens: InlineToken[] | undefined, policy: LinkPolicy, inLink = false): string {
  let out = '';
  // Neighbouring plain text is escaped as one string, so a URL or e-mail address split over
  // several tokens ("https" + "\\:" + "//…", or around a dropped HTML tag) is still broken up.
  let plain = '';
  const flush = () => {
    out += escapeText(plain);
    plain = '';
  };
  for (const t of tokens ?? []) {
    const text = plainOf(t);
    if (text !== null) plain += text;
    else {
      flush();
      out += inlineToken(t, policy, inLink);
    }
  }
  flush();
  // A `!` of the text right before one of our links would turn it into an image.
  return out.replace(/!(?=\[)/g, '\\!');
}

/** The text of a token that is plain text for us (raw HTML counts as nothing), else null. */
function plainOf(t: InlineToken): string | null {
  switch (t.type) {
    case 'text':
    case 'codespan':
    case 'del':
      return t.tokens ? null : decodeEntities(t.text as string);
    case 'escape':
      return t.text as string;
    case 'image':
      // An image URL is an exfiltration channel: only the alt text is kept.
      return decodeEntities(t.text as string);
    case 'html':
      // Raw HTML is never rendered; the tag itself means nothing to a shopper.
      return '';
    case 'br':
      return '\n';
    default:
      return null;
  }
}

function inlineToken(t: InlineToken, policy: LinkPolicy, inLink: boolean): string {
  switch (t.type) {
    case 'strong':
    case 'em': {
      const body = inline(t.tokens, policy, inLink).trim();
      const mark = t.type === 'strong' ? '**' : '*';
      return body ? mark + body + mark : '';
    }
    case 'link': {
      const label = inline(t.tokens, policy, true).trim();
      const href = inLink ? null : allowedHref(t.href as string, policy);
      // An autolink or label that is itself a URL stays readable text, broken up (escaped).
      return href && label ? `[${label}](${href})` : label;
    }
    default:
      // text, codespan and del with inner tokens, and anything unknown: its words only.
      return t.tokens ? inline(t.tokens, policy, inLink) : typeof t.text === 'string' ? escapeText(decodeEntities(t.text)) : '';
  }
}

/** A block's content as inline text (headings, quotes and table cells are flattened to it). */
function blockText(t: Token, policy: LinkPolicy): string[] {
  switch (t.type) {
    case 'paragraph':
    case 'heading':
    case 'text':
      return [escapeLineStarts(t.tokens ? inline(t.tokens as InlineToken[], policy) : escapeText(decodeEntities(t.text)))];
    case 'code':
      return [escapeLineStarts(escapeText(t.text))];
    case 'html':
      // A block of HTML keeps its words, never its tags.
      return [escapeLineStarts(escapeText(decodeEntities(t.text.replace(/<[^>]*>?/g, ' ').replace(/[ \t]+/g, ' ').trim())))].filter(Boolean);
    case 'blockquote':
      return (t.tokens ?? []).flatMap((b) => blockText(b, policy));
    case 'table': {
      const table = t as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens as InlineToken[], policy).trim()).join(' – ');
      return [escapeLineStarts([row(table.header), ...table.rows.map(row)].join('\n'))];
    }
    case 'list':
      return [serializeList(t as Tokens.List, policy)];
    case 'hr':
    case 'space':
    case 'def':
      return [];
    default:
      return 'text' in t && typeof t.text === 'string' ? [escapeLineStarts(escapeText(t.text))] : [];
  }
}

/** Lists keep their kind and numbering; nested lists are flattened into the same list. */
function serializeList(list: Tokens.List, policy: LinkPolicy): string {
  const lines: string[] = [];
  let n = typeof list.start === 'number' ? list.start : 1;
  const visit = (items: Tokens.ListItem[], ordered: boolean) => {
    for (const item of items) {
      const parts: string[] = [];
      const nested: Tokens.List[] = [];
      for (const b of item.tokens) {
        if (b.type === 'list') nested.push(b as Tokens.List);
        else parts.push(...blockText(b, policy));
      }
      const body = parts.join(' ').replace(/\n+/g, ' ').trim();
      if (body) lines.push(`${ordered ? `${n++}.` : '-'} ${body}`);
      for (const l of nested) visit(l.items, ordered);
    }
  };
  visit(list.items, list.ordered);
  return lines.join('\n');
}

/** The canonical subset of a markdown text (no leading or trailing whitespace). */
export function canonicalMarkdown(source: string, policy: LinkPolicy): string {
  const tokens = Lexer.lex(source.replace(/\r\n?/g, '\n'), { gfm: true, breaks: false });
  const blocks: string[] = [];
  for (const t of tokens) {
    const text = blockText(t, policy).join('\n\n').trim();
    if (text) blocks.push(text);
  }
  return blocks.join('\n\n');
}

/**
 * Filtered pieces by link policy and text. Our own lines and the shop's quoted passages come back
 * turn after turn, and lexing each again was a few percent of a policy turn's CPU. The answer
 * depends only on the key, so a hit gives any shop exactly what filtering would; bounded.
 */
const filtered = new Map<string, string>();
const MAX_FILTERED = 2000;
const MAX_FILTERED_PIECE = 4000;

/**
 * Filters one piece of streamed text. Its outer whitespace is kept in canonical form, so
 * pieces filtered one at a time still join into paragraphs and list items.
 */
export function filterMarkdown(piece: string, policy: LinkPolicy): string {
  if (piece.length > MAX_FILTERED_PIECE) return filterPiece(piece, policy);
  const key = `${policy.base}\u0000${[...policy.origins].join(' ')}\u0000${piece}`;
  let out = filtered.get(key);
  if (out === undefined) {
    out = filterPiece(piece, policy);
    if (filtered.size >= MAX_FILTERED) filtered.clear();
    filtered.set(key, out);
  }
  return out;
}

function filterPiece(piece: string, policy: LinkPolicy): string {
  const lead = /^\s*/.exec(piece)![0];
  const trail = /\s*$/.exec(piece)![0];
  const body = piece.trim() ? canonicalMarkdown(piece, policy) : '';
  const space = (ws: string) => (ws.includes('\n\n') ? '\n\n' : ws.includes('\n') ? '\n' : ws ? ' ' : '');
  if (!body) return space(piece.trim() ? trail : piece);
  return space(lead) + body + space(trail);
}

/** Origins for a shop: its allowed origins, extra `linkOrigins`, and the storefront origin when https. */
export function linkPolicy(base: string, origins: Iterable<string>): LinkPolicy {
  const set = new Set<string>();
  for (const o of [base, ...origins]) {
    try {
      const u = new URL(o);
      if (u.protocol === 'https:') set.add(u.origin);
    } catch {
      // not an origin: ignored
    }
  }
  return { base, origins: set };
}
