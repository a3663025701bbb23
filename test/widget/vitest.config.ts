import { defineConfig } from 'vitest/config';

// Widget unit tests run in plain node: they check renderer output (vnodes), not a DOM.
// Run alone with `vitest run -c test/widget/vitest.config.ts`; the root config's `widget` project runs them in `npm test`.
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: { name: 'widget', include: ['test/widget/**/*.test.ts'], environment: 'node' },
});
