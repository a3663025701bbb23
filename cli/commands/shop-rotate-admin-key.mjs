import { CliError } from '../lib.mjs';

export default {
  name: 'shop rotate-admin-key',
  usage: 'shop rotate-admin-key --shop <id>',
  summary: 'a new admin key; the current one stops working at once',
  async run({ flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const out = await api('POST', `/v1/shops/${encodeURIComponent(shop)}/admin-keys/rotate`);
    print([`New admin key for ${shop}; the old one no longer works. Store it now:`, `  ${out.adminKey}`].join('\n'), out);
  },
};
