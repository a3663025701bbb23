import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { stack } from './harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CATALOG = path.join(ROOT, 'test/fixtures/cli/catalog.json');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node cli/aisle.mjs ...` as a merchant would, against the running Worker. */
function aisle(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'cli/aisle.mjs'), ...args],
      // A clean environment: no AISLE_* from the developer's shell leaks into the test.
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', AISLE_URL: stack().url, ...env }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function ok(args: string[], env?: Record<string, string>) {
  const run = await aisle(args, env);
  expect(run.code, `aisle ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}
const okJson = async <T = Record<string, unknown>>(args: string[], env?: Record<string, string>) => JSON.parse((await ok([...args, '--json'], env)).stdout) as T;

/** Whether the Worker accepts a customer token for this shop (unknown conversation: 404 if valid, 401 if not). */
async function tokenAccepted(shopId: string, token: string) {
  const res = await fetch(`${stack().url}/v1/shops/${shopId}/conversations/${crypto.randomUUID()}`, { headers: { authorization: `Bearer ${token}` } });
  await res.body?.cancel();
  return res.status === 404 ? true : res.status === 401 ? false : Promise.reject(new Error(`status ${res.status}`));
}

const shopId = `cli-${Date.now().toString(36)}`;
let keys: { adminKey: string; agentKey: string; identitySecret: string; identityKid: string };
let admin: Record<string, string>;

beforeAll(async () => {
  keys = await okJson(['shop', 'create', shopId, '--name', 'CLI Test Shop'], { AISLE_OPERATOR_KEY: stack().operatorKey });
  admin = { AISLE_ADMIN_KEY: keys.adminKey };
});

describe('aisle CLI against the running Worker', () => {
  it('creates a shop and prints its keys once', async () => {
    expect(keys.adminKey).toMatch(new RegExp(`^ask_admin_${shopId}_`));
    expect(keys.agentKey).toMatch(/^ask_agent_/);
    expect(keys.identitySecret.length).toBeGreaterThanOrEqual(32);
    const shown = await okJson<{ shop: { id: string; name: string } }>(['shop', 'show', '--shop', shopId], admin);
    expect(shown.shop).toMatchObject({ id: shopId, name: 'CLI Test Shop' });
  });

  it('adds an origin, which the Worker then allows for shopper requests', async () => {
    const origin = 'https://cli-shop.example.com';
    const run = await ok(['shop', 'add-origin', origin, '--shop', shopId], admin);
    expect(run.stdout).toContain(origin);
    const res = await fetch(`${stack().url}/v1/shops/${shopId}/chat`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('changes widget settings and prints the exact snippet with them', async () => {
    const out = await okJson<{ shop: { settings: { widget: Record<string, string>; retentionDays: number; support: Record<string, string> } } }>(
      ['shop', 'set', '--shop', shopId, '--color', '#0a7f5a', '--position', 'left', '--greeting', 'Hi "there" & welcome', '--retention-days', '30', '--hours', 'Mon-Fri 09:00-17:00'],
      admin,
    );
    expect(out.shop.settings.widget).toMatchObject({ color: '#0a7f5a', position: 'left', greeting: 'Hi "there" & welcome' });
    expect(out.shop.settings.retentionDays).toBe(30);
    // A second change keeps the first: groups are merged, not replaced.
    const again = await okJson<typeof out>(['shop', 'set', '--shop', shopId, '--locale', 'de'], admin);
    expect(again.shop.settings.widget).toMatchObject({ color: '#0a7f5a', position: 'left', locale: 'de' });
    expect(again.shop.settings.support.hours).toBe('Mon-Fri 09:00-17:00');

    const tag = await ok(['snippet', '--shop', shopId], admin);
    expect(tag.stdout.trim()).toBe(
      `<script src="${stack().url}/widget.js" data-shop="${shopId}" data-title="CLI Test Shop" data-color="#0a7f5a" data-position="left" data-greeting="Hi &quot;there&quot; &amp; welcome" data-locale="de" async></script>`,
    );
    // widget.js served from elsewhere (a CDN) is told where the API is.
    const cdn = await ok(['snippet', '--shop', shopId, '--widget-url', 'https://cdn.example.com/aisle/'], admin);
    expect(cdn.stdout).toContain(`src="https://cdn.example.com/aisle/widget.js" data-shop="${shopId}" data-api="${stack().url}"`);
    // The tag points at this Worker, which serves widget.js.
    const local = await okJson<{ snippet: string }>(['snippet', '--shop', shopId], admin);
    const src = local.snippet.match(/src="([^"]+)"/)![1];
    expect(src).toBe(`${stack().url}/widget.js`);
    const widget = await fetch(src);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
  });

  it('imports a small catalog the Worker then serves', async () => {
    const run = await ok(['import', 'catalog', CATALOG, '--shop', shopId], admin);
    expect(run.stdout).toMatch(/2/);
    const res = await fetch(`${stack().url}/v1/shops/${shopId}/catalog/products/cli-wool-beanie`, { headers: { authorization: `Bearer ${keys.adminKey}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { product: { title: string } }).product.title).toBe('Merino Wool Beanie');
  });

  it('issues customer tokens (by the Worker, and locally with the secret) that the Worker accepts', async () => {
    const byWorker = await okJson<{ token: string; signedBy: string }>(['token', '--shop', shopId, '--customer', 'cust-cli-1'], admin);
    expect(byWorker.signedBy).toBe('worker');
    expect(await tokenAccepted(shopId, byWorker.token)).toBe(true);
    const local = await okJson<{ token: string }>(['token', '--shop', shopId, '--customer', 'cust-cli-1', '--secret', keys.identitySecret, '--kid', keys.identityKid]);
    expect(await tokenAccepted(shopId, local.token)).toBe(true);
  });

  it('rotates the identity secret: old and new tokens both verify until the next rotation', async () => {
    const rotated = await okJson<{ kid: string; secret: string; liveKids: string[] }>(['shop', 'rotate-identity-secret', '--shop', shopId], admin);
    expect(rotated.liveKids).toEqual([rotated.kid, keys.identityKid]);
    const sign = async (secret: string, kid: string) => (await okJson<{ token: string }>(['token', '--shop', shopId, '--customer', 'c', '--secret', secret, '--kid', kid])).token;
    expect(await tokenAccepted(shopId, await sign(rotated.secret, rotated.kid))).toBe(true);
    expect(await tokenAccepted(shopId, await sign(keys.identitySecret, keys.identityKid))).toBe(true);
    await ok(['shop', 'rotate-identity-secret', '--shop', shopId, '--remove', keys.identityKid], admin);
    expect(await tokenAccepted(shopId, await sign(keys.identitySecret, keys.identityKid))).toBe(false);
    expect(await tokenAccepted(shopId, await sign(rotated.secret, rotated.kid))).toBe(true);
  });

  it('creates, lists and revokes an agent key', async () => {
    const created = await okJson<{ id: string; key: string }>(['shop', 'agent-key', 'create', '--shop', shopId, '--label', 'Helpdesk'], admin);
    const tickets = () => fetch(`${stack().url}/v1/shops/${shopId}/tickets`, { headers: { authorization: `Bearer ${created.key}` } }).then((r) => r.status);
    expect(await tickets()).toBe(200);
    const list = await ok(['shop', 'agent-key', 'list', '--shop', shopId], admin);
    expect(list.stdout).toContain(created.id);
    expect(list.stdout).toContain('Helpdesk');
    expect(list.stdout).not.toContain(created.key);
    await ok(['shop', 'agent-key', 'revoke', created.id, '--shop', shopId], admin);
    expect(await tickets()).toBe(401);
  });

  it('adds a webhook endpoint and prints its signing secret', async () => {
    const out = await okJson<{ id: string; url: string; secret: string }>(['shop', 'add-webhook', 'http://127.0.0.1:9/aisle-hook', '--shop', shopId], admin);
    expect(out.url).toBe('http://127.0.0.1:9/aisle-hook');
    expect(out.secret).toMatch(/^whsec_/);
  });

  it("deletes a customer's data only with --yes", async () => {
    const token = (await okJson<{ token: string }>(['token', '--shop', shopId, '--customer', 'cust-cli-2'], admin)).token;
    const conversationId = crypto.randomUUID();
    const chat = await fetch(`${stack().url}/v1/shops/${shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ conversationId, message: { text: 'Do you have a wool beanie?' } }),
    });
    expect(chat.status).toBe(200);
    await chat.text();

    const refused = await aisle(['customer', 'delete', 'cust-cli-2', '--shop', shopId], admin);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const history = () => fetch(`${stack().url}/v1/shops/${shopId}/conversations/${conversationId}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await history()).toBe(200);

    const out = await okJson<{ deleted: { conversations: number; messages: number } }>(['customer', 'delete', 'cust-cli-2', '--shop', shopId, '--yes'], admin);
    expect(out.deleted).toMatchObject({ conversations: 1, messages: 2 });
    expect(await history()).toBe(404);
  });
});

describe('aisle stats and aisle test', () => {
  // A shop of its own: the other tests chat with theirs.
  const statsShop = `${shopId}-stats`;
  let statsAdmin: Record<string, string>;
  beforeAll(async () => {
    const created = await okJson<{ adminKey: string }>(['shop', 'create', statsShop, '--name', 'Stats Shop'], { AISLE_OPERATOR_KEY: stack().operatorKey });
    statsAdmin = { AISLE_ADMIN_KEY: created.adminKey };
  });
  const say = async (text: string, conversationId = crypto.randomUUID()) => {
    const res = await fetch(`${stack().url}/v1/shops/${statsShop}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId, message: { text } }),
    });
    expect(res.status).toBe(200);
    await res.text();
  };

  it('shows the turns and handoffs sent through the chat API, as text and as JSON', async () => {
    await say('Please cancel my order, I changed my mind');
    await say('I want a refund for my order');
    await say('What is your return policy?');
    const out = await okJson<{ totals: Record<string, number>; days: { day: string; metrics: Record<string, number> }[] }>(
      ['stats', '--shop', statsShop, '--days', '7', '--refresh'],
      statsAdmin,
    );
    expect(out.days).toHaveLength(7);
    expect(out.totals).toMatchObject({ turns: 3, conversations: 3, handoffs: 2, 'handoff_source:gate': 2, answered_without_person: 1 });
    const text = (await ok(['stats', '--shop', statsShop, '--days', '7'], statsAdmin)).stdout;
    expect(text).toMatch(/turns\s+3\n/);
    expect(text).toMatch(/answered without person\s+1 \(33%\)/);
    expect(text).toMatch(/handoffs\s+2: by source gate 2/);
  });

  it('runs test questions, exits 4 when one fails and 0 when all pass, and leaves the stats alone', async () => {
    const addCase = async (body: unknown) => {
      const res = await fetch(`${stack().url}/v1/shops/${statsShop}/test-questions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${statsAdmin.AISLE_ADMIN_KEY}` },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { question: { id: string } }).question.id;
    };
    await addCase({ question: 'Please cancel my order, I changed my mind', expect: { handoff: 'cancellation' } });
    const wrong = await addCase({ question: 'I want a refund for my order', expect: { noHandoff: true } });
    const failing = await aisle(['test', '--shop', statsShop], statsAdmin);
    expect(failing.code).toBe(4);
    expect(failing.stderr).toMatch(/tokens count against the daily budget/);
    expect(failing.stdout).toMatch(/^PASS {2}Please cancel my order/m);
    expect(failing.stdout).toMatch(/^FAIL {2}I want a refund for my order: no handoff\n\s+expected no handoff; handed off as refund/m);
    expect(failing.stdout).toMatch(/1 passed, 1 failed/);
    const asJson = await aisle(['test', '--shop', statsShop, '--json'], statsAdmin);
    expect(asJson.code).toBe(4);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ passed: 1, failed: 1 });

    const del = await fetch(`${stack().url}/v1/shops/${statsShop}/test-questions/${wrong}`, { method: 'DELETE', headers: { authorization: `Bearer ${statsAdmin.AISLE_ADMIN_KEY}` } });
    expect(del.status).toBe(204);
    const passing = await aisle(['test', '--shop', statsShop], statsAdmin);
    expect(passing.code, passing.stderr).toBe(0);
    expect(passing.stdout).toMatch(/1 passed, 0 failed/);
    // Test questions are dry runs: the metrics still show only the three real chat turns.
    const stats = await okJson<{ totals: Record<string, number> }>(['stats', '--shop', statsShop, '--days', '7', '--refresh'], statsAdmin);
    expect(stats.totals).toMatchObject({ turns: 3, handoffs: 2 });
  });

  it('exits 2 for a bad --days and 1 for a wrong key', async () => {
    const bad = await aisle(['stats', '--shop', shopId, '--days', 'many'], admin);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--days/);
    const wrong = await aisle(['stats', '--shop', shopId], { AISLE_ADMIN_KEY: 'ask_admin_wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/401 unauthorized/);
  });
});

describe('aisle stats and aisle test: every documented exit code', () => {
  it('exits 2 without --shop, 3 when the Worker cannot be reached, for both commands', async () => {
    for (const command of ['stats', 'test']) {
      const usage = await aisle([command], admin);
      expect(usage.code, `${command}: ${usage.stderr}`).toBe(2);
      expect(usage.stderr).toMatch(/--shop/);
      const unreachable = await aisle([command, '--shop', shopId, '--url', 'http://127.0.0.1:9'], admin);
      expect(unreachable.code, `${command}: ${unreachable.stderr}`).toBe(3);
      const wrong = await aisle([command, '--shop', shopId], { AISLE_ADMIN_KEY: 'ask_admin_wrong' });
      expect(wrong.code, `${command}: ${wrong.stderr}`).toBe(1);
    }
  });
});

describe('aisle CLI errors', () => {
  it("exits non-zero with the API's code for a wrong key, as text and as JSON", async () => {
    const wrong = { AISLE_ADMIN_KEY: `ask_admin_${shopId}_not-the-key` };
    const text = await aisle(['shop', 'show', '--shop', shopId], wrong);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/401 unauthorized/);
    const asJson = await aisle(['shop', 'show', '--shop', shopId, '--json'], wrong);
    expect(asJson.code).toBe(1);
    expect(asJson.stdout).toBe('');
    expect(JSON.parse(asJson.stderr)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it("refuses another shop's admin key", async () => {
    const run = await aisle(['shop', 'show', '--shop', 'demo', '--json'], admin);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr).error.code).toBe('unauthorized');
  });

  it('names the invalid field for bad input', async () => {
    const run = await aisle(['shop', 'add-origin', 'https://cli-shop.example.com/path', '--shop', shopId], admin);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/400 invalid_request/);
    expect(run.stderr).toMatch(/origin:/);
    const bad = await aisle(['shop', 'set', '--shop', shopId, '--color', 'green', '--json'], admin);
    expect(bad.code).toBe(1);
    const body = JSON.parse(bad.stderr);
    expect(body.error.code).toBe('invalid_request');
    expect(JSON.stringify(body.error.issues)).toMatch(/color/);
  });

  it('exits 2 for a missing option and 3 when the Worker cannot be reached', async () => {
    const missing = await aisle(['shop', 'add-origin', 'https://x.example.com'], admin);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--shop');
    const unreachable = await aisle(['shop', 'show', '--shop', shopId, '--url', 'http://127.0.0.1:9'], admin);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/Cannot reach the Worker/);
  });
});
