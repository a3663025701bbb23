// Shared helpers of the aisle CLI. Plain ESM JavaScript so `npx aisle` needs no build step.
import { readFile } from 'node:fs/promises';

export class CliError extends Error {
  name = 'CliError';
  constructor(message, { exitCode = 1, code, body } = {}) {
    super(message);
    this.exitCode = exitCode;
    this.code = code;
    this.body = body;
  }
}

/** `--flag value`, `--flag=value`, `--bool`; everything else is positional. */
export function parseArgs(argv) {
  const positional = [];
  const flags = {};
  const booleans = new Set(['json', 'help', 'upsert', 'yes']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags[name] = a.slice(eq + 1);
      else if (booleans.has(name) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) flags[name] = true;
      else flags[name] = argv[++i];
    } else positional.push(a);
  }
  return { positional, flags };
}

export function baseUrl(flags) {
  return String(flags.url ?? process.env.AISLE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`).replace(/\/+$/, '');
}

export function requireFlag(flags, name, hint) {
  const v = flags[name];
  if (v === undefined || v === true || v === '') throw new CliError(`Missing --${name}${hint ? ` (${hint})` : ''}.`, { exitCode: 2 });
  return String(v);
}

/**
 * `api(method, path, body?, { key })` calls the Worker with the admin key (or another key)
 * and returns parsed JSON; non-2xx answers become a CliError with the API's code and issues.
 */
export function createApi(flags) {
  const url = baseUrl(flags);
  return async function api(method, path, body, opts = {}) {
    const key = opts.key ?? flags.key ?? process.env.AISLE_ADMIN_KEY;
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key && opts.key !== null) headers.authorization = `Bearer ${key}`;
    let res;
    try {
      res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new CliError(`Cannot reach the Worker at ${url} (${err.cause?.code ?? err.message}). Is it running? Start it with "npm start" or pass --url.`, { exitCode: 3 });
    }
    const text = await res.text();
    let data;
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = { raw: text };
    }
    if (!res.ok) {
      const e = data?.error;
      const issues = (e?.issues ?? [])
        .slice(0, 20)
        .map((i) => `  - ${(i.path ?? []).join('.') || '(body)'}: ${i.message}`)
        .join('\n');
      const more = (e?.issues?.length ?? 0) > 20 ? `\n  ... and ${e.issues.length - 20} more` : '';
      throw new CliError(`${res.status} ${e?.code ?? 'error'}: ${e?.message ?? text}${issues ? `\n${issues}${more}` : ''}`, { code: e?.code, body: e });
    }
    return data;
  };
}

export async function readJsonFile(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${err.code ?? err.message}`, { exitCode: 2 });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${err.message}`, { exitCode: 2 });
  }
}
