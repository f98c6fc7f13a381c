import type { Config } from '../config';
import type { Store } from '../store/types';
import type { AttemptLimiter } from './rateLimit';

/** What every route module of the API gets. */
export interface ApiContext {
  store: Store;
  config: Config;
  limiters: { login: AttemptLimiter; setup: AttemptLimiter; join: AttemptLimiter };
}
