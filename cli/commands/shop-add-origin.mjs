import { CliError } from '../lib.mjs';

export default {
  name: 'shop add-origin',
  usage: 'shop add-origin <origin> --shop <id>',
  summary: 'allow a storefront origin (e.g. https://shop.example.com) to use the widget',
  async run({ args, flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const origin = args[0];
    if (!origin) throw new CliError('Missing origin: aisle shop add-origin https://shop.example.com --shop <id>', { exitCode: 2 });
    const out = await api('POST', `/v1/shops/${encodeURIComponent(shop)}/origins`, { origin });
    print(`Allowed origins of ${shop}:\n${out.allowedOrigins.map((o) => `  ${o}`).join('\n')}`, out);
  },
};
