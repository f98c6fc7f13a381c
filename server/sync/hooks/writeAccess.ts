/**
 * Who may write: read-only roles (observers) never change a document — their updates are dropped
 * silently; on a board the moderation has locked, only moderators write, and a participant whose
 * edit hit the lock is closed with 4423 so their client reloads instead of diverging. A parallel
 * table's copy of a board is written by the table's members and moderators only (others read it;
 * an edit closes with 4423 likewise).
 */
import { CloseCode } from '../../../shared/closeCodes';
import { parseDocName } from '../../../shared/docs';
import { canEdit } from '../../../shared/domain';
import type { SyncHook } from '../pipeline';

/** Who sits at which table (server/realtime/tables.ts `TableSeats`). */
export interface TableAccess {
  ensure(sessionId: string): Promise<void>;
  mayWrite(sessionId: string, tableId: string, participantId: string): boolean;
}

export function writeAccess(options: { isLocked?: (docName: string) => boolean; tables?: TableAccess }): SyncHook {
  return {
    name: 'writeAccess',
    checkUpdate(_doc, peer) {
      if (!canEdit(peer.role)) return { reason: 'read-only role' };
      if (peer.role === 'moderator') return undefined;
      if (options.isLocked?.(peer.docName) ?? false) return { close: CloseCode.documentLocked, reason: 'board locked' };
      const table = parseDocName(peer.docName)?.table;
      if (table !== undefined && !(options.tables?.mayWrite(peer.sessionId, table, peer.participantId) ?? false)) {
        return { close: CloseCode.documentLocked, reason: 'not at this table' };
      }
      return undefined;
    },
  };
}

/**
 * Runs before authentication and answers nothing: it only makes sure the session's tables are in
 * memory before anybody can send an update to a table's copy.
 */
export function loadTables(tables: TableAccess): SyncHook {
  return {
    name: 'loadTables',
    async authenticate({ doc }) {
      if (doc.table !== undefined) await tables.ensure(doc.sessionId);
      return undefined;
    },
  };
}
