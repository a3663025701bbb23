import { Component } from 'preact';
import type { CsatPart } from '../../../shared/chat';
import { lazyHost } from './Lazy';

// The CSAT form's few words live in its lazy chunk, not in the first-open strings.
const T: Record<string, [string, string, string, string]> = {
  en: ['Comment (optional)', 'Send rating', 'Thank you for your rating.', '{n} of 5'],
  es: ['Comentario (opcional)', 'Enviar valoración', 'Gracias por tu valoración.', '{n} de 5'],
  fr: ['Commentaire (facultatif)', 'Envoyer la note', 'Merci pour votre note.', '{n} sur 5'],
  de: ['Kommentar (optional)', 'Bewertung senden', 'Danke für Ihre Bewertung.', '{n} von 5'],
  it: ['Commento (facoltativo)', 'Invia valutazione', 'Grazie per la tua valutazione.', '{n} su 5'],
  pt: ['Comentário (opcional)', 'Enviar avaliação', 'Obrigado pela sua avaliação.', '{n} de 5'],
};

interface Props {
  part: CsatPart;
}

/**
 * Asks the shopper for 1 to 5 and an optional comment after a resolved request; one answer per
 * ticket. A class component: hooks would pull preact/hooks into the first-open panel chunk.
 */
export class Csat extends Component<Props, { rating: number; comment: string; done: boolean; busy: boolean }> {
  override state = { rating: this.props.part.rating ?? 0, comment: '', done: Boolean(this.props.part.rating), busy: false };

  private submit = (e: Event) => {
    e.preventDefault();
    const { rating, comment } = this.state;
    if (!rating) return;
    this.setState({ busy: true });
    const { model, ctx } = lazyHost();
    const conv = ctx.conversation;
    const body = { requestId: this.props.part.requestId, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    model['authedFetch'](`/conversations/${encodeURIComponent(conv.get() ?? '')}/csat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-aisle-conversation-secret': conv.secret() ?? '' },
        body: JSON.stringify(body),
      })
      .then(
      () => this.setState({ done: true }),
      (err: { status?: number }) => this.setState(err?.status === 409 ? { done: true } : { busy: false }),
    );
  };

  override render() {
    const { part } = this.props;
    const locale = lazyHost().ctx.locale;
    const { rating, comment, done, busy } = this.state;
    const t = T[locale.slice(0, 2)] ?? T.en;
    if (done) return <p class="aisle-csat-done" role="status">{t[2]}</p>;
    return (
      <form class="aisle-csat" onSubmit={this.submit}>
        <fieldset>
          <legend>{part.question}</legend>
          <div class="aisle-csat-stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name={`csat-${part.requestId}`} value={n} checked={rating === n} onChange={() => this.setState({ rating: n })} />
                <span aria-hidden="true">{n}</span>
                <span class="aisle-sr">{t[3].replace('{n}', String(n))}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label class="aisle-csat-comment">
          {t[0]}
          <textarea rows={2} maxLength={1000} value={comment} onInput={(e) => this.setState({ comment: (e.target as HTMLTextAreaElement).value })} />
        </label>
        <button type="submit" class="aisle-csat-send" disabled={!rating || busy}>
          {t[1]}
        </button>
      </form>
    );
  }
}
