import { CliError } from '../lib.mjs';

export default {
  name: 'shop agent-key revoke',
  usage: 'shop agent-key revoke <key id> --shop <id>',
  summary: 'revoke an agent key; it stops working at once',
  async run({ args, flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const id = args[0];
    if (!id) throw new CliError('Missing key id (see "aisle shop agent-key list"): aisle shop agent-key revoke <key id> --shop <id>', { exitCode: 2 });
    const out = await api('DELETE', `/v1/shops/${encodeURIComponent(shop)}/agent-keys/${encodeURIComponent(id)}`);
    print(`Revoked agent key ${out.id}${out.label ? ` (${out.label})` : ''} at ${out.revokedAt}.`, out);
  },
};
