// Writes one small flat SVG per demo product to edge/demo-site/img/<handle>.svg,
// drawn from the product's type (guessed from its id) in its first colour.
// Run after editing the demo catalog: node scripts/demo-images.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalog = JSON.parse(readFileSync(path.join(root, 'edge/src/demo/data/catalog.json'), 'utf8'));
const outDir = path.join(root, 'edge/demo-site/img');
const MAX_BYTES = 1536;

const COLOURS = {
  black: '#2b2d30', charcoal: '#44474d', grey: '#8a8f96', 'stone grey': '#9a968c', 'heather grey': '#a3a6ab',
  navy: '#27365f', 'navy blue': '#27365f', blue: '#2f6fd1', 'lake blue': '#2f6f9f', 'glacier blue': '#7fb6d9',
  'sky blue': '#79b8e8', 'slate blue': '#5a6f94', 'cobalt blue': '#2451b3', 'ocean blue': '#1f6fa8',
  'deep teal': '#1d5e63', 'aurora teal': '#2aa39a', 'moss green': '#5d7041', 'forest green': '#2f5a3c',
  olive: '#6b6b3a', sage: '#8fa58a', lime: '#a4c23a', sand: '#c8b48c', oatmeal: '#d8ccb4', cream: '#eee5d0',
  'bark brown': '#6b4a34', brown: '#7a5232', 'rust orange': '#b5532a', orange: '#e07a2a', 'sunset orange': '#e8743b',
  'sun yellow': '#f0c33c', yellow: '#f0c33c', mustard: '#c9a227', 'cardinal red': '#b02a30', 'ember red': '#c23b2e',
  coral: '#ee7f6b', raspberry: '#c2306a', plum: '#6e3b5c', white: '#f4f4f2',
};
const DEFAULT_COLOUR = '#3f7a62';

/** Darkens a hex colour for outlines and details. */
function shade(hex, f = 0.65) {
  const n = parseInt(hex.slice(1), 16);
  const c = [n >> 16, (n >> 8) & 255, n & 255].map((v) => Math.round(v * f));
  return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
}

// Each shape: a main path filled with the colour, and detail strokes in a darker shade.
const SHAPES = {
  jacket: ['M70 40Q100 28 130 40L160 60L176 142L156 147L146 92V166H54V92L44 147L24 142L40 60Z', 'M100 46V166M80 44Q100 12 120 44M62 120H84M116 120H138'],
  fleece: ['M72 42H128L160 60L176 142L156 147L146 92V166H54V92L44 147L24 142L40 60Z', 'M84 42Q100 56 116 42M100 50V100M54 158H146'],
  vest: ['M72 40H86Q100 60 114 40H128L140 70L146 166H54L60 70Z', 'M100 56V166M66 110H86M114 110H134'],
  tee: ['M70 40H130L166 64L150 92L140 84V166H60V84L50 92L34 64Z', 'M84 40Q100 58 116 40'],
  longsleeve: ['M72 40H128L160 60L176 150L158 154L146 92V166H54V92L42 154L24 150L40 60Z', 'M84 40Q100 56 116 40'],
  trousers: ['M64 30H136L150 172H110L100 84L90 172H50Z', 'M64 44H136M100 44V84M72 60L76 110'],
  leggings: ['M72 30H128L134 172H106L100 84L94 172H66Z', 'M72 42H128'],
  boot: ['M62 36H106L112 108Q152 112 168 134V150H44V144Q56 100 62 36Z', 'M44 150H168V162H44ZM76 52H100M76 68H102M76 84H104'],
  shoe: ['M36 112Q66 82 102 96Q142 104 168 126V146H36Z', 'M36 146H168V158H36ZM70 100L82 112M84 96L96 108'],
  backpack: ['M58 50Q58 32 100 32Q142 32 142 50V166H58Z', 'M58 72H142M74 112H126V150H74ZM82 32Q100 14 118 32'],
  tent: ['M18 162L100 46L182 162Z', 'M100 46L78 162M100 46L122 162M18 162H182'],
  bag: ['M100 22Q152 22 150 96L136 176H64L50 96Q48 22 100 22Z', 'M78 60Q100 44 122 60Q122 82 100 86Q78 82 78 60ZM100 90V170'],
  headlamp: ['M30 100Q30 62 100 62Q170 62 170 100Q170 138 100 138Q30 138 30 100ZM42 100Q42 124 100 124Q158 124 158 100Q158 76 100 76Q42 76 42 100Z', 'M80 84H120V118H80ZM100 101m-10 0a10 10 0 1 0 20 0a10 10 0 1 0-20 0'],
  bottle: ['M76 48H124V168Q124 176 116 176H84Q76 176 76 168Z', 'M82 24H118V48H82ZM76 70H124M76 150H124'],
  socks: ['M78 26H124V114L150 140Q160 156 144 166Q130 174 116 162L82 130Q74 122 76 110Z', 'M78 44H124M118 150Q130 140 146 150'],
  beanie: ['M40 130Q40 50 100 50Q160 50 160 130Z', 'M36 126H164V154H36ZM100 50m-14 0a14 14 0 1 0 28 0a14 14 0 1 0-28 0M70 60V126M100 52V126M130 60V126'],
  cap: ['M46 120Q46 56 104 56Q156 56 156 120Z', 'M36 120H182Q178 138 150 138H46ZM104 56V120'],
  gloves: ['M64 176V100L52 76Q46 64 58 60L72 84V40Q72 30 82 30Q90 30 90 40V36Q90 26 100 26Q110 26 110 36V40Q110 32 120 32Q130 32 130 42V58Q132 50 140 52Q148 54 148 64V120L136 176Z', 'M64 150H136'],
  poles: ['M70 36L94 176M130 36L106 176', 'M62 28H84V64H62ZM116 28H138V64H116ZM80 150H104M96 150H120'],
};

function shapeFor(id) {
  const rules = [
    [/fleece-vest|trail-vest/, 'vest'], [/fleece|half-zip|pullover/, 'fleece'], [/-tee/, 'tee'],
    [/crew|zip-neck/, 'longsleeve'], [/leggings/, 'leggings'], [/trousers/, 'trousers'],
    [/jacket|hoody/, 'jacket'], [/boot/, 'boot'], [/shoe/, 'shoe'], [/backpack|pack/, 'backpack'],
    [/tent/, 'tent'], [/-bag/, 'bag'], [/headlamp/, 'headlamp'], [/bottle/, 'bottle'], [/socks/, 'socks'],
    [/beanie/, 'beanie'], [/cap/, 'cap'], [/gloves/, 'gloves'], [/poles/, 'poles'],
  ];
  const hit = rules.find(([re]) => re.test(id));
  if (!hit) throw new Error(`No illustration rule matches ${id}; add one to scripts/demo-images.mjs`);
  return hit[1];
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

mkdirSync(outDir, { recursive: true });
let largest = 0;
for (const product of catalog.products) {
  const colourName = product.variants.find((v) => v.options?.Colour)?.options.Colour?.split('/')[0].toLowerCase();
  const fill = COLOURS[colourName] ?? DEFAULT_COLOUR;
  const [body, details] = SHAPES[shapeFor(product.id)];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img">` +
    `<title>${escape(product.title)}</title>` +
    `<rect width="200" height="200" rx="24" fill="#f1efe9"/>` +
    `<path d="${body}" fill="${fill}" fill-rule="evenodd" stroke="${shade(fill)}" stroke-width="3" stroke-linejoin="round"/>` +
    `<path d="${details}" fill="none" stroke="${shade(fill, 0.5)}" stroke-width="3" stroke-linecap="round"/>` +
    `</svg>\n`;
  const bytes = Buffer.byteLength(svg);
  if (bytes > MAX_BYTES) throw new Error(`${product.handle}.svg is ${bytes} bytes, over the ${MAX_BYTES}-byte budget`);
  largest = Math.max(largest, bytes);
  writeFileSync(path.join(outDir, `${product.handle}.svg`), svg);
}
console.log(`Wrote ${catalog.products.length} images to ${path.relative(root, outDir)} (largest ${largest} bytes)`);
