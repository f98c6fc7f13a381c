import type { Config } from '../config';
import type { DecisionService } from '../decisions/service';
import type { ExportJobs } from '../decisions/exports/jobs';
import type { Store } from '../store/types';
import type { AttemptLimiter } from './rateLimit';

/** What every route module of the API gets. */
export interface ApiContext {
  store: Store;
  config: Config;
  limiters: { login: AttemptLimiter; setup: AttemptLimiter; join: AttemptLimiter };
  /** Decision drafts (assembly, versions, workflow). */
  decisions: DecisionService;
  /** Export jobs rendered in a worker thread. */
  exports: ExportJobs;
}
