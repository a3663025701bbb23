import type { Identity } from '../../shared/identity';
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
  };
}
