import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A snapshot of one or two Y.Docs, read again after every change (local or remote). The schema's
 * readers return immutable snapshots, so a new snapshot simply means a re-render. The action plan
 * passes the goal tree's document as `other`: it reads both.
 */
export function useDocSnapshot<T>(read: () => T, doc: Y.Doc | undefined, other?: Y.Doc): T {
  const readRef = useRef(read);
  readRef.current = read;
  const [snapshot, setSnapshot] = useState(read);
  useEffect(() => {
    const update = () => setSnapshot(readRef.current());
    update();
    doc?.on('update', update);
    other?.on('update', update);
    return () => {
      doc?.off('update', update);
      other?.off('update', update);
    };
  }, [doc, other]);
  return snapshot;
}
