import { CliError } from '../lib.mjs';

export default {
  name: 'shop add-webhook',
  usage: 'shop add-webhook <url> --shop <id>',
  summary: 'send handoff tickets to a webhook URL (Standard Webhooks); prints its signing secret once',
  async run({ args, flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const url = args[0];
    if (!url) throw new CliError('Missing URL: aisle shop add-webhook https://helpdesk.example.com/aisle --shop <id>', { exitCode: 2 });
    const out = await api('POST', `/v1/shops/${encodeURIComponent(shop)}/webhook-endpoints`, { url });
    print(
      [
        `Webhook endpoint ${out.id} -> ${out.url}`,
        'Signing secret (verify the webhook-signature header with it; shown once):',
        `  ${out.secret}`,
      ].join('\n'),
      out,
    );
  },
};
