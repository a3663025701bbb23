import { useEffect, useState } from 'preact/hooks';
import { WidgetPreview } from '../components/Preview';
import { problemText, useConsole, useLoad } from '../context';
import type { ShopView } from '../types';
import type { AnswerClass, AnswerMode } from '../../../shared/shop';

interface Form {
  color: string;
  position: 'right' | 'left';
  greeting: string;
  locale: string;
  timeZone: string;
  hours: string;
  expectedReply: string;
  messagesPerDay: string;
  tokensPerDay: string;
  retentionDays: string;
  modelName: string;
  maxOutputTokens: string;
  assisted: Record<AnswerClass, AnswerMode>;
  assistedTimeout: string;
  accountClosing: boolean;
}

const CLASSES: { id: AnswerClass; label: string }[] = [
  { id: 'product', label: 'Product answers' },
  { id: 'policy', label: 'Policy answers' },
  { id: 'order', label: 'Order answers' },
  { id: 'other', label: 'Other answers' },
];

const DEFAULT_COLOR = '#1f5f4a';
const ALL_AUTONOMOUS: Record<AnswerClass, AnswerMode> = { product: 'autonomous', policy: 'autonomous', order: 'autonomous', other: 'autonomous' };

function toForm(shop: ShopView): Form {
  const s = shop.settings;
  return {
    color: s.widget.color ?? DEFAULT_COLOR,
    position: s.widget.position ?? 'right',
    greeting: s.widget.greeting ?? '',
    locale: s.widget.locale ?? '',
    timeZone: s.support.timeZone,
    hours: s.support.hours ?? '',
    expectedReply: s.support.expectedReply,
    messagesPerDay: s.budgets.messagesPerDay?.toString() ?? '',
    tokensPerDay: s.budgets.tokensPerDay?.toString() ?? '',
    retentionDays: String(s.retentionDays),
    modelName: s.model.name ?? '',
    maxOutputTokens: s.model.maxOutputTokens?.toString() ?? '',
    assisted: { ...ALL_AUTONOMOUS, ...s.assisted },
    assistedTimeout: String(s.assistedTimeout ?? 15),
    accountClosing: s.routeToPerson?.accountClosing ?? false,
  };
}

const text = (v: string) => (v.trim() ? v.trim() : undefined);
const whole = (v: string) => (v.trim() ? Number(v) : undefined);

/** The settings groups the form edits; each group sent replaces the stored one (PATCH /). */
function toPatch(f: Form) {
  return {
    settings: {
      widget: { color: f.color, position: f.position, greeting: text(f.greeting), locale: text(f.locale) },
      support: { timeZone: f.timeZone.trim() || 'UTC', hours: text(f.hours), expectedReply: f.expectedReply.trim() || 'within one business day' },
      budgets: { messagesPerDay: whole(f.messagesPerDay), tokensPerDay: whole(f.tokensPerDay) },
      model: { name: text(f.modelName), maxOutputTokens: whole(f.maxOutputTokens) },
      retentionDays: Number(f.retentionDays),
      assisted: f.assisted,
      assistedTimeout: Number(f.assistedTimeout),
      routeToPerson: { accountClosing: f.accountClosing },
    },
  };
}

function Field(props: { id: Exclude<keyof Form, 'assisted' | 'accountClosing'>; label: string; hint?: string; form: Form; set: (k: Exclude<keyof Form, 'assisted' | 'accountClosing'>, v: string) => void; type?: string; min?: number; max?: number; placeholder?: string }) {
  const { id, label, hint, form, set, ...rest } = props;
  return (
    <div class="con-field">
      <label for={`set-${id}`}>{label}</label>
      <input id={`set-${id}`} value={form[id]} onInput={(e) => set(id, (e.target as HTMLInputElement).value)} aria-describedby={hint ? `set-${id}-hint` : undefined} {...rest} />
      {hint && (
        <small id={`set-${id}-hint`} class="kit-muted">
          {hint}
        </small>
      )}
    </div>
  );
}

export function SettingsPage() {
  const ctx = useConsole();
  const { data, error } = useLoad<{ shop: ShopView }>('');
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState<string>('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [issues, setIssues] = useState<string[]>([]);
  useEffect(() => {
    if (data && !form) setForm(toForm(data.shop));
  }, [data]);

  if (error) return <p class="kit-error" role="alert">{error}</p>;
  if (!form || !data) return <p class="kit-muted">Loading…</p>;
  const setMode = (k: AnswerClass, v: AnswerMode) => {
    setSaved('');
    setForm({ ...form, assisted: { ...form.assisted, [k]: v } });
  };
  const set = (k: Exclude<keyof Form, 'assisted' | 'accountClosing'>, v: string) => {
    setSaved('');
    setForm({ ...form, [k]: v });
  };
  const colorValid = /^#[0-9a-fA-F]{6}$/.test(form.color);

  async function save(e: Event) {
    e.preventDefault();
    setSaveError(null);
    setIssues([]);
    try {
      const { shop } = await ctx.client.patch<{ shop: ShopView }>('', toPatch(form!));
      setForm(toForm(shop));
      setSaved('Saved. The widget reads its look from the tag: copy the snippet again from Set-up.');
    } catch (err) {
      setSaveError(problemText(err, ctx));
      const list = (err as { problem?: { issues?: { path?: unknown[]; message?: string }[] } }).problem?.issues ?? [];
      setIssues(list.map((i) => `${(i.path ?? []).join('.')}: ${i.message ?? ''}`));
    }
  }

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" tabIndex={-1}>
        Settings
      </h2>
      <div class="con-settings">
        <form onSubmit={save} class="con-form" noValidate>
          <fieldset>
            <legend>Widget look</legend>
            <div class="con-field">
              <label for="set-color">Colour</label>
              <div class="con-inline">
                <input id="set-color" type="color" value={colorValid ? form.color : DEFAULT_COLOR} onInput={(e) => set('color', (e.target as HTMLInputElement).value)} />
                <input id="set-color-hex" aria-label="Colour as hex" value={form.color} onInput={(e) => set('color', (e.target as HTMLInputElement).value)} maxLength={7} />
              </div>
              {!colorValid && <small class="kit-error">A colour like #1f5f4a.</small>}
            </div>
            <div class="con-field">
              <label for="set-position">Position</label>
              <select id="set-position" value={form.position} onChange={(e) => set('position', (e.target as HTMLSelectElement).value)}>
                <option value="right">Bottom right</option>
                <option value="left">Bottom left</option>
              </select>
            </div>
            <Field id="greeting" label="Greeting" form={form} set={set} placeholder="Hi! Ask me about products, delivery or your order." />
            <Field id="locale" label="Language" hint="en, es, fr or de; empty follows the shopper's browser." form={form} set={set} />
          </fieldset>
          <fieldset>
            <legend>Support</legend>
            <Field id="timeZone" label="Time zone" hint="Metrics count days in this zone, e.g. Europe/Berlin." form={form} set={set} />
            <Field id="hours" label="Hours" placeholder="Mon-Fri 09:00-17:00" form={form} set={set} />
            <Field id="expectedReply" label="Expected reply after a handoff" form={form} set={set} />
          </fieldset>
          <fieldset>
            <legend>Budgets and retention</legend>
            <Field id="messagesPerDay" label="Messages per day" type="number" min={1} hint="Empty: no daily cap." form={form} set={set} />
            <Field id="tokensPerDay" label="Model tokens per day" type="number" min={1} hint="Test question runs count against it too." form={form} set={set} />
            <Field id="retentionDays" label="Keep conversations (days)" type="number" min={1} max={3650} form={form} set={set} />
          </fieldset>
          <fieldset>
            <legend>Assisted mode</legend>
            <p class="kit-muted" id="set-assisted-hint">
              Assisted: the assistant writes and checks the reply, then a person approves or edits it in the agent workspace before the shopper gets it. Handoffs are never held.
            </p>
            {CLASSES.map((c) => (
              <div class="con-field" key={c.id}>
                <label for={`set-assisted-${c.id}`}>{c.label}</label>
                <select id={`set-assisted-${c.id}`} value={form.assisted[c.id]} aria-describedby="set-assisted-hint" onChange={(e) => setMode(c.id, (e.target as HTMLSelectElement).value as AnswerMode)}>
                  <option value="autonomous">Autonomous: sent at once</option>
                  <option value="assisted">Assisted: a person approves first</option>
                </select>
              </div>
            ))}
            <Field
              id="assistedTimeout"
              label="Approval time (minutes)"
              type="number"
              min={1}
              max={1440}
              hint="Not approved by then: the reply becomes a handoff ticket with the draft on it, and the shopper is told."
              form={form}
              set={set}
            />
          </fieldset>
          <fieldset>
            <legend>Sent to a person</legend>
            <div class="con-field">
              <label>
                <input
                  id="set-accountClosing"
                  type="checkbox"
                  checked={form.accountClosing}
                  aria-describedby="set-accountClosing-hint"
                  onChange={(e) => {
                    setSaved('');
                    setForm({ ...form, accountClosing: (e.target as HTMLInputElement).checked });
                  }}
                />{' '}
                Requests to close or delete an account
              </label>
              <small id="set-accountClosing-hint" class="kit-muted">
                Checked: they open a ticket for your team. Unchecked: the assistant answers from your policies. Money and delivery requests always go to a person.
              </small>
            </div>
          </fieldset>
          <fieldset>
            <legend>Model</legend>
            <Field id="modelName" label="Model name" hint="Used when the Worker has a model API key; without one the offline engine answers." form={form} set={set} />
            <Field id="maxOutputTokens" label="Max output tokens per reply" type="number" min={64} max={4000} form={form} set={set} />
          </fieldset>
          <button type="submit" disabled={!colorValid}>
            Save settings
          </button>
          <p role="status" class="con-status">
            {saved}
          </p>
          {saveError && (
            <div class="kit-error" role="alert">
              <p>{saveError}</p>
              {issues.length > 0 && (
                <ul>
                  {issues.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </form>
        <div class="con-preview-wrap">
          <h3>Live preview</h3>
          <p class="kit-muted">The real widget with your unsaved look. It sends nothing: replies here are a placeholder.</p>
          <WidgetPreview
            shop={data.shop.id}
            title={data.shop.name}
            look={{ color: colorValid ? form.color : undefined, position: form.position, greeting: text(form.greeting), locale: text(form.locale) }}
          />
        </div>
      </div>
    </section>
  );
}
