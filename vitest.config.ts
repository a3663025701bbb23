import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - edge: unit and integration tests inside workerd (real D1, the real Hono app via SELF.fetch);
 * - widget: the widget's pure modules (markdown renderer) in node;
 * - language: the language layer's pure modules in node;
 * - e2e: node-side tests that start the real Worker with `wrangler dev` and drive Chromium.
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'edge/migrations'));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './edge/wrangler.jsonc' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  // Fixed test secrets: tests never read edge/.dev.vars.
                  AISLE_SECRET_KEY: 'dGVzdC1zZWNyZXQta2V5LTMyLWJ5dGVzLWxvbmchISE=',
                  AISLE_OPERATOR_KEY: 'test-operator-key',
                  DEMO_MODE: 'true',
                  ALLOW_LOCAL_WEBHOOKS: 'true',
                },
              },
            }),
          ],
          test: {
            name: 'edge',
            include: ['test/edge/**/*.test.ts'],
            setupFiles: ['./test/edge/apply-migrations.ts'],
            // A Standard Webhooks receiver on 127.0.0.1 for the handoff delivery tests (its URL via inject()).
            globalSetup: ['./test/edge/handoff/receiver.global-setup.ts'],
          },
        },
        {
          test: {
            name: 'widget',
            include: ['test/widget/**/*.test.ts'],
            environment: 'node',
          },
        },
        {
          // Pure modules (the language layer): fast node tests, no Worker.
          test: {
            name: 'language',
            include: ['test/language/**/*.test.ts'],
            environment: 'node',
            // The files share no state (pure functions, no mocks): one module graph for all of them
            // instead of re-importing the packs and lexicons per file (import was half the wall time).
            isolate: false,
          },
        },
        {
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['./test/e2e/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            // One Worker and one browser are shared; files run one after another.
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
