import type { Config } from '../config';
import type { DecisionService } from '../decisions/service';
import type { ExportJobs } from '../decisions/exports/jobs';
import type { OparlCatalog } from '../decisions/oparlCatalog';
import type { SessionRecord, Store } from '../store/types';
import type { AttemptLimiter } from './rateLimit';

/**
 * What the API asks of the live side (the Yjs endpoint and socket.io) when a session changes
 * under people who are in it.
 */
export interface LiveSessions {
  /** Renamed, archived or restored: tell the room; after archiving or restoring, reconnect it with its new access. */
  updated(session: SessionRecord, accessChanged: boolean): Promise<void>;
  /** Before the stored rows go: close every connection, drop documents and course from memory. */
  discard(sessionId: string): Promise<void>;
  /** A document's whole stored state (loaded as a connection would load it), as one Yjs update. */
  readState(docName: string): Promise<Uint8Array>;
}

/** What every route module of the API gets. */
export interface ApiContext {
  store: Store;
  config: Config;
  limiters: { login: AttemptLimiter; setup: AttemptLimiter; join: AttemptLimiter };
  /** Decision drafts (assembly, versions, workflow). */
  decisions: DecisionService;
  /** Export jobs rendered in a worker thread. */
  exports: ExportJobs;
  /** What the public OParl endpoint publishes, with the stored PDF of each version. */
  oparl: OparlCatalog;
  live: () => LiveSessions;
}
