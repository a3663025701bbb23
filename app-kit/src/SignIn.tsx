import { useState } from 'preact/hooks';
import { ApiError, type ApiClient, type SessionView } from './session';

interface Props {
  client: ApiClient;
  /** What the key is called on this page ("agent key", "admin key"). */
  keyLabel: string;
  title: string;
  onSignedIn: (s: SessionView) => void;
}

/** Sign-in with a shop key. The key is sent once and not kept; the session cookie carries on. */
export function SignIn({ client, keyLabel, title, onSignedIn }: Props) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await client.signIn(key.trim());
      setKey('');
      onSignedIn(s);
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.message : 'Could not reach the server. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="kit-signin">
      <h1>{title}</h1>
      <p class="kit-muted">Shop: <strong>{client.shop}</strong></p>
      <form onSubmit={submit}>
        <label for="kit-key">Your {keyLabel}</label>
        <input id="kit-key" type="password" autocomplete="current-password" required value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
        {error && (
          <p class="kit-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

/** Shown at /agent or /console without a shop in the path. */
export function ChooseShop({ app, title }: { app: string; title: string }) {
  const [shop, setShop] = useState('');
  return (
    <main class="kit-signin">
      <h1>{title}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (shop.trim()) location.assign(`/${app}/${encodeURIComponent(shop.trim())}`);
        }}
      >
        <label for="kit-shop">Shop id</label>
        <input id="kit-shop" required value={shop} onInput={(e) => setShop((e.target as HTMLInputElement).value)} />
        <button type="submit">Continue</button>
      </form>
    </main>
  );
}
