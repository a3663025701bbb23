import { baseUrl, CliError } from '../lib.mjs';

const attr = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export default {
  name: 'snippet',
  usage: 'snippet --shop <id> [--url <deployed url>] [--widget-url <cdn folder>]',
  summary: "the <script> tag to paste into the shop's pages, with its widget settings",
  async run({ flags, api, print }) {
    const shop = flags.shop ?? process.env.AISLE_SHOP;
    if (!shop || shop === true) throw new CliError('Missing --shop <id>', { exitCode: 2 });
    const url = baseUrl(flags);
    if (flags['widget-url'] === true) throw new CliError('--widget-url needs the folder that serves widget.js', { exitCode: 2 });
    // widget.js normally comes from the Worker itself; hosted elsewhere (a CDN) it must be told where the API is.
    const widgetBase = flags['widget-url'] ? String(flags['widget-url']).replace(/\/+$/, '') : url;
    // Reads the shop (admin key) so the tag carries its current look and a name for the header.
    const { shop: s } = await api('GET', `/v1/shops/${encodeURIComponent(shop)}`);
    const w = s.settings.widget ?? {};
    const attrs = [
      ['src', `${widgetBase}/widget.js`],
      ['data-shop', s.id],
      ...(widgetBase === url ? [] : [['data-api', url]]),
      ['data-title', s.name],
      ...[['color', w.color], ['position', w.position], ['greeting', w.greeting], ['locale', w.locale]]
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [`data-${k}`, v]),
    ];
    const tag = `<script ${attrs.map(([k, v]) => `${k}="${attr(v)}"`).join(' ')} async></script>`;
    // stdout is exactly the tag (pipe it into a template); advice goes to stderr.
    if (s.allowedOrigins.length === 0 && !flags.json) {
      process.stderr.write(`Note: ${s.id} allows no origin yet, so browsers will be refused. Add your storefront: aisle shop add-origin https://your-shop.example --shop ${s.id}\n`);
    }
    print(tag, { snippet: tag, shop: s.id, url, allowedOrigins: s.allowedOrigins });
  },
};
