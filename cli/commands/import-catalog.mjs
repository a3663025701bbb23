import { randomUUID } from 'node:crypto';
import { CliError, readJsonFile, requireFlag } from '../lib.mjs';

const BATCH = 500;
const FORMATS = ['aisle', 'shopify', 'woocommerce'];

/** Guesses the format from the file's shape; --format always wins. */
function detectFormat(data, items) {
  const first = items[0] ?? {};
  if (first.body_html !== undefined || first.product_type !== undefined || first.variants?.[0]?.option1 !== undefined) return 'shopify';
  if (first.prices?.currency_code !== undefined || first.permalink !== undefined) return 'woocommerce';
  return 'aisle';
}

function itemsOf(data) {
  if (Array.isArray(data)) return data;
  if (Array.isArray(data?.products)) return data.products;
  throw new CliError('The file holds neither a JSON array of products nor { "products": [...] }.', { exitCode: 2 });
}

/** Issue paths from the API are per batch; shift them to positions in the file. */
function describeIssues(issues, offset) {
  const lines = issues.slice(0, 30).map((i) => {
    const path = [...i.path];
    if (path[0] === 'products' && typeof path[1] === 'number') path[1] += offset;
    return `  - ${path.join('.')}: ${i.message}`;
  });
  if (issues.length > 30) lines.push(`  ... and ${issues.length - 30} more`);
  return lines.join('\n');
}

export default {
  name: 'import catalog',
  usage: 'import catalog <file> --shop <id> [--format aisle|shopify|woocommerce] [--upsert] [--currency EUR]',
  summary: 'import products (replace, or --upsert); all or nothing per run',
  async run({ args, flags, api, print }) {
    const file = args[0];
    if (!file) throw new CliError('Missing file: aisle import catalog products.json --shop <id>', { exitCode: 2 });
    const shop = requireFlag(flags, 'shop', 'the shop id');
    const data = await readJsonFile(file);
    const items = itemsOf(data);
    const format = flags.format ? String(flags.format) : detectFormat(data, items);
    if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}`, { exitCode: 2 });
    const currency = typeof flags.currency === 'string' ? flags.currency.toUpperCase() : undefined;
    const upsert = Boolean(flags.upsert);
    const path = `/v1/shops/${encodeURIComponent(shop)}/catalog`;
    const batches = [];
    for (let i = 0; i < Math.max(items.length, 1); i += BATCH) batches.push(items.slice(i, i + BATCH));
    const importId = !upsert && batches.length > 1 ? `cli-${randomUUID().slice(0, 18)}` : undefined;

    const started = Date.now();
    let result;
    for (const [n, products] of batches.entries()) {
      const final = n === batches.length - 1;
      const body = { format, products, ...(currency ? { currency } : {}), ...(importId ? { importId, final } : {}) };
      try {
        result = await api(upsert ? 'POST' : 'PUT', path, body);
      } catch (err) {
        if (err?.body?.issues) {
          const unchanged = upsert && n > 0 ? `Batches before this one (${n * BATCH} products) were saved.` : 'Nothing was changed.';
          throw new CliError(`${err.body.message} (products ${n * BATCH}-${n * BATCH + products.length - 1} of ${file}). ${unchanged}\n${describeIssues(err.body.issues, n * BATCH)}`, {
            code: err.code,
            body: err.body,
          });
        }
        throw err;
      }
      if (!final && !flags.json) process.stderr.write(`  sent ${Math.min((n + 1) * BATCH, items.length)} / ${items.length}\n`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    print(
      `${upsert ? 'Upserted' : 'Replaced catalog with'} ${items.length} ${format} products in ${batches.length} request(s), ${seconds}s. The catalog now has ${result.total} products.`,
      { ...result, accepted: items.length, format, batches: batches.length },
    );
  },
};
