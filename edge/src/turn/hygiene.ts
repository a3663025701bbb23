/**
 * Model-path hygiene: what a model may know but must never write to a shopper. A sentence is
 * dropped (one rule, no ratio) when it carries
 * - a JSON fragment (`{"`, `":`, `[{` ...) or sits inside a code fence: tool results echoed;
 * - a tool name or a tool-argument / tool-result key (as an identifier or `key:`);
 * - any 8-word shingle of the system prompt, or the prompt's canary.
 * The check reads the raw sentence (markup included), since that is where JSON and fences show.
 */
export interface HygieneSecrets {
  /** The system prompt the model was given. */
  systemPrompt?: string;
  /** A random marker inside the system prompt: seeing it means the prompt is being dumped. */
  canary?: string;
  toolNames?: Iterable<string>;
  /** Argument keys of the tools: dropped as identifiers or in `key:` syntax. */
  toolKeys?: Iterable<string>;
  /** camelCase keys of tool results: dropped as identifiers. */
  resultKeys?: Iterable<string>;
}

const SHINGLE = 8;
const JSON_FRAGMENT = /\{\s*"|"\s*:|\[\s*\{|\}\s*\]|\}\s*,\s*\{|^[\s[\]{},:]+$/;

const words = (text: string) => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Hygiene {
  private shingles = new Set<string>();
  private canaries: string[] = [];
  private names = new Set<string>();
  private keys = new Set<string>();
  private identifiers: RegExp | null = null;
  private keySyntax: RegExp | null = null;
  private inFence = false;
  /** The last words released, so a shingle split over two sentences is still seen. */
  private tail: string[] = [];

  protect(secrets: HygieneSecrets) {
    if (secrets.systemPrompt) {
      const w = words(secrets.systemPrompt);
      for (let i = 0; i + SHINGLE <= w.length; i++) this.shingles.add(w.slice(i, i + SHINGLE).join(' '));
    }
    if (secrets.canary) this.canaries.push(secrets.canary.toLowerCase().replace(/[^a-z0-9]/g, ''));
    for (const n of secrets.toolNames ?? []) this.names.add(n);
    for (const k of secrets.toolKeys ?? []) this.keys.add(k);
    for (const k of secrets.resultKeys ?? []) this.names.add(k);
    const names = [...this.names];
    const keys = [...this.keys];
    // Identifiers that are not words (camelCase names and keys) are matched anywhere, case-sensitively;
    // keys that are plain words ("query", "reason") only in key syntax.
    const identifiers = [...names, ...keys].filter((k) => /[a-z][A-Z]|_/.test(k));
    if (identifiers.length) this.identifiers = new RegExp(`(?<![\\p{L}\\p{N}])(?:${identifiers.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'u');
    if (keys.length) this.keySyntax = new RegExp(`(?<![\\p{L}\\p{N}])(?:${keys.map(escapeRe).join('|')})\\s*[:=]\\s*(?:["'\\d\\[{]|true|false|null)`, 'u');
  }

  /** The rule a sentence breaks, or null; a released sentence's words are remembered. */
  check(sentence: string): string | null {
    const rule = this.rule(sentence);
    if (!rule) this.tail = [...this.tail, ...words(sentence)].slice(-(SHINGLE - 1));
    return rule;
  }

  private rule(sentence: string): string | null {
    const fences = sentence.match(/```|~~~/g)?.length ?? 0;
    if (fences % 2 === 1) this.inFence = !this.inFence;
    if (fences > 0 || (this.inFence && fences === 0)) return 'hygiene.code_fence';
    if (JSON_FRAGMENT.test(sentence)) return 'hygiene.json';
    if (this.identifiers?.test(sentence) || this.keySyntax?.test(sentence)) return 'hygiene.tool';
    const squashed = sentence.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (this.canaries.some((c) => squashed.includes(c))) return 'hygiene.system_prompt';
    if (this.shingles.size) {
      const w = [...this.tail, ...words(sentence)];
      for (let i = 0; i + SHINGLE <= w.length; i++) if (this.shingles.has(w.slice(i, i + SHINGLE).join(' '))) return 'hygiene.system_prompt';
    }
    return null;
  }
}

/** Argument keys of a tool set (zod object schemas), for the hygiene check. */
export function toolArgumentKeys(tools: Record<string, { inputSchema?: unknown }>): string[] {
  const keys = new Set<string>();
  for (const t of Object.values(tools)) {
    const shape = (t.inputSchema as { shape?: Record<string, unknown> } | undefined)?.shape;
    if (shape) for (const k of Object.keys(shape)) keys.add(k);
  }
  return [...keys];
}

/**
 * The identifier-like (camelCase) keys in tool results: what a model echoing a result would
 * write. Plain-word keys (a product attribute "Weight", "price") are left to the JSON rule.
 */
export function resultKeys(values: unknown[]): string[] {
  const keys = new Set<string>();
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.slice(0, 50).forEach((x) => visit(x, depth + 1));
    for (const [k, x] of Object.entries(v)) {
      if (/^[a-z]+[A-Z]/.test(k)) keys.add(k);
      visit(x, depth + 1);
    }
  };
  values.forEach((v) => visit(v, 0));
  return [...keys];
}
