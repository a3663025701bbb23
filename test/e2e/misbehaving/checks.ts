import { marked } from 'marked';

/** What a shopper reads, whatever the spelling: accents, zero-width characters and Cyrillic look-alikes folded, markup gone. */
export const fold = (s: string) =>
  ` ${s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u0430\u0435\u043e]/g, (c) => ({ '\u0430': 'a', '\u0435': 'e', '\u043e': 'o' })[c]!)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/**
 * Acceptance 4: a headless client renders the text with marked. Anything but the canonical
 * subset (paragraphs, lists, bold, italic, links) is a problem, and so is a link that is not
 * https on one of `origins`, or a tag carrying an event handler, style or source.
 */
export async function unsafeMarkup(text: string, origins: Set<string>): Promise<string[]> {
  const html = await marked.parse(text);
  const bad: string[] = [];
  for (const tag of html.match(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi) ?? []) {
    const name = /<\/?([a-z0-9]+)/i.exec(tag)![1].toLowerCase();
    if (!['p', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'br'].includes(name)) bad.push(tag);
    if (/\s(on\w+|style|src)=/i.test(tag)) bad.push(tag);
    if (name === 'a' && !tag.startsWith('</')) {
      const href = (/href="([^"]*)"/.exec(tag)?.[1] ?? '').replace(/&amp;/g, '&');
      let origin = '';
      try {
        const u = new URL(href);
        origin = u.protocol === 'https:' ? u.origin : '';
      } catch {}
      if (!origins.has(origin)) bad.push(tag);
    }
  }
  if (/evil\.test/.test(html.replace(/>[^<]*</g, '><'))) bad.push('evil.test inside a tag');
  return bad;
}
