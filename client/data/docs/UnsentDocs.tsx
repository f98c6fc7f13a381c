/**
 * Sends changes this device made to documents that are not on screen: a board edited offline and
 * then left for the notes, or edited before a reload. Each such document is opened without UI
 * until the server has it all, and meanwhile counts towards the room's connection indicator.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ReportConnection } from './connections';
import { useSyncedDoc } from './syncedDoc';
import { isForeground, readUnsent, subscribeUnsent, unsentVersion } from './unsent';

export function UnsentDocs({ docNames, token, report }: { docNames: readonly string[]; token: string; report: ReportConnection }) {
  // Re-render whenever a document gains or loses unsent changes or is opened or closed on screen.
  useSyncExternalStore(subscribeUnsent, unsentVersion);
  const waiting = docNames.filter((name) => !isForeground(name) && readUnsent(name) > 0);
  return (
    <>
      {waiting.map((name) => (
        <UnsentDoc key={name} docName={name} token={token} report={report} />
      ))}
    </>
  );
}

function UnsentDoc({ docName, token, report }: { docName: string; token: string; report: ReportConnection }) {
  const { connection } = useSyncedDoc(docName, token, { background: true });
  const key = `unsent:${docName}`;
  useEffect(() => {
    report(key, connection);
  }, [key, connection, report]);
  useEffect(() => () => report(key, undefined), [key, report]);
  return null;
}
