/**
 * Vote timers: one `setTimeout` per open round with a closing time. The closing time lives in
 * the round's stored definition, so a restarted server re-arms every timer (`restore`) and closes
 * rounds whose time ran out while it was down.
 */
import type { VoteStore } from '../store/types';

/** setTimeout's limit (about 24.8 days); longer waits are re-armed in steps. */
const MAX_DELAY = 2 ** 31 - 1;

export class VoteTimers {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Called once when a round's time is up (the caller closes it in the session's queue). */
  onDue: (sessionId: string, roundId: string) => void = () => undefined;

  constructor(private readonly store: VoteStore) {}

  async restore(): Promise<void> {
    for (const r of await this.store.roundsWithTimer()) this.arm(r.sessionId, r.roundId, r.closesAt);
  }

  arm(sessionId: string, roundId: string, closesAt: number): void {
    this.disarm(roundId);
    const delay = Math.max(0, closesAt - Date.now());
    const t = setTimeout(
      () => {
        this.timers.delete(roundId);
        if (Date.now() + 5 < closesAt) this.arm(sessionId, roundId, closesAt);
        else this.onDue(sessionId, roundId);
      },
      Math.min(delay, MAX_DELAY),
    );
    t.unref?.();
    this.timers.set(roundId, t);
  }

  disarm(roundId: string): void {
    const t = this.timers.get(roundId);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(roundId);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
