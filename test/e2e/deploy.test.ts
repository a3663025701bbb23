import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Cloudflare's limit for a Worker on the free plan, compressed. */
const FREE_PLAN_LIMIT = 3 * 1024 * 1024;

const outdir = mkdtempSync(path.join(tmpdir(), 'aisle-deploy-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function run(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('deploy', () => {
  it('bundles the Worker with `wrangler deploy --dry-run` and stays within the free plan size', async () => {
    const { code, output } = await run(path.join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir, '-c', 'edge/wrangler.jsonc']);
    expect(code, output).toBe(0);
    // Every binding the code uses is declared, so a real deploy gets them.
    for (const binding of ['env.DB', 'env.TICKET_EVENTS', 'env.ASSETS', 'env.CONVERSATION_LIMITER', 'env.CLIENT_LIMITER']) expect(output).toContain(binding);

    const bundle = path.join(outdir, 'index.js');
    expect(existsSync(bundle)).toBe(true);
    const js = readdirSync(outdir).filter((f) => f.endsWith('.js'));
    const raw = js.reduce((n, f) => n + readFileSync(path.join(outdir, f)).length, 0);
    const gzip = js.reduce((n, f) => n + gzipSync(readFileSync(path.join(outdir, f)), { level: 9 }).length, 0);
    console.log(`Worker bundle: ${(raw / 1024).toFixed(1)} KiB, gzip ${(gzip / 1024).toFixed(1)} KiB (${js.join(', ')})`);
    expect(gzip).toBeLessThan(FREE_PLAN_LIMIT);
    // The bundle is the real app: it carries the routes and the scheduled handler.
    const text = readFileSync(bundle, 'utf8');
    expect(text).toContain('/identity-secrets/rotate');
    expect(text).toContain('17 3 * * *');
  });
});
