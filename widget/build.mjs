// Builds the widget into edge/public (or `outDir`):
// 1. the panel chunk and one strings chunk per language (ES modules, content-hashed, in widget/);
//    code the panel imports with `import()` becomes its own lazy chunk in widget/ as well
//    (the seam for the live channel, CSAT and guest-form chunks);
// 2. widget.js (classic script, IIFE) with those file names baked in.
// The loader must be a classic script because merchants paste a plain <script async>.
//
// `without` (used by `npm run size`) replaces the named source files by empty stubs, so a build
// without a feature shows what that feature costs.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt'];
/** Modules that only lazy chunks use; everything else the panel needs is in the panel chunk. */
const LAZY = /[\\/](lib[\\/](markdown|page-context|cart)\.ts|cards\.(tsx|css)|live\.ts|guest\.(tsx|css)|locales[\\/]guest\.ts|state[\\/]guest\.ts|components[\\/](OrderCard|HandoffCard|GuestForm|Csat|ProductActions)\.tsx)/;

/** Every named export becomes a function returning null; enough for a size-only build. */
function stubFeatures(without) {
  const files = new Set(without.map((f) => path.resolve(root, f)));
  return {
    name: 'aisle-without',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0];
      if (!files.has(file)) return null;
      const src = await readFile(file, 'utf8');
      const names = [...src.matchAll(/export\s+(?:async\s+)?(?:function|const|class|let)\s+(\w+)/g)].map((m) => m[1]);
      return names.map((n) => `export const ${n} = () => null;`).join('\n') + (/export default/.test(src) ? '\nexport default {};' : '');
    },
  };
}

export async function buildWidget({ outDir = fileURLToPath(new URL('../edge/public', import.meta.url)), without = [], quiet = false } = {}) {
  const chunkDir = `${outDir}/widget`;
  const shared = {
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: without.length ? [stubFeatures(without)] : [],
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

  const entries = { panel: 'src/panel.tsx', ...Object.fromEntries(LANGUAGES.map((l) => [`strings-${l}`, `src/locales/${l}.ts`])) };
  const panel = await build({
    ...shared,
    build: {
      ...shared.build,
      lib: { entry: entries, formats: ['es'], fileName: (_format, name) => `widget/${name}-[hash].js` },
      // Library mode leaves ES output unminified by default; this file ships to shoppers.
      rolldownOptions: {
        preserveEntrySignatures: 'allow-extension',
        output: {
          chunkFileNames: 'widget/[name]-[hash].js',
          minify: true,
          // What the panel and a lazy chunk share belongs to the panel (it is always loaded
          // first): without this group it becomes a third file fetched after the panel.
          codeSplitting: { groups: [{ name: 'panel', test: (id) => !LAZY.test(id) && !/[\\/]locales[\\/]/.test(id) }] },
        },
      },
    },
  });
  const outputs = (Array.isArray(panel) ? panel : [panel]).flatMap((r) => r.output);
  const entryFile = (name) => {
    const chunk = outputs.find((o) => o.type === 'chunk' && o.isEntry && o.name === name);
    if (!chunk) throw new Error(`widget build: the ${name} chunk was not produced`);
    // Relative to widget.js, which sits at the root of edge/public.
    return chunk.fileName;
  };
  const strings = Object.fromEntries(LANGUAGES.map((l) => [l, entryFile(`strings-${l}`)]));

  await build({
    ...shared,
    define: { __AISLE_PANEL__: JSON.stringify(entryFile('panel')), __AISLE_STRINGS__: JSON.stringify(strings) },
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
  if (!quiet) console.log(`widget: ${path.relative(process.cwd(), outDir) || '.'}/widget.js + ${files.map((f) => `widget/${f}`).join(', ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildWidget();
