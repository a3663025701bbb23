// `npm run size`: gzip bytes of what a shopper downloads. Fails (exit 1) over any budget.
// Every file the widget can load is found by following the code, from any folder: widget.js
// names the panel and the strings chunks, each chunk names what it imports (static: loaded
// with it) and what it imports lazily (`import()`: loaded on demand). Three budgets:
// - before any interaction: widget.js alone (the loader, launcher, theme, launcher strings);
// - first open: the loader + the panel and its static imports + one language's strings
//   (the largest; a page loads exactly one);
// - everything it can ever load: first open + every lazy chunk (cards, and later the live
//   channel, CSAT and the guest form) + any chunk in widget/ that nothing references.
// Then a build without each feature prints that feature's cost (`--no-features` skips it).
// Run `npm run build:widget` first. Sizes use gzip level 9, as a CDN would serve them.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC = path.join(ROOT, 'edge/public');
const KB = 1024;
const BUDGET = { loader: 8 * KB, open: 20 * KB, ever: 30 * KB };
/** Source files per feature (relative to widget/); lazy chunks are priced as they are. */
const FEATURES = {
  'theme: shop colour, contrast, dark': ['src/lib/theme.ts'],
  'markdown replies': ['src/lib/markdown.ts'],
  'product cards': ['src/components/ProductCards.tsx'],
  'order cards and list': ['src/components/OrderCard.tsx'],
  'hand-off card': ['src/components/HandoffCard.tsx'],
  'citations': ['src/components/Citations.tsx'],
  'guest order form': ['src/components/GuestForm.tsx'],
  'page context (JSON-LD, setContext)': ['src/lib/page-context.ts'],
  'product actions (View, Add to cart)': ['src/components/ProductActions.tsx', 'src/lib/cart.ts'],
};

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const fmt = (n) => `${n.toLocaleString('en')} B (${(n / KB).toFixed(2)} KB)`;
const rel = (dir, file) => path.relative(dir, file).split(path.sep).join('/');

/** Walks the files the widget can load, from widget.js. */
function measure(dir) {
  const loaderFile = path.join(dir, 'widget.js');
  if (!existsSync(loaderFile)) return null;
  const files = new Map(); // file -> { kind: 'loader' | 'open' | 'strings' | 'lazy', size }
  const visit = (file, kind) => {
    const prev = files.get(file);
    const rank = { loader: 0, open: 1, strings: 2, lazy: 3 };
    if (prev && rank[prev.kind] <= rank[kind]) return;
    files.set(file, { kind, size: gz(file) });
    const src = readFileSync(file, 'utf8');
    // widget.js names chunks relative to its own folder (assetBase); chunks import relative to themselves.
    for (const m of src.matchAll(/(import\s*\(\s*)?["'`]((?:\.{1,2}\/|widget\/)[^"'`\s]+\.(?:m?js|css))["'`]/g)) {
      const target = path.resolve(path.dirname(file), m[2]);
      if (!existsSync(target)) continue;
      const lazy = Boolean(m[1]) || kind === 'lazy';
      const strings = /(^|\/)strings-[a-z]{2}-/.test(m[2]);
      visit(target, lazy ? 'lazy' : strings ? 'strings' : kind === 'loader' ? 'open' : kind);
    }
  };
  visit(loaderFile, 'loader');
  // Anything in widget/ that nothing references still ships: count it as lazy, and say so.
  const stray = [];
  const chunkDir = path.join(dir, 'widget');
  for (const f of existsSync(chunkDir) ? readdirSync(chunkDir) : []) {
    const file = path.join(chunkDir, f);
    if (/\.(m?js|css)$/.test(f) && !files.has(file)) {
      files.set(file, { kind: 'lazy', size: gz(file) });
      stray.push(f);
    }
  }
  const sum = (kind) => [...files.values()].filter((f) => f.kind === kind).reduce((n, f) => n + f.size, 0);
  const strings = Math.max(0, ...[...files.values()].filter((f) => f.kind === 'strings').map((f) => f.size));
  const loader = sum('loader');
  const open = loader + sum('open') + strings;
  return { files, stray, loader, open, ever: open + sum('lazy') };
}

const now = measure(PUBLIC);
if (!now) {
  console.error('size: edge/public/widget.js is missing; run `npm run build:widget` first.');
  process.exit(1);
}
const LABEL = { loader: 'before interaction', open: 'first open', strings: 'first open (one language)', lazy: 'lazy' };
for (const [file, { kind, size }] of [...now.files].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`  ${rel(PUBLIC, file).padEnd(34)} ${fmt(size).padEnd(22)} ${LABEL[kind]}`);
}
for (const f of now.stray) console.log(`  note: widget/${f} is referenced by no chunk; counted as lazy`);
let failed = false;
const check = (label, n, budget) => {
  const ok = n <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(30)} ${fmt(n)} / budget ${fmt(budget)}`);
};
check('widget before interaction', now.loader, BUDGET.loader);
check('widget first open', now.open, BUDGET.open);
check('widget everything it can load', now.ever, BUDGET.ever);

if (!process.argv.includes('--no-features')) {
  const { buildWidget } = await import('../widget/build.mjs');
  console.log('feature costs (a build without it, gzip): before interaction / first open / everything');
  const sign = (n) => `${n >= 0 ? '+' : ''}${n.toLocaleString('en')} B`.padStart(9);
  const out = mkdtempSync(path.join(tmpdir(), 'aisle-size-'));
  try {
    for (const [feature, without] of Object.entries(FEATURES)) {
      await buildWidget({ outDir: out, without, quiet: true });
      const w = measure(out);
      console.log(`  ${feature.padEnd(36)} ${sign(now.loader - w.loader)} ${sign(now.open - w.open)} ${sign(now.ever - w.ever)}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  for (const [file, { kind, size }] of now.files) {
    if (kind === 'lazy') console.log(`  ${`lazy chunk ${rel(path.join(PUBLIC, 'widget'), file).replace(/-[\w-]{8}\.js$/, '')}`.padEnd(36)} ${sign(0)} ${sign(0)} ${sign(size)}`);
  }
}
// The Worker bundle, as `wrangler deploy` would upload it (a dry run: no account, no network).
// Cloudflare refuses Workers over 3 MB gzip on the free plan; our own budget is tighter.
{
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const outdir = mkdtempSync(path.join(tmpdir(), 'aisle-worker-'));
  const dry = spawnSync(path.join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir, '-c', path.join(ROOT, 'edge/wrangler.jsonc')], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (dry.status !== 0) {
    console.error(`FAIL worker bundle: wrangler deploy --dry-run exited ${dry.status}\n${dry.stdout}\n${dry.stderr}`);
    failed = true;
  } else {
    const files = readdirSync(outdir).filter((f) => /\.(js|mjs|wasm)$/.test(f));
    const worker = files.reduce((sum, f) => sum + gz(path.join(outdir, f)), 0);
    check('worker bundle (gzip)', worker, 1024 * KB);
  }
  rmSync(outdir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
