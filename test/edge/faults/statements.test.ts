import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import orders from '../../../edge/src/demo/data/orders.json';
import { seedDemoShop, signCustomerToken } from '../helpers';
import { chatWith, faultyD1 } from './support';

// The Free plan caps an invocation at 50 D1 queries and the local runtime does not enforce it;
// this project keeps a turn at 25 (README, "Load, faults and scaling"). The heaviest path is a
// signed-in customer's handoff naming an order: orders, the ticket's scope and policy passages.
it("a signed-in customer's handoff naming an order stays within 25 D1 statements and reads their orders once", async () => {
  const shop = await seedDemoShop();
  const order = orders.orders[0];
  const token = await signCustomerToken(shop, order.customerId);
  const sent: string[] = [];
  // Fails nothing: counts every statement the turn sends (each of a batch, each single call).
  const counting = faultyD1(env.DB, (sql) => (sent.push(sql.replace(/\s+/g, ' ').trim()), false));
  const r = await chatWith({ DB: counting }, shop.shopId, crypto.randomUUID(), `My parcel arrived damaged, order ${order.number}`, token);
  expect(r.res.status).toBe(200);
  expect(r.parts.some((p) => p.type === 'data-handoff')).toBe(true);
  expect(sent.length).toBeGreaterThan(5);
  expect(sent.length).toBeLessThanOrEqual(25);
  expect(sent.filter((q) => q.startsWith('SELECT number, customer_id, data FROM orders WHERE shop_id = ? AND customer_id = ? ORDER BY'))).toHaveLength(1);
  // The order named is taken from that list, not read again by its number.
  expect(sent.filter((q) => q.includes('FROM orders WHERE shop_id = ? AND customer_id = ? AND number_key = ?'))).toHaveLength(0);
});
