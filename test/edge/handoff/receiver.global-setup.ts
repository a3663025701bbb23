import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { TestProject } from 'vitest/node';
import type { Received } from './support';

/**
 * A webhook receiver on 127.0.0.1 for the handoff delivery tests, the way a merchant would
 * write one: it verifies the Standard Webhooks signature with the `standardwebhooks` package
 * and answers 401 when it does not verify. Each test uses its own path key:
 *
 *   POST /hook/<key>        the endpoint the Worker delivers to
 *   PUT  /_control/<key>    { secrets, statuses?, location?, retryAfter? } — what to verify with
 *                           and the statuses to answer, in order (the last one repeats; default 200)
 *   GET  /_control/<key>    { received: [...] } — every request as the receiver saw it
 *   POST /mail/<key>        a generic HTTP email API for the mailer tests: records
 *                           { idempotencyKey, authorization, answered, mail } and answers the scripted statuses
 */


interface Script {
  secrets: string[];
  statuses: number[];
  location?: string;
  retryAfter?: string;
  received: Received[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiverUrl: string;
  }
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export default async function setup(project: TestProject) {
  const scripts = new Map<string, Script>();
  const script = (key: string) => {
    let s = scripts.get(key);
    if (!s) scripts.set(key, (s = { secrets: [], statuses: [200], received: [] }));
    return s;
  };

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const [, kind, key] = url.pathname.split('/');
      const body = await readBody(req);
      if (kind === '_control' && key) {
        const s = script(key);
        if (req.method === 'PUT') {
          const next = JSON.parse(body) as Partial<Script>;
          Object.assign(s, { secrets: next.secrets ?? s.secrets, statuses: next.statuses ?? s.statuses, location: next.location, retryAfter: next.retryAfter });
          res.writeHead(204).end();
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: s.received }));
        }
        return;
      }
      if (kind === 'mail' && key && req.method === 'POST') {
        const s = script(key);
        const status = s.statuses.length > 1 ? s.statuses.shift()! : (s.statuses[0] ?? 200);
        s.received.push({
          idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
          authorization: String(req.headers.authorization ?? ''),
          answered: status,
          mail: JSON.parse(body),
        } as unknown as Received);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `prov_${s.received.length}` }));
        return;
      }
      if (kind === 'hook' && key && req.method === 'POST') {
        const s = script(key);
        const headers = {
          'webhook-id': String(req.headers['webhook-id'] ?? ''),
          'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
          'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
        };
        let verified = false;
        let payload: { type?: string; data?: { id?: string } } = {};
        for (const secret of s.secrets) {
          try {
            payload = new Webhook(secret).verify(body, headers) as typeof payload;
            verified = true;
            break;
          } catch {
            // try the next secret
          }
        }
        const status = verified ? (s.statuses.length > 1 ? s.statuses.shift()! : (s.statuses[0] ?? 200)) : 401;
        s.received.push({
          webhookId: headers['webhook-id'] || null,
          timestamp: headers['webhook-timestamp'] || null,
          signature: headers['webhook-signature'] || null,
          verified,
          answered: status,
          type: payload.type ?? null,
          ticketId: payload.data?.id ?? null,
        });
        const out: Record<string, string> = {};
        if (status >= 300 && status < 400) out.location = s.location ?? '/hook/redirect-target';
        if (s.retryAfter) out['retry-after'] = s.retryAfter;
        res.writeHead(status, out).end(status < 300 ? 'ok' : 'no');
        return;
      }
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('webhookReceiverUrl', `http://127.0.0.1:${port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
