import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../app-kit/src/base.css';
import { ChooseShop, SignIn } from '../../app-kit/src/SignIn';
import { createClient, shopFromPath, type SessionView } from '../../app-kit/src/session';

function App({ shop }: { shop: string }) {
  const [client] = useState(() => createClient(shop));
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  useEffect(() => {
    client.current().then(setSession, () => setSession(null));
  }, [client]);
  if (session === undefined) return <p class="kit-muted">Loading…</p>;
  if (!session) return <SignIn client={client} keyLabel="admin key" title="Merchant console" onSignedIn={setSession} />;
  return (
    <main>
      <h1>Merchant console</h1>
      <p>
        Signed in to <strong>{shop}</strong> with the {session.kind} key {session.keyId}.
      </p>
      <button class="kit-secondary" onClick={() => client.signOut().then(() => setSession(null))}>
        Sign out
      </button>
    </main>
  );
}

const shop = shopFromPath();
render(shop ? <App shop={shop} /> : <ChooseShop app="console" title="Merchant console" />, document.getElementById('app')!);
