import type { HandoffPart } from '../../../shared/chat';
import type { Strings } from '../lib/i18n';
import { referenceOf } from '../state/chat';
import { PersonIcon } from './Icons';

export function HandoffCard({ handoff, s }: { handoff: HandoffPart; s: Strings }) {
  const reference = referenceOf(handoff);
  const order = handoff.order;
  // The server's next-steps text opens by quoting the reference, which the card shows already.
  const how = (handoff.nextSteps.match(/[^.!?]+[.!?]*/g) ?? [])
    .filter((sentence) => !sentence.includes(reference) && !sentence.includes(handoff.ticketId))
    .join('')
    .trim();
  return (
    <section class="aisle-card aisle-handoff" aria-label={s.handoffTitle}>
      <div class="aisle-card-head">
        <span class="aisle-handoff-icon">
          <PersonIcon />
        </span>
        <h3 class="aisle-card-title">{s.handoffTitle}</h3>
      </div>
      <dl class="aisle-facts">
        <div>
          <dt>{s.reference}</dt>
          <dd class="aisle-ref">{reference}</dd>
        </div>
        {order ? (
          <div>
            <dt>{s.concerns}</dt>
            <dd>{order}</dd>
          </div>
        ) : null}
        {how ? (
          <div>
            <dt>{s.howReply}</dt>
            <dd>{how}</dd>
          </div>
        ) : null}
        <div>
          <dt>{s.expectedReply}</dt>
          <dd>{handoff.expectedReply}</dd>
        </div>
      </dl>
    </section>
  );
}
