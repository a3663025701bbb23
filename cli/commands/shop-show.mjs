export default {
  name: 'shop show',
  usage: 'shop show --shop <id>',
  summary: "show a shop's settings (admin key)",
  async run({ flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    const { CliError } = await import('../lib.mjs');
    if (!shop) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const out = await api('GET', `/v1/shops/${encodeURIComponent(shop)}`);
    const s = out.shop;
    print(
      [
        `${s.id}: ${s.name}`,
        `  allowed origins: ${s.allowedOrigins.join(', ') || '(none)'}`,
        `  identity keys:   ${s.identityKeys.map((k) => k.kid).join(', ')}`,
        `  settings:        ${JSON.stringify(s.settings)}`,
      ].join('\n'),
      out,
    );
  },
};
