// Seeds the demo shop through the real APIs, the way a merchant would: create the shop
// (operator key), allow the local origin, import catalog, policies, customers and orders.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../edge/src/demo/data');
export const DEMO_SHOP = 'demo';

async function call(url, method, p, body, key) {
  const res = await fetch(url + p, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : {};
  return { status: res.status, data };
}

function must(r, what) {
  if (r.status >= 300) throw new Error(`${what} failed (${r.status}): ${JSON.stringify(r.data).slice(0, 2000)}`);
  return r.data;
}

const readData = (name) => (existsSync(path.join(DATA, name)) ? JSON.parse(readFileSync(path.join(DATA, name), 'utf8')) : null);

/**
 * Creates the demo shop if needed and (re)imports its data. Keys are kept in
 * `<stateDir>/demo-keys.json` next to the local D1 state, so they survive restarts.
 */
export async function seedDemo({ url, operatorKey, stateDir }) {
  const keysFile = path.join(stateDir, 'demo-keys.json');
  let keys = existsSync(keysFile) ? JSON.parse(readFileSync(keysFile, 'utf8')) : null;
  // The shop's name and settings are data (edge/src/demo/data/shop.json), read by the corpus runner too.
  const setup = readData('shop.json');
  const created = await call(url, 'POST', '/v1/shops', { id: DEMO_SHOP, name: setup.name }, operatorKey);
  if (created.status === 201) {
    keys = { adminKey: created.data.adminKey, agentKey: created.data.agentKey, identitySecret: created.data.identitySecret, identityKid: created.data.identityKid };
    writeFileSync(keysFile, JSON.stringify(keys, null, 2));
  } else if (created.status !== 409) must(created, 'Creating the demo shop');
  if (!keys) {
    // The shop exists but its keys were lost: the operator issues fresh ones.
    keys = must(await call(url, 'POST', `/v1/shops/${DEMO_SHOP}/recover-keys`, {}, operatorKey), 'Recovering demo keys');
    writeFileSync(keysFile, JSON.stringify(keys, null, 2));
  }
  const local = new URL(url);
  const origins = [url, `${local.protocol}//localhost:${local.port}`];
  must(
    await call(url, 'PATCH', `/v1/shops/${DEMO_SHOP}`, {
      allowedOrigins: origins,
      // platform "shopify": the demo storefront serves Shopify's /cart/add.js (DEMO_MODE), so cards offer Add to cart.
      settings: setup.settings,
    }, keys.adminKey),
    'Configuring the demo shop',
  );
  const counts = {};
  const catalog = readData('catalog.json');
  if (catalog) counts.products = must(await call(url, 'PUT', `/v1/shops/${DEMO_SHOP}/catalog`, { format: 'aisle', products: catalog.products }, keys.adminKey), 'Importing the demo catalog').accepted;
  const policies = readData('policies.json');
  if (policies) counts.policies = must(await call(url, 'PUT', `/v1/shops/${DEMO_SHOP}/policies`, { policies: policies.policies }, keys.adminKey), 'Importing the demo policies').documents;
  const orders = readData('orders.json');
  if (orders) counts.orders = must(await call(url, 'PUT', `/v1/shops/${DEMO_SHOP}/orders`, orders, keys.adminKey), 'Importing the demo orders').accepted;
  return { shopId: DEMO_SHOP, ...keys, counts, customers: (orders?.customers ?? []).map((c) => ({ id: c.id, name: c.name })) };
}
