import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The demo data checks need no Worker runtime: plain Node is enough and starts in a second.
// The lead's workers config can include test/edge/demo-data.test.ts as is (JSON imports only, no node:fs).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  // Transform settings come from the base config; the per-folder test/tsconfig.json may not exist yet.
  tsconfig: 'tsconfig.base.json',
  test: {
    environment: 'node',
    include: ['test/edge/demo-data.test.ts'],
  },
});
