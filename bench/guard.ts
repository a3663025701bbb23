// `npm run bench:guard`: every sentence of ../shared/data/policies/* and of the dummyjson product
// descriptions goes through the whole guard as quoted evidence of its own turn (the shop's text,
// retrieved this turn). Prints the blocked share and the ids of blocked sentences; fails over 1%.
// Reads the data at run time; never copies it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newEvidence } from '../edge/src/turn/context';
import { createGroundingCheck, groundingSources } from '../edge/src/turn/grounding';
import { guardText } from '../edge/src/turn/reply-writer';
import { ShopSettings } from '../shared/shop';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data');
const units: { id: string; text: string; source: string }[] = [];
const sentences = (text: string) => text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => /\p{L}{2}/u.test(s));

for (const file of readdirSync(path.join(DATA, 'policies')).filter((f) => !/LICENSE/.test(f))) {
  const raw = readFileSync(path.join(DATA, 'policies', file), 'utf8');
  const texts: string[] = file.endsWith('.json') ? JSON.stringify(JSON.parse(raw)).match(/"(?:[^"\\]|\\.){20,}"/g)!.map((s) => JSON.parse(s) as string) : [raw];
  texts.forEach((t, i) => sentences(t).forEach((s, j) => units.push({ id: `${file}#${i}.${j}`, text: s, source: t })));
}
const catalog = JSON.parse(readFileSync(path.join(DATA, "catalogs", "dummyjson-products.json"), "utf8"));
const products: { id: number; description: string }[] = Array.isArray(catalog) ? catalog : catalog.products;
for (const p of products) sentences(p.description).forEach((s, j) => units.push({ id: `dummyjson#${p.id}.${j}`, text: s, source: p.description }));

const shop = { name: 'Bench shop', settings: ShopSettings.parse({}) };
const blocked: string[] = [];
for (const u of units) {
  const evidence = newEvidence();
  evidence.passages.push({ id: 'p', documentId: 'd', title: '', text: u.source } as never);
  const r = guardText(u.text, { replacement: () => '', quotes: () => [u.source], check: createGroundingCheck(() => groundingSources(evidence, shop)) });
  if (r.blocked.length || r.dropped.length) blocked.push(`${u.id} (${[...r.blocked, ...r.dropped].map((b) => b.rule).join(',')})`);
}
const share = blocked.length / units.length;
console.log(`bench:guard: ${blocked.length}/${units.length} sentences blocked (${(100 * share).toFixed(2)}%)`);
for (const id of blocked) console.log(`  blocked ${id}`);
process.exit(share <= 0.01 ? 0 : 1);
