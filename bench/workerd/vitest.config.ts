import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * The workerd halves of `npm run bench:search` and `bench:load`: the real Worker and local D1 run by Miniflare, as in
 * `npm test`, without `wrangler dev` and its proxy around them. bench/search.ts and bench/load.ts start it,
 * each naming its own bench file.
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
          BENCH_CONVERSATIONS: process.env.BENCH_CONVERSATIONS ?? '200',
          BENCH_TURNS: process.env.BENCH_TURNS ?? '3',
          BENCH_CPU_TURNS: process.env.BENCH_CPU_TURNS ?? '500',
          BENCH_SQL: process.env.BENCH_SQL ?? '',
        },
      },
    }),
  ],
  test: {
    name: 'bench-workerd',
    root,
    // Each runner names its file; the corpus bench has its own config (corpus.vitest.config.ts).
    include: ['bench/workerd/search.bench.ts', 'bench/workerd/load.bench.ts', 'bench/workerd/cpu.bench.ts'],
    setupFiles: ['./test/edge/apply-migrations.ts'],
    // Reads the workerd process's CPU and memory from /proc for load.bench.ts and cpu.bench.ts.
    globalSetup: ['./bench/workerd/proc.global-setup.ts'],
    testTimeout: 600_000,
  },
}));
