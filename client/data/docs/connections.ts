/**
 * The room's one connection indicator is fed by every document open on the page: the notes and
 * the board directly, documents opened deep inside (the decisions, private drafts, unsent boards)
 * through this context.
 */
import { createContext, useContext, useEffect } from 'react';
import type { ConnectionInfo } from './syncedDoc';

export type ReportConnection = (key: string, info: ConnectionInfo | undefined) => void;

/** Lets documents opened deep inside the room (e.g. private drafts) feed the room's indicator. */
export const ReportConnectionContext = createContext<ReportConnection>(() => {});

/** Reports a document's connection under `key` while the calling component is mounted. */
export function useReportConnection(key: string, info: ConnectionInfo | undefined): void {
  const report = useContext(ReportConnectionContext);
  useEffect(() => {
    report(key, info);
  }, [key, info, report]);
  useEffect(() => () => report(key, undefined), [key, report]);
}
