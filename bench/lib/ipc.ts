/** Messages between the orchestrator (run.ts) and its helper processes (loadgen.ts, durable.ts). */
import type { ClientTarget } from './clients';
import type { HistogramData } from './histogram';
import type { PhaseWindow } from './recorder';

export interface LoadgenConfig {
  target: ClientTarget;
  /** URL parameters per client index (Werkraum: each client's own token), or none. */
  params: Record<string, string>[] | null;
  items: number;
  /** Highest client count of the run: item ownership is derived from it. */
  maxClients: number;
  editFraction: number;
  editPeriodMs: number;
  presencePeriodMs: number;
}

export type ToLoadgen =
  | { type: 'init'; config: LoadgenConfig }
  /**
   * Opens the clients i in [from, to) with i % stride === offset (each generator process holds
   * every stride-th client) in batches that join at once; answers when all have the full doc.
   */
  | { type: 'connect'; from: number; to: number; stride: number; offset: number; batch: number; timeoutMs: number }
  /** `totalEditsInWindow`: edits due in the window over all processes (for the expected count). */
  | { type: 'phase'; window: PhaseWindow; t0: number; drainMs: number; totalEditsInWindow: number }
  | { type: 'close' };

export interface ConnectResult {
  from: number;
  to: number;
  /** Clients this result covers. */
  clients: number;
  /** Epoch ms when the first batch was opened. */
  startedAt: number;
  /** Epoch ms at which each client had the complete document (null: not within the timeout). */
  completeAt: (number | null)[];
  /** Clients whose provider reported "synced" before the document was complete. */
  syncedIncomplete: number;
}

export interface LoadgenPhaseResult {
  id: number;
  clients: number;
  editors: number;
  /** Edits due inside the measurement window (all editors together). */
  editsInWindow: number;
  /** In-window edits × receivers (all load clients but the editor); filled in by the orchestrator. */
  expected: number;
  received: number;
  /** Edits due in the window that were sent (an overloaded generator may still be catching up). */
  sent: number;
  dueToApply: HistogramData;
  sentToApply: HistogramData;
  /** How late the generator made each edit relative to its due time. */
  sendLag: HistogramData;
  /** Event-loop delay of the generator process during the window (ms; the worst process). */
  lag: { p50: number; p99: number; max: number };
  disconnected: number;
  closeCodes: Record<string, number>;
}

export type FromLoadgen =
  | { type: 'ready' }
  | { type: 'connected'; result: ConnectResult }
  | { type: 'phaseDone'; result: LoadgenPhaseResult }
  | { type: 'error'; message: string };

export type ToDurable =
  | { type: 'init'; dbFile: string; docName: string; pollMs: number }
  | { type: 'phase'; window: PhaseWindow }
  | { type: 'collect' }
  | { type: 'close' };

export type FromDurable =
  | { type: 'ready' }
  | { type: 'collected'; id: number; dueToDurable: HistogramData; sentToDurable: HistogramData; rows: number; stateRows: number }
  | { type: 'error'; message: string };
