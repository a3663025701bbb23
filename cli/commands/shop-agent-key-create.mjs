import { CliError } from '../lib.mjs';

export default {
  name: 'shop agent-key create',
  usage: 'shop agent-key create --shop <id> [--label ..] [--name ..] [--email ..]',
  summary: 'a new agent key (shown once); --name is shown to shoppers, --email gets notices',
  async run({ flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const body = {};
    for (const flag of ['label', 'name', 'email']) {
      if (flags[flag] === true) throw new CliError(`--${flag} needs a value`, { exitCode: 2 });
      if (flags[flag] !== undefined) body[flag] = String(flags[flag]);
    }
    const out = await api('POST', `/v1/shops/${encodeURIComponent(shop)}/agent-keys`, body);
    const who = out.profile ? ` for ${out.profile.displayName}${out.profile.email ? ` <${out.profile.email}>` : ''}` : '';
    print([`Agent key ${out.id}${out.label ? ` (${out.label})` : ''}${who}. Store it now; it is not shown again:`, `  ${out.key}`].join('\n'), out);
  },
};
