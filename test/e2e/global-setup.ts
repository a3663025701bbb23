import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script shared with `npm start`
import { startStack } from '../../scripts/stack.mjs';

export interface StackInfo {
  url: string;
  operatorKey: string;
  demo: { shopId: string; adminKey: string; agentKey: string; identitySecret: string; identityKid: string; customers: { id: string; name: string }[] };
  /** The Worker's local state (`--persist-to`): tests read local D1 there, e.g. the mail outbox. */
  stateDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

/**
 * Starts the product exactly as `npm start` does (wrangler dev, local D1, seeded demo shop),
 * on a free port with its own state folder and secrets, once for all browser/e2e files.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'aisle-e2e-'));
  const devVarsFile = path.join(dir, '.dev.vars');
  writeFileSync(devVarsFile, '');
  const stateDir = path.join(dir, 'state');
  const stack = await startStack({ persistTo: stateDir, devVarsFile, quiet: true, vars: { ALLOW_LOCAL_WEBHOOKS: 'true' } });
  project.provide('stack', { url: stack.url, operatorKey: stack.secrets.AISLE_OPERATOR_KEY, demo: stack.demo, stateDir });
  return async () => {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
