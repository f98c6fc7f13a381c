/**
 * Who may write: read-only roles (observers) never change a document — their updates are dropped
 * silently; on a board the moderation has locked, only moderators write, and a participant whose
 * edit hit the lock is closed with 4423 so their client reloads instead of diverging.
 */
import { CloseCode } from '../../../shared/closeCodes';
import { canEdit } from '../../../shared/domain';
import type { SyncHook } from '../pipeline';

export function writeAccess(options: { isLocked?: (docName: string) => boolean }): SyncHook {
  return {
    name: 'writeAccess',
    checkUpdate(_doc, peer) {
      if (!canEdit(peer.role)) return { reason: 'read-only role' };
      if (peer.role !== 'moderator' && (options.isLocked?.(peer.docName) ?? false)) return { close: CloseCode.documentLocked, reason: 'board locked' };
      return undefined;
    },
  };
}
