import { CliError } from '../lib.mjs';

export default {
  name: 'shop agent-key create',
  usage: 'shop agent-key create --shop <id> [--label ..]',
  summary: 'a new agent key for the ticket API (shown once)',
  async run({ flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    if (flags.label === true) throw new CliError('--label needs a value', { exitCode: 2 });
    const out = await api('POST', `/v1/shops/${encodeURIComponent(shop)}/agent-keys`, flags.label === undefined ? {} : { label: String(flags.label) });
    print([`Agent key ${out.id}${out.label ? ` (${out.label})` : ''}. Store it now; it is not shown again:`, `  ${out.key}`].join('\n'), out);
  },
};
