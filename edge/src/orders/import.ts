import type { ErrorIssue } from '../../../shared/errors';
import { CustomerRecord, OrderRecord, OrdersImport } from '../../../shared/order';
import { ApiError, invalidRequest, zodIssues } from '../lib/errors';
import { orderNumberKey } from './number';

const MAX_ISSUES = 100;

/**
 * Validates every customer and order on its own, so a merchant sees all the bad rows at once
 * (`path: ['orders', 12, 'items']`) and nothing is written while any row is bad.
 */
export function parseOrdersImport(body: unknown): { customers: CustomerRecord[]; orders: OrderRecord[] } {
  const envelope = OrdersImport.safeParse(body);
  if (!envelope.success) throw invalidRequest('Invalid request body', envelope.error);
  const issues: ErrorIssue[] = [];
  const customers: CustomerRecord[] = [];
  const orders: OrderRecord[] = [];
  const seenCustomers = new Map<string, number>();
  const seenOrders = new Map<string, number>();
  envelope.data.customers.forEach((raw, i) => {
    const r = CustomerRecord.safeParse(raw);
    if (!r.success) return void issues.push(...zodIssues(r.error).map((x) => ({ ...x, path: ['customers', i, ...x.path] })));
    const first = seenCustomers.get(r.data.id);
    if (first !== undefined) issues.push({ path: ['customers', i, 'id'], message: `duplicate of customers[${first}]`, code: 'duplicate' });
    seenCustomers.set(r.data.id, i);
    customers.push(r.data);
  });
  envelope.data.orders.forEach((raw, i) => {
    const r = OrderRecord.safeParse(raw);
    if (!r.success) return void issues.push(...zodIssues(r.error).map((x) => ({ ...x, path: ['orders', i, ...x.path] })));
    const key = orderNumberKey(r.data.number);
    if (!key) return void issues.push({ path: ['orders', i, 'number'], message: 'needs at least one letter or digit', code: 'custom' });
    const first = seenOrders.get(key);
    if (first !== undefined) issues.push({ path: ['orders', i, 'number'], message: `same order number as orders[${first}]`, code: 'duplicate' });
    seenOrders.set(key, i);
    orders.push(r.data);
  });
  if (issues.length) {
    const shown = issues.slice(0, MAX_ISSUES);
    const more = issues.length > MAX_ISSUES ? ` (first ${MAX_ISSUES} of ${issues.length} shown)` : '';
    throw new ApiError('invalid_request', `${issues.length} invalid record(s); nothing was imported${more}`, shown);
  }
  return { customers, orders };
}
