import { defineConfig } from 'vitest/config';

// The policy gate is pure TypeScript: plain Node runs its tests in a second, before (or
// without) the workerd pool. `npm test` picks the same files up inside workerd.
//   ./node_modules/.bin/vitest run test/edge/policy-gate --config test/edge/policy-gate/vitest.standalone.config.ts
export default defineConfig({
  root: new URL('../../..', import.meta.url).pathname,
  tsconfig: 'tsconfig.base.json',
  test: {
    environment: 'node',
    include: ['test/edge/policy-gate/**/*.test.ts'],
  },
});
