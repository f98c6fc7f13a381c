/**
 * Which documents hold local changes the server has not confirmed, per device. The count lives in
 * localStorage next to the IndexedDB copy, so it survives a reload (offline, the page comes back
 * with the same number of unsent changes) and the room can send a board's changes even while
 * that board is not on screen (see UnsentDocs.tsx).
 *
 * Also tracks which documents the page currently shows (opened by useSyncedDoc in the foreground),
 * so a document is never opened twice.
 */

const PREFIX = 'werkraum.unsent.';

const listeners = new Set<() => void>();
/** Open foreground documents: name → number of hooks holding it. */
const foreground = new Map<string, number>();
let version = 0;

function notify(): void {
  version++;
  for (const l of listeners) l();
}

export function subscribeUnsent(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes with every write or open/close: a snapshot key for useSyncExternalStore. */
export function unsentVersion(): number {
  return version;
}

export function readUnsent(docName: string): number {
  try {
    const n = Number(localStorage.getItem(PREFIX + docName));
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  } catch {
    return 0;
  }
}

export function writeUnsent(docName: string, count: number): void {
  const before = readUnsent(docName);
  try {
    if (count > 0) localStorage.setItem(PREFIX + docName, String(count));
    else localStorage.removeItem(PREFIX + docName);
  } catch {
    // Without storage the count is kept in memory only (see useSyncedDoc).
  }
  // Listeners only care whether a document has unsent changes at all.
  if (before > 0 !== count > 0) notify();
}

export function forgetUnsent(docNames: readonly string[]): void {
  for (const name of docNames) writeUnsent(name, 0);
}

export function markForeground(docName: string): () => void {
  foreground.set(docName, (foreground.get(docName) ?? 0) + 1);
  notify();
  return () => {
    const n = (foreground.get(docName) ?? 1) - 1;
    if (n > 0) foreground.set(docName, n);
    else foreground.delete(docName);
    notify();
  };
}

export function isForeground(docName: string): boolean {
  return foreground.has(docName);
}
