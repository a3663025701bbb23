import { CliError } from '../lib.mjs';

/** Flag -> where it goes in the shop's settings, and how to read it. */
const int = (name) => (v) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new CliError(`--${name} must be a whole number`, { exitCode: 2 });
  return n;
};
const oneOf = (name, values) => (v) => {
  if (!values.includes(v)) throw new CliError(`--${name} must be one of ${values.join(', ')}`, { exitCode: 2 });
  return v;
};
const mode = (name) => (v) => {
  if (v !== 'autonomous' && v !== 'assisted') throw new CliError(`--${name} must be autonomous or assisted`, { exitCode: 2 });
  return v;
};
const FIELDS = [
  ['color', ['widget', 'color']],
  ['position', ['widget', 'position']],
  ['greeting', ['widget', 'greeting']],
  ['locale', ['widget', 'locale']],
  ['expected-reply', ['support', 'expectedReply']],
  ['hours', ['support', 'hours']],
  ['timezone', ['support', 'timeZone']],
  ['model', ['model', 'name']],
  ['messages-per-day', ['budgets', 'messagesPerDay'], int('messages-per-day')],
  ['retention-days', ['retentionDays'], int('retention-days')],
  // Added in v1.2: Add to cart on product cards uses this platform's storefront cart.
  ['platform', ['platform'], oneOf('platform', ['shopify', 'woocommerce', 'other'])],
  // Assisted mode (v1.2): autonomous | assisted per answer class, and the approval time.
  ['assisted-product', ['assisted', 'product'], mode('assisted-product')],
  ['assisted-policy', ['assisted', 'policy'], mode('assisted-policy')],
  ['assisted-order', ['assisted', 'order'], mode('assisted-order')],
  ['assisted-other', ['assisted', 'other'], mode('assisted-other')],
  ['assisted-timeout', ['assistedTimeout'], int('assisted-timeout')],
  // Added in v1.3: account closing goes to a person (an `other` ticket) instead of being answered.
  ['account-closing', ['routeToPerson', 'accountClosing'], (v) => oneOf('account-closing', ['person', 'answer'])(v) === 'person'],
];

export default {
  name: 'shop set',
  usage: 'shop set --shop <id> [--name ..] [--color #hex] [--position left|right] [--greeting ..] [--locale ..] [--expected-reply ..] [--hours ..] [--timezone ..] [--retention-days n] [--messages-per-day n] [--model name] [--assisted-product|--assisted-policy|--assisted-order|--assisted-other autonomous|assisted] [--assisted-timeout minutes] [--platform shopify|woocommerce|other] [--account-closing person|answer]',
  summary: "change a shop's name, widget look, support hours, budget, retention, model, assisted mode, platform or what goes to a person (admin key)",
  async run({ flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const given = FIELDS.filter(([flag]) => flags[flag] !== undefined);
    if (given.length === 0 && flags.name === undefined) {
      throw new CliError(`Nothing to change. Options: --name, ${FIELDS.map(([f]) => `--${f}`).join(', ')}`, { exitCode: 2 });
    }
    for (const [flag] of [['name'], ...given]) {
      if (flags[flag] === true) throw new CliError(`--${flag} needs a value`, { exitCode: 2 });
    }
    const path = `/v1/shops/${encodeURIComponent(shop)}`;
    // The API replaces each top-level settings group it is given, so groups are merged here
    // with the current values: `--color` keeps the greeting.
    const { shop: current } = await api('GET', path);
    const settings = {};
    for (const [flag, [group, key], parse = String] of given) {
      const value = parse(flags[flag]);
      if (key === undefined) settings[group] = value;
      else settings[group] = { ...current.settings[group], ...settings[group], [key]: value };
    }
    const body = { ...(flags.name !== undefined ? { name: String(flags.name) } : {}), ...(given.length ? { settings } : {}) };
    const out = await api('PATCH', path, body);
    const changed = [...(flags.name !== undefined ? ['name'] : []), ...given.map(([f]) => f)];
    print(`Updated ${out.shop.id}: ${changed.join(', ')}.\n  settings: ${JSON.stringify(out.shop.settings)}`, out);
  },
};
