#!/usr/bin/env node
// The `aisle` command line: talks to a local Worker by default (http://127.0.0.1:8787) or to
// `--url`. Commands live in ./commands/*.mjs, one per file (see commands/README.md).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApi, CliError, parseArgs } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

async function loadCommands() {
  const dir = path.join(here, 'commands');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.mjs')).sort();
  const commands = [];
  for (const f of files) commands.push((await import(pathToFileURL(path.join(dir, f)).href)).default);
  return commands;
}

function help(commands) {
  const lines = [
    'Usage: aisle <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`),
    '',
    'Global options:',
    '  --url <url>     Worker URL (default: AISLE_URL or http://127.0.0.1:8787)',
    '  --key <key>     the shop admin key (default: AISLE_ADMIN_KEY); shop create uses --operator-key / AISLE_OPERATOR_KEY',
    '  --json          machine-readable output',
    '  --help          this text',
  ];
  return lines.join('\n');
}

async function main(argv) {
  const commands = await loadCommands();
  const { positional, flags } = parseArgs(argv);
  if (positional.length === 0 || flags.help) {
    console.log(help(commands));
    return positional.length === 0 && !flags.help ? 1 : 0;
  }
  // Longest command name that prefixes the positional words wins ("shop agent-key create").
  const match = commands
    .map((c) => ({ c, words: c.name.split(' ') }))
    .filter(({ words }) => words.every((w, i) => positional[i] === w))
    .sort((a, b) => b.words.length - a.words.length)[0];
  if (!match) throw new CliError(`Unknown command "${positional.join(' ')}". Run "aisle --help".`);
  const args = positional.slice(match.words.length);
  const json = Boolean(flags.json);
  const print = (human, value) => console.log(json ? JSON.stringify(value ?? human, null, 2) : human);
  await match.c.run({ args, flags, api: createApi(flags), print, json });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof CliError || err?.name === 'CliError') {
      if (process.argv.includes('--json')) console.error(JSON.stringify({ error: err.body ?? { code: err.code ?? 'cli_error', message: err.message } }));
      else console.error(`aisle: ${err.message}`);
      process.exit(err.exitCode ?? 1);
    }
    console.error(err);
    process.exit(1);
  },
);
