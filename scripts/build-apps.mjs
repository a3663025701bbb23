// Builds the people's front-ends (agent workspace, merchant console) into edge/public/<app>/.
// Each app is a Preact single-page app: <app>/index.html + <app>/src/main.tsx, sharing
// app-kit/ (session sign-in, API client with the CSRF header, base styles).
// The Worker serves them (edge/src/routes/apps.ts) with securePage()'s CSP and
// frame-ancestors 'none', so the built HTML must carry no inline script or style.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const APPS = ['agent', 'console'];

export async function buildApp(name, { outDir = path.join(ROOT, 'edge/public', name) } = {}) {
  await build({
    root: path.join(ROOT, name),
    base: `/${name}/`,
    configFile: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2020',
      sourcemap: false,
      // CSP has no 'unsafe-inline': keep every script and style in files.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2);
  for (const app of only.length ? only : APPS) await buildApp(app);
}
