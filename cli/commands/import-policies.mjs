import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError, readJsonFile, requireFlag } from '../lib.mjs';

/** A folder of Markdown files: the file name is the id, the first "# " line the title. */
async function policiesFromFolder(dir, urlPrefix) {
  const files = (await readdir(dir)).filter((f) => /\.(md|markdown|txt)$/i.test(f)).sort();
  if (files.length === 0) throw new CliError(`${dir} has no .md files`, { exitCode: 2 });
  const out = [];
  for (const f of files) {
    const body = (await readFile(path.join(dir, f), 'utf8')).replace(/^\uFEFF/, '');
    const id = path.basename(f, path.extname(f)).toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
    const title = body.match(/^#\s+(.+?)\s*#*\s*$/m)?.[1] ?? id.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
    if (!body.trim()) throw new CliError(`${f} is empty`, { exitCode: 2 });
    out.push({ id, title, body, ...(urlPrefix ? { url: `${urlPrefix.replace(/\/+$/, '')}/${id}` } : {}) });
  }
  return out;
}

export default {
  name: 'import policies',
  usage: 'import policies <file.json|folder> --shop <id> [--url-prefix /pages]',
  summary: "replace the shop's policies (JSON { policies } or a folder of .md files)",
  async run({ args, flags, api, print }) {
    const source = args[0];
    if (!source) throw new CliError('Missing file or folder: aisle import policies ./policies --shop <id>', { exitCode: 2 });
    const shop = requireFlag(flags, 'shop', 'the shop id');
    let info;
    try {
      info = await stat(source);
    } catch (err) {
      throw new CliError(`Cannot read ${source}: ${err.code ?? err.message}`, { exitCode: 2 });
    }
    const urlPrefix = typeof flags['url-prefix'] === 'string' ? flags['url-prefix'] : undefined;
    const policies = info.isDirectory() ? await policiesFromFolder(source, urlPrefix) : (await readJsonFile(source)).policies;
    if (!Array.isArray(policies)) throw new CliError(`${source} holds no "policies" array`, { exitCode: 2 });
    const out = await api('PUT', `/v1/shops/${encodeURIComponent(shop)}/policies`, { policies });
    print(
      [`Replaced policies of ${shop}: ${out.documents} documents, ${out.passages} passages.`, ...policies.map((p) => `  - ${p.id}: ${p.title}`)].join('\n'),
      out,
    );
  },
};
