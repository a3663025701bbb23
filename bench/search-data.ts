/**
 * The 10,000-product catalog and the query set of `bench:search`, shared by its two halves: the
 * node script that drives `wrangler dev` (bench/search.ts) and the run inside workerd
 * (bench/workerd/search.bench.ts). Pure functions of the demo catalog, so both see the same data.
 */
import type { ProductInput } from '../shared/catalog';

// --- (a) a 10,000-product catalog generated from the demo shop ---

// Words that are neither stop-words nor colours or catalog words, so each title stays findable.
const PREFIXES = ['Coastal', 'Alpine', 'Nordic', 'Urban', 'Summit', 'Meadow', 'Glacier', 'Canyon', 'Harrow', 'Prairie', 'Delta', 'Aurora', 'Basalt', 'Cedar', 'Dune', 'Lagoon', 'Mesa', 'Orchard', 'Quarry', 'Willow'];
const SUFFIXES = ['Pro', 'Lite', 'Classic', 'Plus', 'Evo', 'Max', 'Venture', 'Trek', 'Sport', 'Edition'];
const PALETTE = ['Lake Blue', 'Black', 'Forest Green', 'Rust Red', 'Sand', 'Navy', 'Charcoal Grey', 'Mustard Yellow', 'Plum', 'Orange', 'White', 'Olive', 'Sky Blue', 'Burgundy', 'Pink', 'Brown'];
export const COPIES = 200;

export interface Generated extends ProductInput {
  variants: NonNullable<ProductInput['variants']>;
}

/** Small deterministic hash so every run builds the same catalog. */
const mix = (a: number, b: number) => ((a * 2654435761) ^ (b * 40503)) >>> 0;

export function generateCatalog(base: Generated[]): Generated[] {
  const out: Generated[] = [];
  for (let k = 0; k < COPIES; k++) {
    base.forEach((p, b) => {
      const prefix = PREFIXES[k % PREFIXES.length];
      const suffix = SUFFIXES[Math.floor(k / PREFIXES.length) % SUFFIXES.length];
      const hasColour = p.variants.some((v) => 'Colour' in (v.options ?? {}));
      const sizes = [...new Set(p.variants.map((v) => v.options?.Size).filter((s): s is string => Boolean(s)))];
      const colours = hasColour ? [0, 1, 2].map((i) => PALETTE[(k * 3 + b + i * 5) % PALETTE.length]) : [];
      const price = Math.round(p.price * (0.8 + ((k * 7 + b) % 9) * 0.05)) - 0.01;
      const variants: Generated['variants'] = [];
      const combos = (colours.length ? colours : [undefined]).flatMap((c) => (sizes.length ? sizes : [undefined]).map((s) => [c, s] as const));
      combos.forEach(([colour, size], i) => {
        if (!colour && !size) return;
        const r = mix(k * 131 + b, i) % 10;
        variants.push({
          id: `${p.id}-g${k}-v${i}`,
          options: { ...(colour ? { Colour: colour } : {}), ...(size ? { Size: size } : {}) },
          availability: r === 0 ? 'out_of_stock' : r === 1 ? 'low_stock' : 'in_stock',
        });
      });
      out.push({
        ...p,
        id: `${p.id}-g${k}`,
        handle: `${p.handle ?? p.id}-g${k}`,
        url: `/products/${p.handle ?? p.id}-g${k}`,
        title: `${prefix} ${p.title} ${suffix}`,
        tags: [...(p.tags ?? []).filter((t) => !PALETTE.some((c) => c.toLowerCase() === t.toLowerCase())), ...colours.map((c) => c.toLowerCase())],
        price,
        variants,
      });
    });
  }
  return out;
}

export interface BenchQuery {
  q: string;
  expect: string;
  kind: 'exact' | 'typo' | 'synonym' | 'variant';
  variant?: Record<string, string>;
}

const SYNONYM_FOR: [RegExp, string][] = [
  [/\bjacket\b/i, 'parka'],
  [/\bbackpack\b|\bpack\b|\bdaypack\b/i, 'rucksack'],
  [/\btrousers\b|\bovertrousers\b/i, 'pants'],
  [/\bshoe\b/i, 'sneakers'],
  [/\bt-shirt\b/i, 'tee'],
];

/** Swaps two inner letters of the longest word: "Stormline" -> "Stormlnie". */
function typo(word: string): string {
  if (word.length < 5) return word;
  const i = Math.floor(word.length / 2);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

export function buildQueries(products: Generated[]): BenchQuery[] {
  const queries: BenchQuery[] = [];
  const kinds: BenchQuery['kind'][] = ['exact', 'typo', 'synonym', 'variant'];
  for (let i = 0; queries.length < 64 && i < 1000; i++) {
    const p = products[(i * 2477 + 13) % products.length];
    const kind = kinds[queries.length % kinds.length];
    const [prefix, ...rest] = p.title.split(' ');
    const suffix = rest.pop()!;
    const core = rest.join(' ');
    const words = core.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
    if (kind === 'exact') queries.push({ q: `${prefix} ${core} ${suffix}`, expect: p.id, kind });
    else if (kind === 'typo') {
      const longest = [...words].sort((a, b) => b.length - a.length)[0];
      if (!longest || longest.length < 6) continue;
      queries.push({ q: `${prefix} ${core.replace(longest, typo(longest)).toLowerCase()} ${suffix}`, expect: p.id, kind });
    } else if (kind === 'synonym') {
      const rule = SYNONYM_FOR.find(([re]) => re.test(core));
      if (!rule) continue;
      queries.push({ q: `${prefix} ${core.replace(rule[0], rule[1])} ${suffix}`.toLowerCase(), expect: p.id, kind });
    } else {
      const v = p.variants.find((x) => x.options?.Colour && x.options?.Size);
      if (!v) continue;
      const { Colour, Size } = v.options as Record<string, string>;
      queries.push({ q: `${prefix} ${core} ${suffix} in ${Colour.toLowerCase()} size ${Size}`, expect: p.id, kind, variant: { Colour, Size } });
    }
  }
  return queries;
}

/** Nearest-rank percentile. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** The header and rows of a latency table (p50, p90, p99, max), as both halves of bench:search print it. */
export const LATENCY_HEADER = '    latency ms (Worker clock: 1 ms steps)    p50     p90     p99     max';
export const latencyRow = (label: string, xs: number[]) =>
  `    ${label.padEnd(36)}${[50, 90, 99].map((p) => pct(xs, p).toFixed(2).padStart(7)).join(' ')} ${Math.max(...xs).toFixed(2).padStart(7)}`;
