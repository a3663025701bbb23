import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * `npm run bench:guest`: guest order checks (verify-order) through the real Worker and local D1
 * inside workerd (Miniflare, as in npm test). In-process requests only: nothing listens on a port.
 * `BENCH_GUEST_EACH` (default 2000) sets how many of each outcome are sent.
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
          BENCH_GUEST_EACH: process.env.BENCH_GUEST_EACH ?? '2000',
        },
      },
    }),
  ],
  test: {
    name: 'bench-guest',
    root,
    include: ['bench/workerd/guest.bench.ts'],
    setupFiles: ['./test/edge/apply-migrations.ts'],
    testTimeout: 900_000,
  },
}));
