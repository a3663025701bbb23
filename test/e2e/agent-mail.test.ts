import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with `npm start`
import { startStack } from '../../scripts/stack.mjs';

/**
 * Issue 16, acceptance 6 end to end: under `wrangler dev` the local send_email emulator writes
 * each message's text to a file and logs its path. A forwarded ticket's email is read from that
 * file: the reference, the sign-in link, and no ticket content. Its own Worker (port 8811), so the
 * run does not depend on what other e2e files do to the shared demo shop.
 */
/** Text bodies the local send_email emulator wrote. */
function emulatorFiles(): string[] {
  return readdirSync(tmpdir())
    .filter((d) => d.startsWith('miniflare-'))
    .flatMap((d) => {
      const folder = path.join(tmpdir(), d, 'files', 'email-text');
      return existsSync(folder) ? readdirSync(folder).map((f) => path.join(folder, f)) : [];
    });
}

let stack: { url: string; demo: { shopId: string; adminKey: string; agentKey: string }; log(): string; stop(): Promise<void> };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aisle-e2e-mail-'));
  const devVarsFile = path.join(dir, '.dev.vars');
  writeFileSync(devVarsFile, '');
  stack = await startStack({ port: 8811, persistTo: path.join(dir, 'state'), devVarsFile, quiet: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('assignment email through the local emulator', () => {
  it('writes a file with the reference and a sign-in link, and nothing of the ticket', { timeout: 60_000 }, async () => {
    const { url, demo } = stack;
    const admin = { 'content-type': 'application/json', authorization: `Bearer ${demo.adminKey}` };
    const made = await fetch(`${url}/v1/shops/${demo.shopId}/agent-keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Bea', email: 'bea@northwind.example' }) });
    const bea = (await made.json()) as { id: string };
    const chat = await fetch(`${url}/v1/shops/${demo.shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ conversationId: crypto.randomUUID(), message: { text: 'My parka zip broke on day two, I want my money back please.' } }),
    });
    const ticketId = /"ticketId":"(tkt_[A-Za-z0-9]+)"/.exec(await chat.text())![1];
    const ticket = (await (await fetch(`${url}/v1/shops/${demo.shopId}/tickets/${ticketId}`, { headers: { authorization: `Bearer ${demo.agentKey}` } })).json()) as { ticket: { reference: string } };
    const forward = await fetch(`${url}/v1/shops/${demo.shopId}/tickets/${ticketId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.agentKey}` },
      body: JSON.stringify({ assignee: bea.id, note: 'Secret internal note about the zip' }),
    });
    expect(forward.status).toBe(200);

    // The emulator writes each text body to a file under the OS temp folder
    // (<tmp>/miniflare-*/files/email-text/*.txt) and logs its path; find ours by the ticket link.
    let eml: string | undefined;
    for (let i = 0; i < 100 && !eml; i++) {
      eml = emulatorFiles().map((f) => readFileSync(f, 'utf8')).find((t) => t.includes(`/tickets/${ticketId}`));
      if (!eml) await new Promise((r) => setTimeout(r, 200));
    }
    expect(eml, 'no email file from the send_email emulator').toBeDefined();
    expect(eml).toContain(`/agent/${demo.shopId}/tickets/${ticketId}`);
    expect(eml).toContain(`ticket ${ticket.ticket.reference} to you`);
    expect(eml).not.toContain('parka');
    expect(eml).not.toContain('money back');
    expect(eml).not.toContain('Secret internal note');
  });
});
