import { CliError, requireFlag } from '../lib.mjs';

const money = (n, currency) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(n);
  } catch {
    return `${n} ${currency}`;
  }
};

export default {
  name: 'search',
  usage: 'search "<query>" --shop <id> [--in-stock] [--limit 10] [--policies]',
  summary: 'search the catalog (or --policies) as the assistant would',
  async run({ args, flags, api, print }) {
    // `--in-stock "jacket"` reads the query as the flag's value; take it back.
    const query = [args.join(' '), typeof flags['in-stock'] === 'string' ? flags['in-stock'] : ''].filter(Boolean).join(' ');
    if (!query) throw new CliError('Missing query: aisle search "blue rain jacket" --shop <id>', { exitCode: 2 });
    const shop = encodeURIComponent(requireFlag(flags, 'shop', 'the shop id'));
    const limit = flags.limit ? String(flags.limit) : undefined;
    if (flags.policies) {
      const out = await api('GET', `/v1/shops/${shop}/policies/search?${new URLSearchParams({ q: query, ...(limit ? { limit } : {}) })}`);
      const lines = out.passages.length
        ? out.passages.map((p, i) => `${i + 1}. ${p.title}${p.heading ? ` › ${p.heading}` : ''} (${p.id}, score ${p.score})\n   ${p.text.replace(/\s+/g, ' ').slice(0, 240)}`)
        : ['No policy passage answers this.'];
      return print([...lines, `(${out.tookMs.toFixed(1)} ms)`].join('\n'), out);
    }
    const params = new URLSearchParams({ q: query, ...(limit ? { limit } : {}), ...(flags['in-stock'] ? { inStock: 'true' } : {}) });
    const out = await api('GET', `/v1/shops/${shop}/catalog/search?${params}`);
    const lines = out.hits.length
      ? out.hits.map((h, i) => {
          const v = h.variant ? ` [${Object.values(h.variant.options).join(' / ')}: ${h.variant.availability}]` : '';
          return `${i + 1}. ${h.title} (${h.id}) ${money(h.price, h.currency)}, ${h.availability}${v}  score ${h.score}`;
        })
      : ['No product matches.'];
    print([...lines, `(${out.tookMs.toFixed(1)} ms)`].join('\n'), out);
  },
};
