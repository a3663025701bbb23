import { useState } from 'preact/hooks';
import type { DraftView } from '../../shared/agent';
import type { ApiClient } from '../../app-kit/src/session';

const CLASS_LABEL: Record<DraftView['answerClass'], string> = { product: 'Product answer', policy: 'Policy answer', order: 'Order answer', other: 'Other answer' };
const at = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * Assisted mode: replies the assistant wrote and the guard passed, held until a person sends them.
 * Sending the text as it is approves the draft; changing it first sends the edit (recorded as
 * the agent's words). Every value is rendered as text.
 */
export function Drafts({ client, drafts, onDecided }: { client: ApiClient; drafts: DraftView[]; onDecided: (message: string) => void }) {
  if (drafts.length === 0) return null;
  return (
    <section class="drafts" aria-labelledby="drafts-title">
      <h2 id="drafts-title">Replies waiting for approval ({drafts.length})</h2>
      <ul>
        {drafts.map((d) => (
          <DraftItem key={d.id} client={client} draft={d} onDecided={onDecided} />
        ))}
      </ul>
    </section>
  );
}

function DraftItem({ client, draft, onDecided }: { client: ApiClient; draft: DraftView; onDecided: (message: string) => void }) {
  const [text, setText] = useState(draft.text);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const edited = text.trim() !== draft.text.trim();
  const field = `draft-${draft.id}`;

  async function send() {
    setBusy(true);
    setError('');
    try {
      await client.post(`/drafts/${encodeURIComponent(draft.id)}/approve`, edited ? { text } : {});
      onDecided(edited ? 'Edited reply sent.' : 'Reply approved and sent.');
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <li class="card draft" data-draft={draft.id}>
      <h3>
        {CLASS_LABEL[draft.answerClass]} <span class="kit-muted">· {draft.locale} · held at {at(draft.createdAt)}, becomes a ticket at {at(draft.expiresAt)}</span>
      </h3>
      <p class="question">
        <span class="who">Shopper:</span> {draft.question}
      </p>
      {draft.attachments.length > 0 && <p class="kit-muted">Shown with it: {draft.attachments.map((a) => a.replace('data-', '')).join(', ')}</p>}
      <label for={field}>Reply the assistant wrote (edit it, or send it as it is)</label>
      <textarea id={field} rows={4} value={text} disabled={busy} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <div class="row">
        <button type="button" disabled={busy || !text.trim()} onClick={send}>
          {edited ? 'Send edited reply' : 'Approve and send'}
        </button>
        {edited && (
          <button type="button" class="kit-secondary" disabled={busy} onClick={() => setText(draft.text)}>
            Undo my edits
          </button>
        )}
      </div>
      {error && (
        <p role="alert" class="kit-error">
          {error}
        </p>
      )}
    </li>
  );
}
