// Builds the "Northwind Outfitters" demo storefront into edge/public from the demo shop data
// (edge/src/demo/data/catalog.json and policies.json) and the static files in edge/demo-site.
// Pages are plain HTML with the widget snippet pasted exactly as a merchant would paste it.
// File names follow Workers assets' default html_handling ("auto-trailing-slash"):
// products/<handle>.html is served at /products/<handle>, account.html at /account.
// Deterministic: same input, same bytes (no timestamps), so builds are cache-friendly.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITE = path.join(ROOT, 'edge/demo-site');
const OUT = path.join(ROOT, 'edge/public');
const DATA = process.env.AISLE_DEMO_DATA_DIR ?? path.join(ROOT, 'edge/src/demo/data');
const SHOP_NAME = 'Northwind Outfitters';
// As `aisle snippet --shop demo` prints it, with the demo shop's seeded colour.
const SNIPPET = '<script src="/widget.js" data-shop="demo" data-color="#1f5f4a" async></script>';

function readJson(file, key) {
  const full = path.join(DATA, file);
  if (!existsSync(full)) {
    console.warn(`demo-site: ${path.relative(ROOT, full)} not found; building without ${key}.`);
    return [];
  }
  const json = JSON.parse(readFileSync(full, 'utf8'));
  return Array.isArray(json) ? json : (json[key] ?? []);
}

const esc = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const money = (amount, currency) => new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(amount);

const AVAILABILITY = {
  in_stock: ['In stock', 'ok'],
  low_stock: ['Low stock', 'low'],
  out_of_stock: ['Sold out', 'out'],
  preorder: ['Pre-order', 'low'],
};

/** Markdown as the policy documents use it: ## headings, - and 1. lists, | tables |, **bold**, [links](https://…). */
function markdownToHtml(md) {
  const inline = (text) =>
    esc(text)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\(((?:https:\/\/|\/)[^)\s]+)\)/g, '<a href="$2">$1</a>');
  const out = [];
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(heading[1].length + 1, 4);
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      i++;
      continue;
    }
    if (/^\s*\|/.test(line)) {
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(lines[i++]);
      const cells = (r) => r.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      const body = rows.filter((r) => !/^\s*\|[\s:|-]+\|\s*$/.test(r));
      const [head, ...rest] = body;
      out.push(
        `<div class="table-wrap"><table><thead><tr>${cells(head).map((c) => `<th scope="col">${inline(c)}</th>`).join('')}</tr></thead><tbody>` +
          rest.map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') +
          '</tbody></table></div>',
      );
      continue;
    }
    const listType = /^\s*[-*]\s+/.test(line) ? 'ul' : /^\s*\d+[.)]\s+/.test(line) ? 'ol' : null;
    if (listType) {
      const re = listType === 'ul' ? /^\s*[-*]\s+(.*)$/ : /^\s*\d+[.)]\s+(.*)$/;
      const items = [];
      while (i < lines.length && re.test(lines[i])) items.push(re.exec(lines[i++])[1]);
      out.push(`<${listType}>${items.map((t) => `<li>${inline(t)}</li>`).join('')}</${listType}>`);
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && !/^(#{1,4}\s|\s*\||\s*[-*]\s|\s*\d+[.)]\s)/.test(lines[i])) para.push(lines[i++]);
    out.push(`<p>${inline(para.join(' '))}</p>`);
  }
  return out.join('\n');
}

function layout({ title, description, body, current = '', scripts = '' }, policies) {
  const nav = [
    ['/', 'Shop'],
    ['/policies/shipping', 'Shipping'],
    ['/policies/returns-and-refunds', 'Returns'],
    ['/account', 'Account'],
    // The demo cart (DEMO_MODE): site.js shows its count.
    ['/cart', 'Cart'],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title ? `${title} · ${SHOP_NAME}` : SHOP_NAME)}</title>
<meta name="description" content="${esc(description ?? 'Outdoor clothing and gear from Leipzig.')}">
<meta property="og:site_name" content="${SHOP_NAME}">
<link rel="icon" href="/demo/logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="/demo/site.css">
<script src="/demo/site.js" defer></script>${scripts}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/"><img src="/demo/logo.svg" alt="" width="32" height="32"><span>${SHOP_NAME}</span></a>
    <nav aria-label="Main">
      <ul>${nav.map(([href, label]) => `<li><a href="${href}"${href === current ? ' aria-current="page"' : ''}${href === '/cart' ? ' data-demo-cart-link' : ''}>${label}</a></li>`).join('')}</ul>
    </nav>
    <span class="who" data-demo-who hidden></span>
  </div>
</header>
<main id="main">
${body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p><strong>${SHOP_NAME}</strong> · Outdoor clothing and gear, packed in Leipzig. A demo shop for Aisle: nothing here is for sale.</p>
    <ul class="footer-links">${policies.map((p) => `<li><a href="/policies/${esc(p.id)}">${esc(p.title)}</a></li>`).join('')}</ul>
  </div>
</footer>
${SNIPPET}
</body>
</html>
`;
}

function productCard(p) {
  const img = p.images?.[0];
  const badge = productAvailability(p);
  return `<li class="card">
  <a href="/products/${esc(p.handle)}">
    <span class="card-img">${img ? `<img src="${esc(img)}" alt="" width="320" height="320" loading="lazy">` : ''}</span>
    <span class="card-vendor">${esc(p.vendor ?? '')}</span>
    <span class="card-title">${esc(p.title)}</span>
    <span class="card-price">${esc(money(p.price, p.currency))}${badge === 'preorder' ? ' <span class="pill low">Pre-order</span>' : ''}</span>
  </a>
</li>`;
}

function productAvailability(p) {
  const vs = p.variants ?? [];
  if (!vs.length) return 'in_stock';
  if (vs.every((v) => v.availability === 'preorder')) return 'preorder';
  if (vs.every((v) => v.availability === 'out_of_stock')) return 'out_of_stock';
  return 'in_stock';
}

function indexPage(products, policies) {
  const categories = [...new Set(products.map((p) => p.category).filter(Boolean))].sort();
  const sections = categories
    .map(
      (c) => `<section class="category" aria-labelledby="cat-${slug(c)}">
  <h2 id="cat-${slug(c)}">${esc(c)}</h2>
  <ul class="grid">${products.filter((p) => p.category === c).map(productCard).join('')}</ul>
</section>`,
    )
    .join('\n');
  const uncategorised = products.filter((p) => !p.category);
  return layout(
    {
      current: '/',
      body: `<section class="hero">
  <div class="wrap">
    <h1>Made for wet weekends and long trails.</h1>
    <p>Shells, fleeces, boots and packs we test on the hills around Leipzig. Questions about sizes, stock, delivery or your order? Ask our assistant, bottom right.</p>
    <p class="hero-links"><a class="button" href="#catalog">Shop the range</a> <a class="button ghost" href="/policies/shipping">Delivery info</a></p>
  </div>
</section>
<div class="wrap" id="catalog">
${sections}
${uncategorised.length ? `<ul class="grid">${uncategorised.map(productCard).join('')}</ul>` : ''}
${products.length ? '' : '<p>The catalog is empty.</p>'}
</div>`,
    },
    policies,
  );
}

const SCHEMA_AVAILABILITY = { in_stock: 'InStock', low_stock: 'LimitedAvailability', out_of_stock: 'OutOfStock', preorder: 'PreOrder' };

/**
 * schema.org Product JSON-LD as a Shopify theme writes it: the product's URL and the first
 * variant's SKU, `offers` an array with one Offer per variant whose URL names it (?variant=).
 * The widget reads it (widget/src/lib/page-context.ts); `<` is escaped so no text ends the script.
 */
function productJsonLd(p) {
  const url = `/products/${p.handle}`;
  const variants = p.variants ?? [];
  const offer = (v) => ({
    '@type': 'Offer',
    ...(v?.sku ? { sku: v.sku } : {}),
    price: (v?.price ?? p.price).toFixed(2),
    priceCurrency: p.currency,
    availability: `https://schema.org/${SCHEMA_AVAILABILITY[v?.availability ?? p.availability ?? 'in_stock']}`,
    url: v ? `${url}?variant=${encodeURIComponent(v.id)}` : url,
  });
  const ld = {
    '@context': 'https://schema.org/',
    '@type': 'Product',
    name: p.title,
    url,
    ...(variants[0]?.sku ? { sku: variants[0].sku } : {}),
    ...(p.vendor ? { brand: { '@type': 'Brand', name: p.vendor } } : {}),
    description: p.description ?? '',
    offers: variants.length ? variants.map(offer) : [offer(null)],
  };
  return JSON.stringify(ld).replace(/</g, '\\u003c');
}

function productPage(p, policies) {
  const img = p.images?.[0];
  const variants = p.variants ?? [];
  const attrs = Object.entries(p.attributes ?? {});
  const optionNames = [...new Set(variants.flatMap((v) => Object.keys(v.options ?? {})))];
  const rows = variants
    .map((v) => {
      const [label, cls] = AVAILABILITY[v.availability ?? 'in_stock'] ?? AVAILABILITY.in_stock;
      return `<tr>${optionNames.map((n) => `<td>${esc(v.options?.[n] ?? '–')}</td>`).join('')}<td>${esc(money(v.price ?? p.price, p.currency))}</td><td><span class="pill ${cls}">${label}</span></td></tr>`;
    })
    .join('');
  return layout(
    {
      title: p.title,
      description: (p.description ?? '').slice(0, 160),
      scripts: `\n<script type="application/ld+json">${productJsonLd(p)}</script>`,
      body: `<div class="wrap product">
  <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Shop</a> / <a href="/#cat-${slug(p.category ?? '')}">${esc(p.category ?? 'All')}</a></nav>
  <div class="product-grid">
    <div class="product-img">${img ? `<img src="${esc(img)}" alt="${esc(p.title)}" width="560" height="560">` : ''}</div>
    <div class="product-info">
      <p class="card-vendor">${esc(p.vendor ?? '')}</p>
      <h1>${esc(p.title)}</h1>
      <p class="price">${esc(money(p.price, p.currency))}</p>
      <p>${esc(p.description)}</p>
      ${(p.tags ?? []).length ? `<ul class="tags" aria-label="Tags">${p.tags.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : ''}
      ${
        attrs.length
          ? `<h2>Details</h2><dl class="attrs">${attrs.map(([k, v]) => `<div><dt>${esc(k.replace(/_/g, ' '))}</dt><dd>${esc(typeof v === 'boolean' ? (v ? 'yes' : 'no') : v)}</dd></div>`).join('')}</dl>`
          : ''
      }
    </div>
  </div>
  ${
    variants.length
      ? `<h2>Sizes and colours</h2><div class="table-wrap"><table class="variants"><thead><tr>${optionNames.map((n) => `<th scope="col">${esc(n)}</th>`).join('')}<th scope="col">Price</th><th scope="col">Availability</th></tr></thead><tbody>${rows}</tbody></table></div>`
      : ''
  }
</div>`,
    },
    policies,
  );
}

function policyPage(doc, policies) {
  return layout(
    {
      title: doc.title,
      current: `/policies/${doc.id}`,
      body: `<div class="wrap narrow policy">
  <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Shop</a> / Policies</nav>
  <h1>${esc(doc.title)}</h1>
  ${doc.updatedAt ? `<p class="muted">Last updated ${esc(doc.updatedAt.slice(0, 10))}</p>` : ''}
  ${markdownToHtml(doc.body)}
</div>`,
    },
    policies,
  );
}

function accountPage(policies) {
  return layout(
    {
      title: 'Your account',
      current: '/account',
      body: `<div class="wrap narrow account">
  <h1>Your account</h1>
  <p>In a real shop you would sign in with your password, and the shop's server would hand the chat a signed customer token. This demo lets you pick one of the demo customers instead, so you can ask the assistant about <em>their</em> orders.</p>
  <form class="demo-signin" data-demo-signin>
    <label for="demo-customer">Sign in as a demo customer</label>
    <div class="row">
      <select id="demo-customer" name="customer" disabled><option>Loading customers…</option></select>
      <button type="submit" class="button" disabled>Sign in</button>
    </div>
  </form>
  <div class="signed-in" data-demo-signed-in hidden>
    <p>Signed in as <strong data-demo-name></strong>. Open the chat and ask “Where is my order?”.</p>
    <button type="button" class="button ghost" data-demo-signout>Sign out</button>
  </div>
  <p class="status" role="status" data-demo-status></p>
</div>`,
    },
    policies,
  );
}

const slug = (s) => String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

// --- build ---
const products = readJson('catalog.json', 'products')
  .filter((p) => p && p.title)
  .map((p) => ({ ...p, handle: p.handle ?? slug(p.title) }))
  .sort((a, b) => a.title.localeCompare(b.title, 'en'));
const policies = readJson('policies.json', 'policies').filter((p) => p && p.id && p.body);

for (const dir of ['products', 'policies', 'demo']) rmSync(path.join(OUT, dir), { recursive: true, force: true });
mkdirSync(path.join(OUT, 'products'), { recursive: true });
mkdirSync(path.join(OUT, 'policies'), { recursive: true });

const write = (rel, html) => writeFileSync(path.join(OUT, rel), html);
write('index.html', indexPage(products, policies));
write('account.html', accountPage(policies));
for (const p of products) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(p.handle)) throw new Error(`demo-site: product handle "${p.handle}" is not URL-safe`);
  write(`products/${p.handle}.html`, productPage(p, policies));
}
for (const doc of policies) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(doc.id)) throw new Error(`demo-site: policy id "${doc.id}" is not URL-safe`);
  write(`policies/${doc.id}.html`, policyPage(doc, policies));
}
// Static files: site.css, site.js, logo; product images from edge/demo-site/img.
cpSync(SITE, path.join(OUT, 'demo'), { recursive: true, filter: (src) => !src.endsWith('.md') });
console.log(`demo-site: ${products.length} product pages, ${policies.length} policy pages, index, account -> edge/public`);
