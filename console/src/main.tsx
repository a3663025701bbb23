import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../app-kit/src/base.css';
import './console.css';
import { ChooseShop, SignIn } from '../../app-kit/src/SignIn';
import { createClient, shopFromPath, type SessionView } from '../../app-kit/src/session';
import { Ctx, sendJson, type ConsoleContext } from './context';
import { KnowledgePage } from './pages/Knowledge';
import { MetricsPage } from './pages/Metrics';
import { SettingsPage } from './pages/Settings';
import { SetupPage } from './pages/Setup';
import { TestsPage } from './pages/Tests';

const PAGES = [
  { id: 'setup', label: 'Set-up', Page: SetupPage },
  { id: 'settings', label: 'Settings', Page: SettingsPage },
  { id: 'knowledge', label: 'Knowledge', Page: KnowledgePage },
  { id: 'metrics', label: 'Metrics', Page: MetricsPage },
  { id: 'tests', label: 'Test questions', Page: TestsPage },
] as const;
type PageId = (typeof PAGES)[number]['id'];

const pageFromHash = (): PageId => {
  const id = location.hash.slice(1);
  return PAGES.some((p) => p.id === id) ? (id as PageId) : 'setup';
};

function App({ shop }: { shop: string }) {
  const [client] = useState(() => createClient(shop));
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [page, setPage] = useState<PageId>(pageFromHash);
  const [draftQuestion, setDraftQuestion] = useState<string | null>(null);

  useEffect(() => {
    client.current().then(setSession, () => setSession(null));
    const onHash = () => setPage(pageFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [client]);

  // Each page's heading takes focus when the page changes, so screen readers hear where they are.
  useEffect(() => {
    if (session) document.querySelector<HTMLElement>('main h2')?.focus();
    document.title = `Aisle · ${PAGES.find((p) => p.id === page)!.label} · ${shop}`;
  }, [page]);

  if (session === undefined) return <p class="kit-muted">Loading…</p>;
  if (!session || session.kind !== 'admin') {
    return <SignIn client={client} keyLabel="admin key" title="Merchant console" onSignedIn={(s) => setSession(s)} />;
  }

  const ctx: ConsoleContext = {
    client,
    send: (method, path, body) => sendJson(shop, session.csrfToken, method, path, body),
    signedOut: () => setSession(null),
    draftQuestion,
    setDraftQuestion,
  };
  const { Page } = PAGES.find((p) => p.id === page)!;
  return (
    <Ctx.Provider value={ctx}>
      <header class="con-header">
        <h1 class="con-brand">
          Aisle console · <strong>{shop}</strong>
        </h1>
        <nav aria-label="Console">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button class="kit-secondary" onClick={() => client.signOut().finally(() => setSession(null))}>
          Sign out
        </button>
      </header>
      <main class="con-main">
        <Page />
      </main>
    </Ctx.Provider>
  );
}

const shop = shopFromPath();
render(shop ? <App shop={shop} /> : <ChooseShop app="console" title="Merchant console" />, document.getElementById('app')!);
