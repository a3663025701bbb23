import { CliError } from '../lib.mjs';

export default {
  name: 'shop rotate-identity-secret',
  usage: 'shop rotate-identity-secret --shop <id> [--remove <kid>]',
  summary: 'new identity secret for customer tokens (the previous one stays valid); --remove <kid> retires one',
  async run({ flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const base = `/v1/shops/${encodeURIComponent(shop)}/identity-secrets`;
    if (flags.remove !== undefined) {
      if (flags.remove === true) throw new CliError('--remove needs the kid to retire', { exitCode: 2 });
      const out = await api('DELETE', `${base}/${encodeURIComponent(flags.remove)}`);
      print(`Removed identity secret ${flags.remove}; live: ${out.liveKids.join(', ')}.`, out);
      return;
    }
    const out = await api('POST', `${base}/rotate`);
    print(
      [
        `New identity secret for ${shop} (kid ${out.kid}). Store it now; it is not shown again:`,
        `  ${out.secret}`,
        `Live kids: ${out.liveKids.join(', ')}. Sign new tokens with kid ${out.kid}; tokens signed with the`,
        'previous secret keep working until the next rotation or until you retire it with --remove <kid>.',
      ].join('\n'),
      out,
    );
  },
};
