import type { HandoffPart } from '../../../shared/chat';
import type { Strings } from '../lib/i18n';
import { PersonIcon } from './Icons';

export function HandoffCard({ handoff, s }: { handoff: HandoffPart; s: Strings }) {
  return (
    <section class="aisle-card aisle-handoff" aria-label={s.handoffTitle}>
      <header class="aisle-card-head">
        <span class="aisle-handoff-icon">
          <PersonIcon />
        </span>
        <h3 class="aisle-card-title">{s.handoffTitle}</h3>
      </header>
      <dl class="aisle-facts">
        <div>
          <dt>{s.reference}</dt>
          <dd class="aisle-mono">{handoff.ticketId}</dd>
        </div>
        <div>
          <dt>{s.nextSteps}</dt>
          <dd>{handoff.nextSteps}</dd>
        </div>
        <div>
          <dt>{s.expectedReply}</dt>
          <dd>{handoff.expectedReply}</dd>
        </div>
      </dl>
    </section>
  );
}
