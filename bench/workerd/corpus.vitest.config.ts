import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * `npm run bench:corpus`: the conversation corpus (test/corpus/) through the real Worker and local
 * D1 inside workerd (Miniflare, as in npm test). `CORPUS_SPLIT=heldout|tuning` runs one split.
 */
const root = path.resolve(import.meta.dirname, '../..');
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: path.join(root, 'edge/wrangler.jsonc') },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path.join(root, 'edge/migrations')),
          AISLE_SECRET_KEY: 'YmVuY2gtc2VjcmV0LWtleS0zMi1ieXRlcy1sb25nISE=',
          AISLE_OPERATOR_KEY: 'bench-operator-key',
          CORPUS_SPLIT: process.env.CORPUS_SPLIT ?? '',
        },
      },
    }),
  ],
  test: {
    name: 'bench-corpus',
    root,
    include: ['bench/workerd/corpus.bench.ts'],
    setupFiles: ['./test/edge/apply-migrations.ts'],
    testTimeout: 900_000,
  },
}));
