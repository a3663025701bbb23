import { CliError } from '../lib.mjs';

export default {
  name: 'customer delete',
  usage: 'customer delete <customerId> --shop <id> --yes',
  summary: "erase one customer's conversations, orders and personal data (cannot be undone)",
  async run({ args, flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const customerId = args[0];
    if (!customerId) throw new CliError('Missing customer id: aisle customer delete <customerId> --shop <id> --yes', { exitCode: 2 });
    if (flags.yes !== true) {
      throw new CliError(`This permanently deletes what ${shop} holds about customer "${customerId}". Run again with --yes to confirm.`, { exitCode: 2 });
    }
    const out = await api('DELETE', `/v1/shops/${encodeURIComponent(shop)}/customers/${encodeURIComponent(customerId)}`);
    const d = out.deleted;
    print(
      [
        `Deleted the data of customer ${customerId} in ${shop}:`,
        `  conversations ${d.conversations}, messages ${d.messages}, orders ${d.orders}, customer records ${d.customers}`,
        `  tickets anonymised ${d.tickets}, audit records redacted ${d.auditRecords}`,
      ].join('\n'),
      out,
    );
  },
};
