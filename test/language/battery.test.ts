import { describe, expect, it } from 'vitest';
import { HANDOFF_CONCEPTS, LANGS, PACKS, splitWords } from '../../edge/src/language';
import { classifyMessage } from '../../edge/src/policy-gate';

/**
 * The obfuscation battery, generated from the packs with a fixed seed: every disguise family x
 * every money, fulfilment and person concept of every pack. Editing a test's words cannot make it
 * pass: the words come from the packs, the disguises from the families.
 */

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261201);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

const letters = (w: string) => [...w];
const between = (w: string, ch: string) => letters(w).join(ch);
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', j: 'ј', h: 'һ', d: 'ԁ' };
const LEET: Record<string, string> = { a: '4', e: '3', o: '0', i: '1', s: '5', t: '7' };
const shift = (w: string, base: number) => letters(w).map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(base + c.charCodeAt(0) - 97) : c)).join('');

/** Each family disguises one word, or returns null when the word offers it nothing to work on. */
const FAMILIES: Record<string, (w: string) => string | null> = {
  'zero-width space': (w) => between(w, '\u200b'),
  'zero-width joiner': (w) => between(w, '\u200d'),
  'soft hyphen': (w) => between(w, '\u00ad'),
  'word joiner': (w) => between(w, '\u2060'),
  'variation selector': (w) => letters(w).map((c) => c + '\ufe0f').join(''),
  'tag characters': (w) => letters(w).map((c) => c + String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join(''),
  'Cyrillic look-alikes': (w) => {
    const at = letters(w).flatMap((c, i) => (CYRILLIC[c] ? [i] : []));
    if (at.length === 0) return null;
    const chosen = new Set(at.filter(() => random() < 0.6).concat(pick(at)));
    return letters(w).map((c, i) => (chosen.has(i) ? CYRILLIC[c] : c)).join('');
  },
  fullwidth: (w) => shift(w, 0xff41),
  'mathematical bold': (w) => shift(w, 0x1d41a),
  'mathematical italic sans': (w) => shift(w, 0x1d622),
  'spaced letters': (w) => between(w, ' '),
  'hyphenated letters': (w) => between(w, '-'),
  'dotted letters': (w) => between(w, '.'),
  'digits as letters': (w) => (letters(w).some((c) => LEET[c]) ? letters(w).map((c) => LEET[c] ?? c).join('') : null),
  'HTML entities': (w) => letters(w).map((c, i) => (i % 2 === 0 ? `&#${c.charCodeAt(0)};` : c)).join(''),
  'HTML hex entities': (w) => letters(w).map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
  'percent-encoding': (w) => letters(w).map((c, i) => (i % 2 === 1 ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : c)).join(''),
};

const CONCEPTS = [...HANDOFF_CONCEPTS.money, ...HANDOFF_CONCEPTS.fulfilment, ...HANDOFF_CONCEPTS.person];

/** Words of a concept in a pack as a shopper writes them: stems and compound parts as they stand, four letters or more. */
function wordsOf(list: string): string[] {
  return splitWords(list)
    .map((w) => w.replace(/\*/g, ''))
    .filter((w) => w.length >= 4 && /^[a-z]+$/.test(w));
}

interface Variant {
  lang: string;
  concept: string;
  family: string;
  word: string;
  text: string;
}

const variants: Variant[] = [];
for (const lang of LANGS) {
  const pack = PACKS[lang];
  const orderWord = wordsOf(pack.orderRef.words)[0] ?? 'order';
  for (const concept of CONCEPTS) {
    const words = wordsOf(pack.concepts[concept]);
    if (words.length === 0) continue;
    const chosen = [...new Set([pick(words), pick(words)])];
    for (const word of chosen) {
      for (const [family, disguise] of Object.entries(FAMILIES)) {
        const hidden = disguise(word);
        if (hidden === null) continue;
        variants.push({ lang, concept, family, word, text: `${hidden} ${orderWord} 4711` });
      }
    }
  }
}

/** Must never be handed off: values, product names with action words, emoji, accents, and harmless disguised text. */
const CONTROLS = [
  'Do you have the hoodie in 3XL?',
  'Is the WH-1000XM5 in stock?',
  'Where is my order #1042?',
  'Any mugs under €3,50?',
  'Do you sell 100% cotton shirts?',
  'I love it 😍👍🏽',
  'Crème brûlée scented candle, do you have it?',
  'Größe M bitte, in Schwarz',
  'Do you have noise-cancelling headphones?',
  'Show me the noise cancelling earbuds',
  'What does the SKU-88 kit contain?',
  'Is the jacket available in XS and XXL?',
  'Contact lens case, do you sell one?',
  'h\u200bello, do you ship to Italy?',
  'ｄｏ ｙｏｕ ｈａｖｅ ｓｏｃｋｓ？',
  'Do you have the Model T-100 in size 42?',
  'Mándame el enlace de la camiseta talla L, por favor',
  'Avez-vous ce pull en taille 38 ?',
  'Avete questa giacca in taglia M?',
  'Vocês têm este vestido no tamanho 40?',
  'b l u e  s h i r t please',
  "What's your email? mine is jo.doe@example.com",
];

describe('obfuscation battery', () => {
  it('has at least 300 variants over every pack and every handoff concept', () => {
    expect(variants.length).toBeGreaterThanOrEqual(300);
    for (const lang of LANGS) for (const concept of CONCEPTS) expect(variants.some((v) => v.lang === lang && v.concept === concept), `${lang} ${concept}`).toBe(true);
  });

  it('hands off every variant', () => {
    const missed = variants.filter((v) => !classifyMessage(v.text).handoff);
    const byFamily: Record<string, number> = {};
    for (const v of missed) byFamily[v.family] = (byFamily[v.family] ?? 0) + 1;
    console.log(`battery: ${variants.length - missed.length}/${variants.length} handed off; misses by family ${JSON.stringify(byFamily)}`);
    expect(missed.map((v) => `${v.lang} ${v.concept} ${v.family} ${v.word}: ${JSON.stringify(v.text)}`)).toEqual([]);
  });

  it('hands off no control', () => {
    const wrong = CONTROLS.filter((c) => classifyMessage(c).handoff);
    console.log(`controls: ${CONTROLS.length - wrong.length}/${CONTROLS.length} not handed off`);
    expect(wrong).toEqual([]);
  });
});
