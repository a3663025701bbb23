import type { Identity } from '../../shared/identity';
import type { TurnDeps } from './chat/pipeline';
import type { PersonSession } from './sessions';
import type { ShopRecord } from './shops/store';

/** Hono generics for the whole app: bindings from `wrangler types`, typed context variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    shop: ShopRecord;
    /** Set only by the customer-token middleware, from a verified token. */
    identity: Identity;
    /** Set only by `requireSession` (edge/src/sessions): a signed-in agent or merchant. */
    session: PersonSession;
    /** What a chat turn is given (the engine choice): set once per app by `createApp`. */
    turnDeps: TurnDeps;
  };
}
