/**
 * What a receiving client measures: for every remote edit of the current phase whose due time
 * lies in the measurement window, the delay from its due time (and from its actual send time)
 * until it was applied to this client's document.
 */
import * as Y from 'yjs';
import { Histogram } from './histogram';
import { BOARD, markerOf, now } from './workload';

export interface PhaseWindow {
  id: number;
  /** Start and end of the measurement window (epoch ms); edits due outside it are not counted. */
  from: number;
  to: number;
}

/** Shared by all clients of one process: the current window and what they received in it. */
export class Recorder {
  window: PhaseWindow | null = null;
  /** Due time → applied at the receiver. */
  dueToApply = new Histogram();
  /** Send time → applied (excludes the sender's scheduling delay). */
  sentToApply = new Histogram();
  received = 0;

  start(window: PhaseWindow): void {
    this.window = window;
    this.dueToApply = new Histogram();
    this.sentToApply = new Histogram();
    this.received = 0;
  }

  /** Watches a client's board; `self` is the client's own index (its own edits are skipped). */
  watch(doc: Y.Doc, self: number): void {
    const board = doc.getMap(BOARD);
    board.observeDeep((events) => {
      const w = this.window;
      if (!w) return;
      const t = now();
      for (const event of events) {
        if (event.transaction.local || !(event instanceof Y.YMapEvent) || event.target.parent !== board || !event.keysChanged.has('evidence')) continue;
        const v = markerOf((event.target as Y.Map<unknown>).get('evidence'));
        if (!v || v.p !== w.id || v.c === self || v.d < w.from || v.d >= w.to) continue;
        this.dueToApply.add(t - v.d);
        this.sentToApply.add(t - v.s);
        this.received++;
      }
    });
  }
}
