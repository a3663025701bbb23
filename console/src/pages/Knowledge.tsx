import { useState } from 'preact/hooks';
import { problemText, useConsole } from '../context';
import type { PolicyHit, ProductHit } from '../types';

/** Search the catalog and the policies with the same search the assistant's tools use. */
export function KnowledgePage() {
  const ctx = useConsole();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ q: string; products: ProductHit[]; passages: PolicyHit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function search(e: Event) {
    e.preventDefault();
    const query = q.trim();
    if (!query) return;
    setBusy(true);
    setError(null);
    try {
      const [catalog, policies] = await Promise.all([
        ctx.client.get<{ hits: ProductHit[] }>(`/catalog/search?q=${encodeURIComponent(query)}&limit=8`),
        ctx.client.get<{ passages: PolicyHit[] }>(`/policies/search?q=${encodeURIComponent(query)}&limit=3`),
      ]);
      setResult({ q: query, products: catalog.hits, passages: policies.passages });
    } catch (err) {
      setError(problemText(err, ctx));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="knowledge-title">
      <h2 id="knowledge-title" tabIndex={-1}>
        Knowledge
      </h2>
      <p class="kit-muted">
        Ask what a shopper would ask. These are the products and policy passages the assistant would find for it, in the order it sees them. No passage
        means the assistant would say it does not know rather than guess.
      </p>
      <form class="con-inline" onSubmit={search} role="search">
        <label for="kn-q">Question</label>
        <input id="kn-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder="waterproof jacket for hiking" />
        <button type="submit" disabled={busy}>
          {busy ? 'Searching…' : 'Search'}
        </button>
      </form>
      {error && <p class="kit-error" role="alert">{error}</p>}
      {result && (
        <div class="con-two" aria-live="polite">
          <div>
            <h3>Products ({result.products.length})</h3>
            {result.products.length === 0 ? (
              <p class="kit-muted">No product matches "{result.q}".</p>
            ) : (
              <ol class="con-hits" data-testid="product-hits">
                {result.products.map((p) => (
                  <li key={p.id + (p.variant?.id ?? '')}>
                    <strong>{p.title}</strong>
                    {p.variant && <span> · {p.variant.title}</span>}
                    <div class="kit-muted">
                      {p.price.toLocaleString('en', { style: 'currency', currency: p.currency })} · {p.availability.replace(/_/g, ' ')} · id <code>{p.id}</code> · score {p.score.toFixed(2)}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </div>
          <div>
            <h3>Policy passages ({result.passages.length})</h3>
            {result.passages.length === 0 ? (
              <p class="kit-muted">No policy passage answers "{result.q}".</p>
            ) : (
              <ol class="con-hits" data-testid="policy-hits">
                {result.passages.map((p) => (
                  <li key={p.id}>
                    <strong>{p.title}</strong>
                    {p.heading && <span> · {p.heading}</span>}
                    <p class="con-quote">{p.text}</p>
                    <div class="kit-muted">score {p.score.toFixed(2)}</div>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
