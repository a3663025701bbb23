// Builds the widget into edge/public: the panel chunk first (ES module, content-hashed),
// then widget.js (classic script, IIFE) with the panel's file name baked in.
// The loader must be a classic script because merchants paste a plain <script async>.
import { readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../edge/public', import.meta.url));
const chunkDir = `${outDir}/widget`;

const shared = {
  root,
  configFile: false,
  logLevel: 'warn',
  // Preact's automatic JSX runtime through the built-in Oxc transform: no plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    copyPublicDir: false,
  },
};

await rm(chunkDir, { recursive: true, force: true });
await rm(`${outDir}/widget.js`, { force: true });

const panel = await build({
  ...shared,
  build: {
    ...shared.build,
    lib: { entry: 'src/panel.tsx', formats: ['es'], fileName: () => 'widget/panel-[hash].js' },
    // Library mode leaves ES output unminified by default; this file ships to shoppers.
    rolldownOptions: { output: { chunkFileNames: 'widget/[name]-[hash].js', minify: true } },
  },
});
const outputs = (Array.isArray(panel) ? panel : [panel]).flatMap((r) => r.output);
const entry = outputs.find((o) => o.type === 'chunk' && o.isEntry);
if (!entry) throw new Error('widget build: the panel chunk was not produced');
// Relative to widget.js, which sits at the root of edge/public.
const panelFile = entry.fileName;

await build({
  ...shared,
  define: { __AISLE_PANEL__: JSON.stringify(panelFile) },
  build: {
    ...shared.build,
    lib: { entry: 'src/loader.ts', formats: ['iife'], name: 'AisleLoader', fileName: () => 'widget.js' },
  },
});

// Workers static assets read _headers. The panel is an ES module imported from the
// merchant's page, so cross-origin pages need CORS on it; hashed chunks never change.
await writeFile(
  `${outDir}/_headers`,
  `/widget.js
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300
/widget/*
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=31536000, immutable
`,
);

const files = await readdir(chunkDir);
console.log(`widget: edge/public/widget.js + ${files.map((f) => `widget/${f}`).join(', ')}`);
