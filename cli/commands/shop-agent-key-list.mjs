import { CliError } from '../lib.mjs';

export default {
  name: 'shop agent-key list',
  usage: 'shop agent-key list --shop <id>',
  summary: "list a shop's agent keys (ids and labels, never the keys)",
  async run({ flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const out = await api('GET', `/v1/shops/${encodeURIComponent(shop)}/agent-keys`);
    const rows = out.agentKeys.map((k) => `  ${k.id.padEnd(18)} ${(k.label ?? '').padEnd(24)} created ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}`);
    print(rows.join('\n') || '  (no agent keys)', out);
  },
};
