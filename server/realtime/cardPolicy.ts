/**
 * The moderation's setting "Nur Autorinnen/Autoren und Moderation dürfen Karten löschen", per
 * session. It is stored with the session's course (`StoredCourse.authorsOnlyDelete`); the Yjs
 * endpoint asks it for every update (the document rules refuse deleting someone else's card
 * while it is on), so the answer comes from memory: a session's setting is read from the store
 * when one of its documents is loaded (`ensure`), and the moderation command updates it after
 * storing.
 */
import type { ModerationStore } from '../store/types';

export class CardPolicy {
  private readonly known = new Map<string, boolean>();

  constructor(private readonly store: ModerationStore) {}

  /** Reads a session's setting into memory, unless it is there already. */
  async ensure(sessionId: string): Promise<void> {
    if (this.known.has(sessionId)) return;
    const course = await this.store.loadCourse(sessionId);
    // A change made while the store was read is newer than what it returned.
    if (!this.known.has(sessionId)) this.known.set(sessionId, course?.authorsOnlyDelete === true);
  }

  /** Synchronous, from memory: false for a session not read yet. */
  authorsOnlyDelete(sessionId: string): boolean {
    return this.known.get(sessionId) ?? false;
  }

  /** After the course with the new setting is stored. */
  set(sessionId: string, on: boolean): void {
    this.known.set(sessionId, on);
  }
}
