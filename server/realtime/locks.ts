/**
 * Board locks: a locked document is read-only for everyone but moderators. The Yjs endpoint asks
 * `isLocked` for every update, so the answer comes from memory; every change is stored first, so
 * locks survive a restart (`load` reads them back at start-up).
 */
import { DOC_KINDS, docName, type DocKind } from '../../shared/docs';
import type { ModerationStore } from '../store/types';

export class BoardLocks {
  private readonly locked = new Set<string>();

  private constructor(private readonly store: ModerationStore) {}

  static async load(store: ModerationStore): Promise<BoardLocks> {
    const locks = new BoardLocks(store);
    for (const { sessionId, board } of await store.listLocks()) locks.locked.add(docName(sessionId, board));
    return locks;
  }

  /** For the SyncServer: synchronous, from memory. Private documents are never locked. */
  isLocked(name: string): boolean {
    return this.locked.has(name);
  }

  /** The session's locked documents, in DOC_KINDS order. */
  lockedKinds(sessionId: string): DocKind[] {
    return DOC_KINDS.filter((kind) => this.locked.has(docName(sessionId, kind)));
  }

  /** Stores the change, then applies it. Returns whether anything changed. */
  async set(sessionId: string, kind: DocKind, locked: boolean): Promise<boolean> {
    const name = docName(sessionId, kind);
    if (this.locked.has(name) === locked) return false;
    await this.store.setLock(sessionId, kind, locked);
    if (locked) this.locked.add(name);
    else this.locked.delete(name);
    return true;
  }
}
