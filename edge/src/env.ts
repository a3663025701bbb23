import type { Identity } from '../../shared/identity';
import type { ShopRecord } from './shops/store';

/** Hono generics for the whole app: bindings from `wrangler types`, typed context variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    shop: ShopRecord;
    /** Set only by the customer-token middleware, from a verified token. */
    identity: Identity;
  };
}
