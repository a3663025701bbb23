import { CliError } from '../lib.mjs';

export default {
  name: 'shop remove-origin',
  usage: 'shop remove-origin <origin> --shop <id>',
  summary: 'stop allowing a storefront origin',
  async run({ args, flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const origin = args[0];
    if (!origin) throw new CliError('Missing origin: aisle shop remove-origin https://shop.example.com --shop <id>', { exitCode: 2 });
    const out = await api('DELETE', `/v1/shops/${encodeURIComponent(shop)}/origins`, { origin });
    print(`Allowed origins of ${shop}:\n${out.allowedOrigins.map((o) => `  ${o}`).join('\n') || '  (none)'}`, out);
  },
};
