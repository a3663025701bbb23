import { CliError, requireFlag } from '../lib.mjs';

export default {
  name: 'shop create',
  usage: 'shop create <id> --name <name> [--origin <url>]...',
  summary: 'create a shop (operator key); prints its keys once',
  async run({ args, flags, api, print }) {
    const id = args[0] ?? flags.id;
    if (!id) throw new CliError('Missing shop id: aisle shop create <id> --name "My Shop"', { exitCode: 2 });
    const name = requireFlag(flags, 'name', 'the shop name shoppers see');
    const operatorKey = flags['operator-key'] ?? process.env.AISLE_OPERATOR_KEY;
    if (!operatorKey) throw new CliError('Creating a shop needs the operator key: --operator-key or AISLE_OPERATOR_KEY', { exitCode: 2 });
    const origins = [flags.origin].flat().filter((o) => typeof o === 'string');
    const out = await api('POST', '/v1/shops', { id, name, allowedOrigins: origins }, { key: operatorKey });
    print(
      [
        `Created shop ${out.shop.id} (${out.shop.name}).`,
        'Store these now; they are not shown again:',
        `  admin key:        ${out.adminKey}`,
        `  agent key:        ${out.agentKey}`,
        `  identity secret:  ${out.identitySecret} (kid ${out.identityKid})`,
      ].join('\n'),
      out,
    );
  },
};
