import { useState } from 'preact/hooks';
import { fmtDate, problemText, useConsole, useLoad } from '../context';
import type { SetupChecklist } from '../types';

function Item({ done, title, children }: { done: boolean; title: string; children: preact.ComponentChildren }) {
  return (
    <li class={`con-check ${done ? 'is-done' : 'is-todo'}`}>
      <h3>
        <span class="con-check-mark">{done ? 'Done' : 'To do'}</span> {title}
      </h3>
      {children}
    </li>
  );
}

/** The set-up checklist: what shoppers need before the chat works on the shop's pages. */
export function SetupPage() {
  const ctx = useConsole();
  const { data, error, reload } = useLoad<SetupChecklist>('/console/setup');
  const [origin, setOrigin] = useState('');
  const [originError, setOriginError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function addOrigin(e: Event) {
    e.preventDefault();
    setOriginError(null);
    try {
      await ctx.client.post('/origins', { origin: origin.trim() });
      setOrigin('');
      reload();
    } catch (err) {
      setOriginError(problemText(err, ctx));
    }
  }
  async function removeOrigin(o: string) {
    setOriginError(null);
    try {
      await ctx.send('DELETE', '/origins', { origin: o });
      reload();
    } catch (err) {
      setOriginError(problemText(err, ctx));
    }
  }
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 3000);
    } catch {
      // No clipboard permission: select the text so the merchant can copy it with the keyboard.
      const pre = document.getElementById('con-snippet');
      if (pre) getSelection()?.selectAllChildren(pre);
    }
  }

  return (
    <section aria-labelledby="setup-title">
      <h2 id="setup-title" tabIndex={-1}>
        Set-up checklist
      </h2>
      {error && <p class="kit-error" role="alert">{error}</p>}
      {!data && !error && <p class="kit-muted">Loading…</p>}
      {data && (
        <ol class="con-checklist">
          <Item done={data.allowedOrigins.length > 0} title="Allowed origins">
            <p class="kit-muted">The exact origins of the shop's pages where the chat may run.</p>
            <ul class="con-list" data-testid="origins">
              {data.allowedOrigins.map((o) => (
                <li key={o}>
                  <code>{o}</code>{' '}
                  <button class="kit-secondary con-small" aria-label={`Remove ${o}`} onClick={() => removeOrigin(o)}>
                    Remove
                  </button>
                </li>
              ))}
              {data.allowedOrigins.length === 0 && <li class="kit-muted">No origin yet.</li>}
            </ul>
            <form class="con-inline" onSubmit={addOrigin}>
              <label for="con-origin">Add an origin</label>
              <input id="con-origin" placeholder="https://shop.example.com" value={origin} onInput={(e) => setOrigin((e.target as HTMLInputElement).value)} required />
              <button type="submit">Add</button>
            </form>
            {originError && <p class="kit-error" role="alert">{originError}</p>}
          </Item>

          <Item done={data.allowedOrigins.length > 0} title="Embed snippet">
            <p class="kit-muted">Paste this tag into every page of the shop, before the closing body tag. It carries the widget's look: copy it again after changing the look in Settings.</p>
            <pre id="con-snippet" class="con-code">{data.snippet}</pre>
            <button onClick={() => copy(data.snippet)}>Copy snippet</button>
            <span role="status" class="con-status">{copied ? 'Copied to the clipboard.' : ''}</span>
          </Item>

          <Item done={data.catalog.products > 0} title="Catalog">
            <p data-testid="catalog-count">
              <strong>{data.catalog.products}</strong> products · last import {fmtDate(data.catalog.lastImportAt)}
            </p>
          </Item>
          <Item done={data.policies.documents > 0} title="Policies">
            <p data-testid="policies-count">
              <strong>{data.policies.documents}</strong> documents in <strong>{data.policies.passages}</strong> passages · last import {fmtDate(data.policies.lastImportAt)}
            </p>
          </Item>
          <Item done={data.orders.orders > 0} title="Orders">
            <p data-testid="orders-count">
              <strong>{data.orders.orders}</strong> orders of <strong>{data.orders.customers}</strong> customers · last import {fmtDate(data.orders.lastImportAt)}
            </p>
          </Item>

          <Item done={data.webhooks.some((w) => !w.disabled)} title="Webhook endpoints (handoff tickets)">
            {data.webhooks.length === 0 ? (
              <p class="kit-muted">No endpoint: handoff tickets are only in the agent API. Add one with <code>aisle shop add-webhook &lt;url&gt; --shop {data.shopId}</code>.</p>
            ) : (
              <table class="con-table">
                <caption class="kit-visually-hidden">Webhook endpoints</caption>
                <thead>
                  <tr>
                    <th scope="col">URL</th>
                    <th scope="col">State</th>
                    <th scope="col">Last delivery</th>
                    <th scope="col">Failures (7 days)</th>
                    <th scope="col">Last failure</th>
                  </tr>
                </thead>
                <tbody>
                  {data.webhooks.map((w) => (
                    <tr key={w.id}>
                      <td>
                        <code>{w.url}</code>
                      </td>
                      <td>{w.disabled ? `disabled${w.disabledReason ? `: ${w.disabledReason}` : ''}` : 'enabled'}</td>
                      <td>{w.lastDelivery ? `${fmtDate(w.lastDelivery.at)} (${w.lastDelivery.statusCode ?? '-'})` : 'never'}</td>
                      <td>{w.failures7d}</td>
                      <td>{w.lastFailure ? `${fmtDate(w.lastFailure.at)} (${w.lastFailure.statusCode ?? w.lastFailure.error ?? 'error'})` : 'none'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Item>

          <Item done={data.identityKeys.length > 0} title="Identity secret (verified customers)">
            <p class="kit-muted">Key ids and dates only: the secret itself is never shown again after it was created or rotated.</p>
            <ul class="con-list">
              {data.identityKeys.map((k) => (
                <li key={k.kid}>
                  <code>{k.kid}</code> created {fmtDate(k.createdAt)}
                </li>
              ))}
            </ul>
          </Item>
        </ol>
      )}
    </section>
  );
}
