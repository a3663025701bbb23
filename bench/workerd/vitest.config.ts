import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * The workerd half of `npm run bench:search`: the real Worker and local D1 run by Miniflare, as in
 * `npm test`, without `wrangler dev` and its proxy around them. Only bench/search.ts starts it.
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
          BENCH_ROUNDS: process.env.BENCH_ROUNDS ?? '5',
        },
      },
    }),
  ],
  test: {
    name: 'bench-workerd',
    root,
    include: ['bench/workerd/search.bench.ts'],
    setupFiles: ['./test/edge/apply-migrations.ts'],
    testTimeout: 300_000,
  },
}));
