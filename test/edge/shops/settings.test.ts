import { describe, expect, it } from 'vitest';
import { createShop } from '../helpers';
import { call, expectError } from './support';

type Settings = { widget: Record<string, string>; support: Record<string, string>; retentionDays: number; budgets: Record<string, number> };
const patch = async (shopId: string, key: string, body: unknown) => {
  const res = await call('PATCH', `/v1/shops/${shopId}`, key, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { shop: { name: string; settings: Settings } }).shop;
};

describe('PATCH /v1/shops/:shop settings', () => {
  it('changes only the settings groups sent and keeps the others', async () => {
    const s = await createShop();
    await patch(s.shopId, s.adminKey, { settings: { retentionDays: 30, budgets: { messagesPerDay: 500 }, support: { hours: 'Mon-Fri 9-17', timeZone: 'Europe/Berlin' } } });
    const after = await patch(s.shopId, s.adminKey, { settings: { widget: { color: '#112233', position: 'left' } } });
    expect(after.settings.widget).toEqual({ color: '#112233', position: 'left' });
    expect(after.settings.retentionDays).toBe(30);
    expect(after.settings.budgets).toEqual({ messagesPerDay: 500 });
    expect(after.settings.support).toMatchObject({ hours: 'Mon-Fri 9-17', timeZone: 'Europe/Berlin' });
    const renamed = await patch(s.shopId, s.adminKey, { name: 'Renamed' });
    expect(renamed.name).toBe('Renamed');
    expect(renamed.settings.retentionDays).toBe(30);
  });

  it('rejects out-of-range values with the field named', async () => {
    const s = await createShop();
    const body = await expectError(await call('PATCH', `/v1/shops/${s.shopId}`, s.adminKey, { settings: { retentionDays: 0, widget: { color: 'green' } } }), 400, 'invalid_request');
    const paths = body.error.issues!.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['settings.retentionDays', 'settings.widget.color']));
  });
});
