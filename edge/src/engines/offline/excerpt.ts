import type { PolicyPassage } from '../../../../shared/catalog';
import { isStopWord, stem, synonymsOf, tokenize } from '../../catalog/text';

export interface Excerpt {
  passage: PolicyPassage;
  /** Lines or sentences of the passage, word for word (tables as labelled rows). */
  text: string;
}

interface Unit {
  passage: PolicyPassage;
  index: number;
  text: string;
  stems: Set<string>;
}

const stems = (text: string) => new Set(tokenize(text).map(stem));

/** A markdown table row as "first cell: Header 2 value; Header 3 value". */
function tableRow(cells: string[], header: string[] | null): string {
  const [first, ...rest] = cells;
  if (!header) return cells.join(', ');
  return `${first}: ${rest.map((c, i) => (header[i + 1] ? `${header[i + 1]} ${c}` : c)).join('; ')}`;
}

/** Splits a passage into quotable units: sentences of prose, rows of tables; headings dropped. */
function units(passage: PolicyPassage): Unit[] {
  const out: Unit[] = [];
  let header: string[] | null = null;
  for (const raw of passage.text.split('\n')) {
    const line = raw.trim();
    if (!line || /^#+\s/.test(line)) continue;
    if (line.startsWith('|')) {
      const cells = line.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      if (cells.every((c) => /^:?-{2,}:?$/.test(c))) continue;
      if (!header) {
        header = cells;
        continue;
      }
      const text = tableRow(cells, header);
      out.push({ passage, index: out.length, text, stems: stems(text) });
      continue;
    }
    header = null;
    const prose = line.replace(/^(?:[-*]|\d+\.)\s+/, '');
    for (const sentence of prose.split(/(?<=[.!?])\s+(?=[A-Z0-9*“"(])/)) {
      if (sentence.trim()) out.push({ passage, index: out.length, text: sentence.trim(), stems: stems(sentence) });
    }
  }
  return out;
}

/**
 * Picks the sentences (or table rows) of the retrieved passages that best answer the question,
 * so a quote answers it instead of opening the policy at its first line. Word for word: the
 * promise guard lets verbatim policy through, and shoppers get the shop's own words.
 */
export function bestExcerpt(passages: PolicyPassage[], question: string, maxChars = 420): Excerpt | null {
  if (passages.length === 0) return null;
  const terms = new Set<string>();
  for (const token of tokenize(question)) {
    if (isStopWord(token) || token.length < 3) continue;
    terms.add(stem(token));
    for (const syn of synonymsOf(token)) for (const t of tokenize(syn)) if (!isStopWord(t)) terms.add(stem(t));
  }
  let best: { unit: Unit; units: Unit[]; score: number } | null = null;
  for (const [rank, passage] of passages.entries()) {
    const list = units(passage);
    for (const unit of list) {
      let score = 0;
      for (const t of terms) if (unit.stems.has(t)) score += 1;
      // Earlier passages ranked higher by search; a tiny tie-break keeps that order.
      const weighted = score - rank * 0.01 - unit.index * 0.001;
      if (score > 0 && (!best || weighted > best.score)) best = { unit, units: list, score: weighted };
    }
  }
  if (!best) {
    const list = units(passages[0]);
    if (list.length === 0) return null;
    best = { unit: list[0], units: list, score: 0 };
  }
  // Add the next sentence of the same passage while it fits: an answer often spans two.
  let text = best.unit.text;
  const next = best.units[best.unit.index + 1];
  if (next && !best.unit.text.includes(':') && text.length + next.text.length + 1 <= maxChars) text += ' ' + next.text;
  if (text.length > maxChars) text = text.slice(0, maxChars).replace(/\s+\S*$/, '') + '…';
  return { passage: best.unit.passage, text };
}

/** Words shoppers use for facts a catalog records under other names. */
const FACT_WORDS: Record<string, string[]> = {
  heavy: ['weight', 'weigh', 'weighs', 'g', 'kg'],
  light: ['weight', 'weigh', 'weighs'],
  weigh: ['weight', 'weighs', 'g', 'kg'],
  warm: ['insulation', 'insulated', 'warmth', 'comfort', 'temperature', 'fill'],
  made: ['material', 'fabric', 'made'],
  fabric: ['material'],
  big: ['size', 'capacity', 'volume', 'dimensions', 'litre', 'liter'],
  large: ['size', 'capacity', 'volume', 'litre', 'liter'],
  people: ['person', 'persons', 'capacity'],
  fit: ['fit', 'cut', 'sizing'],
  rain: ['waterproof', 'water', 'rating'],
  wash: ['care', 'washing', 'machine'],
};

export interface ProductFacts {
  title: string;
  description?: string;
  attributes?: Record<string, string | number | boolean>;
}

const humanKey = (key: string) => {
  const m = key.match(/^(.*)_(g|kg|mm|cm|l|ml|c|persons?)$/i);
  const base = (m ? m[1] : key).replace(/_/g, ' ');
  return (base.charAt(0).toUpperCase() + base.slice(1)) + (m ? ` (${m[2]})` : '');
};

/**
 * The sentence of a product's description, or the attribute, that answers a detail question
 * ("how heavy is the Sparrow 2 tent?" -> "Weighs 1,650 g packed"), word for word from the
 * catalog. Null when the question asks nothing beyond the product's name.
 */
export function productFact(product: ProductFacts, question: string): string | null {
  const titleStems = stems(product.title);
  const terms = new Set<string>();
  for (const token of tokenize(question)) {
    if (isStopWord(token) || token.length < 3) continue;
    const s = stem(token);
    if (titleStems.has(s)) continue;
    terms.add(s);
    for (const extra of [...synonymsOf(token), ...(FACT_WORDS[token] ?? FACT_WORDS[s] ?? [])]) for (const t of tokenize(extra)) terms.add(stem(t));
  }
  if (terms.size === 0) return null;
  const candidates: string[] = [];
  for (const sentence of (product.description ?? '').split(/(?<=[.!?])\s+/)) if (sentence.trim()) candidates.push(sentence.trim());
  for (const [key, value] of Object.entries(product.attributes ?? {})) {
    candidates.push(`${humanKey(key)}: ${typeof value === 'boolean' ? (value ? 'yes' : 'no') : value}`);
  }
  let best: { text: string; score: number } | null = null;
  for (const text of candidates) {
    const unit = stems(text);
    let score = 0;
    for (const t of terms) if (unit.has(t)) score++;
    if (score > 0 && (!best || score > best.score)) best = { text, score };
  }
  return best?.text ?? null;
}
