import type { PolicyDocument } from '../../../shared/catalog';

export interface Passage {
  /** `<documentId>#<n>`, stable while the document's text stays the same. */
  id: string;
  documentId: string;
  position: number;
  heading?: string;
  text: string;
}

const MIN_WORDS = 60;
const MAX_WORDS = 250;
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Splits a paragraph longer than MAX_WORDS at sentence ends (or, failing that, at word boundaries). */
function splitLong(paragraph: string): string[] {
  if (wordCount(paragraph) <= MAX_WORDS) return [paragraph];
  const sentences = paragraph.match(/[^.!?\n]+(?:[.!?]+|\n|$)\s*/g) ?? [paragraph];
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    if (cur && wordCount(cur + s) > MAX_WORDS * 0.8) out.push(cur.trim()), (cur = '');
    if (wordCount(s) > MAX_WORDS) {
      const words = s.split(/\s+/).filter(Boolean);
      for (let i = 0; i < words.length; i += 200) out.push(words.slice(i, i + 200).join(' '));
      continue;
    }
    cur += s;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Groups paragraphs into passages of roughly MIN_WORDS..MAX_WORDS without crossing a heading. */
function chunkSection(paragraphs: string[]): string[] {
  const pieces = paragraphs.flatMap(splitLong);
  const out: string[] = [];
  let cur: string[] = [];
  let words = 0;
  for (const p of pieces) {
    const n = wordCount(p);
    if (cur.length && words >= MIN_WORDS && words + n > MAX_WORDS) out.push(cur.join('\n\n')), (cur = []), (words = 0);
    cur.push(p);
    words += n;
  }
  if (cur.length) {
    // A short tail joins the passage before it when that keeps it readable.
    if (out.length && words < MIN_WORDS && wordCount(out[out.length - 1]) + words <= MAX_WORDS * 1.2) out[out.length - 1] += '\n\n' + cur.join('\n\n');
    else out.push(cur.join('\n\n'));
  }
  return out;
}

/**
 * Splits a policy into passages a shopper's question can be answered from: sections at `##`
 * headings (a `###` sub-heading is kept as "Section › Sub"), then paragraphs grouped to about
 * 60-250 words. Each passage keeps its heading so it can be cited and read on its own.
 */
export function splitPolicy(doc: Pick<PolicyDocument, 'id' | 'body'>): Passage[] {
  const sections: { heading?: string; paragraphs: string[] }[] = [];
  let section: { heading?: string; paragraphs: string[] } = { paragraphs: [] };
  let h2: string | undefined;
  let para: string[] = [];
  const flushPara = () => {
    const text = para.join('\n').trim();
    if (text) section.paragraphs.push(text);
    para = [];
  };
  const startSection = (heading: string | undefined) => {
    flushPara();
    if (section.paragraphs.length) sections.push(section);
    section = { heading, paragraphs: [] };
  };
  for (const line of doc.body.replace(/\r\n?/g, '\n').split('\n')) {
    const h = line.match(/^(#{1,6})\s+(.+?)\s*#*\s*$/);
    if (h && h[1].length === 1) {
      // A document title line repeats the title; it is not a section.
      flushPara();
      continue;
    }
    if (h && h[1].length === 2) {
      h2 = h[2];
      startSection(h2);
      continue;
    }
    if (h) {
      startSection(h2 ? `${h2} › ${h[2]}` : h[2]);
      continue;
    }
    if (line.trim() === '') flushPara();
    else para.push(line);
  }
  startSection(undefined);

  const passages: Passage[] = [];
  for (const s of sections) {
    for (const text of chunkSection(s.paragraphs)) {
      passages.push({ id: `${doc.id}#${passages.length + 1}`, documentId: doc.id, position: passages.length, ...(s.heading ? { heading: s.heading } : {}), text });
    }
  }
  return passages;
}
