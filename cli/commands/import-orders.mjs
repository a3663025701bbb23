import { CliError, readJsonFile } from '../lib.mjs';

const BATCH = 500;

/** Maps a batch-relative issue path (`orders.3.items`) back to the file (`orders.1003.items`). */
function shiftIssues(error, offsets) {
  return (error?.issues ?? []).map((i) => {
    const [list, index, ...rest] = i.path ?? [];
    return typeof index === 'number' && list in offsets ? { ...i, path: [list, index + offsets[list], ...rest] } : i;
  });
}

export default {
  name: 'import orders',
  usage: 'import orders <file.json> --shop <id> [--upsert]',
  summary: 'import { customers, orders } (replaces all unless --upsert), in batches of 500',
  async run({ args, flags, api, print }) {
    const file = args[0];
    if (!file) throw new CliError('Missing file: aisle import orders <file.json> --shop <id>', { exitCode: 2 });
    const shopId = String(flags.shop ?? process.env.AISLE_SHOP ?? '');
    if (!shopId || shopId === 'true') throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const data = await readJsonFile(file);
    const customers = Array.isArray(data?.customers) ? data.customers : [];
    const orders = Array.isArray(data?.orders) ? data.orders : [];
    if (!Array.isArray(data?.orders) && !Array.isArray(data?.customers)) throw new CliError(`${file} must hold { "customers": [...], "orders": [...] }`, { exitCode: 2 });

    const batches = Math.max(1, Math.ceil(Math.max(customers.length, orders.length) / BATCH));
    const started = Date.now();
    const totals = { customers: 0, orders: 0 };
    for (let b = 0; b < batches; b++) {
      const body = { customers: customers.slice(b * BATCH, (b + 1) * BATCH), orders: orders.slice(b * BATCH, (b + 1) * BATCH) };
      // The first batch replaces the shop's orders (unless --upsert); later batches add to it.
      const method = b === 0 && !flags.upsert ? 'PUT' : 'POST';
      try {
        const out = await api(method, `/v1/shops/${encodeURIComponent(shopId)}/orders`, body);
        totals.customers += out.customers ?? body.customers.length;
        totals.orders += out.accepted ?? body.orders.length;
      } catch (err) {
        if (err?.name !== 'CliError' || !err.body?.issues) throw err;
        const issues = shiftIssues(err.body, { customers: b * BATCH, orders: b * BATCH });
        const lines = issues.slice(0, 20).map((i) => `  - ${i.path.join('.')}: ${i.message}`);
        const done = b > 0 ? `\nBatches 1-${b} were imported; fix the file and run again (a full import replaces them).` : '\nNothing was imported.';
        throw new CliError(`Batch ${b + 1} of ${batches} was rejected: ${issues.length} invalid record(s)\n${lines.join('\n')}${issues.length > 20 ? `\n  ... and ${issues.length - 20} more` : ''}${done}`, { code: 'invalid_request', body: { ...err.body, issues } });
      }
      if (batches > 1 && !flags.json) process.stderr.write(`  batch ${b + 1}/${batches} done\n`);
    }
    const ms = Date.now() - started;
    print(`Imported ${totals.orders} orders and ${totals.customers} customers into ${shopId} in ${ms} ms (${flags.upsert ? 'upsert' : 'replaced all'}).`, { ...totals, mode: flags.upsert ? 'upsert' : 'replace', ms });
  },
};
