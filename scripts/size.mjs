// `npm run size`: gzip bytes of what a shopper downloads. Fails (exit 1) over budget.
// - before first open: widget.js (loader, launcher, launcher CSS, strings)
// - total: widget.js + every chunk under widget/ (panel, its CSS is inlined)
// Run `npm run build:widget` first. Sizes use gzip level 9, as a CDN would serve them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC = path.join(ROOT, 'edge/public');
const KB = 1024;
const BUDGET = { loader: 8 * KB, total: 20 * KB };

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const fmt = (n) => `${n.toLocaleString('en')} B (${(n / KB).toFixed(2)} KB)`;

const loaderFile = path.join(PUBLIC, 'widget.js');
if (!existsSync(loaderFile)) {
  console.error('size: edge/public/widget.js is missing; run `npm run build:widget` first.');
  process.exit(1);
}
const chunkDir = path.join(PUBLIC, 'widget');
const chunks = existsSync(chunkDir)
  ? readdirSync(chunkDir)
      .filter((f) => /\.(js|css)$/.test(f))
      .sort()
      .map((f) => path.join(chunkDir, f))
  : [];

const loader = gz(loaderFile);
const rows = [['widget.js', loader]];
for (const c of chunks) rows.push([`widget/${path.basename(c)}`, gz(c)]);
const total = rows.reduce((sum, [, n]) => sum + n, 0);

for (const [name, n] of rows) console.log(`  ${name.padEnd(32)} ${fmt(n)}`);
let failed = false;
const check = (label, n, budget) => {
  const ok = n <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(30)} ${fmt(n)} / budget ${fmt(budget)}`);
};
check('widget before first open', loader, BUDGET.loader);
check('widget total', total, BUDGET.total);
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
