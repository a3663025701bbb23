import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of edge/src, checked by reading every import:
 * - language/ knows words, not the product: it imports only itself and the project's shared/;
 * - turn/ (the kernel: Turn, Evidence, the ReplyWriter, the pipeline's messages) sits below the
 *   engines, the tools, the handoff and the chat pipeline, and imports none of them;
 * - everything else reaches the kernel through its index, never the files behind it;
 * - the handoff files tickets from what the turn decided: it imports no engine and no tool.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'edge/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every relative module a file imports or re-exports (static, type-only and dynamic), resolved to a path under the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => path.relative(ROOT, path.resolve(path.dirname(file), s)));
}

const FILES = sources(SRC).map((file) => ({ file: path.relative(ROOT, file), imports: importsOf(file) }));
const inside = (p: string, folder: string) => p === folder || p.startsWith(`${folder}/`);
const layer = (name: string) => `edge/src/${name}`;

function violations(from: string, forbidden: (target: string) => boolean): string[] {
  return FILES.filter((f) => inside(f.file, from)).flatMap((f) => f.imports.filter(forbidden).map((target) => `${f.file} -> ${target}`));
}

describe('the layers of edge/src', () => {
  it('finds the files and their imports (the scan itself works)', () => {
    expect(FILES.length).toBeGreaterThan(100);
    const pipeline = FILES.find((f) => f.file === 'edge/src/chat/pipeline.ts');
    expect(pipeline?.imports).toContain('edge/src/turn');
    expect(pipeline?.imports).toContain('edge/src/policy-gate');
  });

  it('language/ imports nothing of ours but itself and shared/', () => {
    expect(violations(layer('language'), (t) => !inside(t, layer('language')) && !inside(t, 'shared'))).toEqual([]);
  });

  it('the kernel imports no engine, tool, handoff, route or the pipeline', () => {
    const above = ['engines', 'ai', 'handoff', 'chat', 'routes', 'agent', 'guest', 'console'].map(layer);
    expect(violations(layer('turn'), (t) => above.some((a) => inside(t, a)))).toEqual([]);
  });

  it('outside the kernel, files import its index, never its internals', () => {
    const internals = FILES.filter((f) => !inside(f.file, layer('turn'))).flatMap((f) =>
      f.imports.filter((t) => inside(t, layer('turn')) && t !== layer('turn') && t !== `${layer('turn')}/index`).map((t) => `${f.file} -> ${t}`),
    );
    expect(internals).toEqual([]);
  });

  it('the handoff imports no engine and no tool', () => {
    expect(violations(layer('handoff'), (t) => inside(t, layer('engines')) || inside(t, layer('ai')))).toEqual([]);
  });

  it('engines do not reach up into the chat pipeline or the routes', () => {
    expect(violations(layer('engines'), (t) => inside(t, layer('chat')) || inside(t, layer('routes')))).toEqual([]);
  });
});
