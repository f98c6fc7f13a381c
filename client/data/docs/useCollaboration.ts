/**
 * The notes document of a session room (see syncedDoc.ts for how a document is opened). Its
 * provider also carries the room's presence.
 */
import { useEffect } from 'react';
import type { JoinResponse } from '../../../shared/api';
import { testBoards } from '../../lib/testHook';
import { useSyncedDoc, type ConnectionInfo, type SyncedDoc } from './syncedDoc';

export { localCacheName, type ConnectionInfo, type ConnectionStatus } from './syncedDoc';

export type Collaboration = SyncedDoc;

export function useCollaboration(join: JoinResponse | undefined): {
  collab: Collaboration | undefined;
  connection: ConnectionInfo;
} {
  const { synced, connection } = useSyncedDoc(join?.docs.notes, join?.token);

  useEffect(() => {
    if (!synced) return;
    window.__werkraum = { doc: synced.doc, provider: synced.provider, boards: testBoards };
    return () => {
      if (window.__werkraum?.doc === synced.doc) delete window.__werkraum;
    };
  }, [synced]);

  return { collab: synced, connection };
}
