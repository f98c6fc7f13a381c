/**
 * The load generator processes: clients are spread over `procs` processes (client i lives in
 * process i % procs), so the generator can use more than one core. They run niced, so that
 * the server under test is not starved by its own load.
 */
import { Helper } from './child';
import { Histogram } from './histogram';
import type { ConnectResult, FromLoadgen, LoadgenConfig, LoadgenPhaseResult, ToLoadgen } from './ipc';
import type { PhaseWindow } from './recorder';
import { editsDueIn, isEditor, offsetMs } from './workload';

export class Generators {
  private readonly procs: Helper<ToLoadgen, FromLoadgen>[];

  constructor(count: number, nice: number) {
    this.procs = Array.from(
      { length: count },
      () =>
        new Helper<ToLoadgen, FromLoadgen>('nice', ['-n', String(nice), process.execPath, '--max-old-space-size=16384', '--import', 'tsx', 'bench/loadgen.ts']),
    );
  }

  get pids(): number[] {
    return this.procs.map((p) => p.pid);
  }

  async ready(): Promise<void> {
    await Promise.all(this.procs.map((p) => p.next('ready', 60_000)));
  }

  async init(config: LoadgenConfig): Promise<void> {
    await Promise.all(this.procs.map((p) => p.request({ type: 'init', config }, 'ready')));
  }

  /** Opens clients [from, to); `batch` clients (over all processes) join at once. */
  async connect(from: number, to: number, batch: number, timeoutMs: number): Promise<ConnectResult> {
    const k = this.procs.length;
    const results = await Promise.all(
      this.procs.map((p, offset) =>
        p.request(
          { type: 'connect', from, to, stride: k, offset, batch: Math.max(1, Math.ceil(batch / k)), timeoutMs },
          'connected',
          1_800_000,
        ),
      ),
    );
    const rs = results.map((r) => r.result);
    return {
      from,
      to,
      clients: rs.reduce((a, r) => a + r.clients, 0),
      startedAt: Math.min(...rs.map((r) => r.startedAt)),
      completeAt: rs.flatMap((r) => r.completeAt),
      syncedIncomplete: rs.reduce((a, r) => a + r.syncedIncomplete, 0),
    };
  }

  async phase(window: PhaseWindow, t0: number, drainMs: number, clients: number, config: LoadgenConfig): Promise<LoadgenPhaseResult> {
    let total = 0;
    for (let c = 0; c < clients; c++) {
      if (isEditor(c, config.editFraction)) total += editsDueIn(t0, offsetMs(c, 1), config.editPeriodMs, window.from, window.to);
    }
    const results = await Promise.all(
      this.procs.map((p) => p.request({ type: 'phase', window, t0, drainMs, totalEditsInWindow: total }, 'phaseDone', 600_000)),
    );
    const rs = results.map((r) => r.result);
    const merge = (pick: (r: LoadgenPhaseResult) => Parameters<Histogram['merge']>[0]) => {
      const h = new Histogram();
      for (const r of rs) h.merge(pick(r));
      return h.toJSON();
    };
    const closeCodes: Record<string, number> = {};
    for (const r of rs) for (const [code, n] of Object.entries(r.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n;
    const sum = (pick: (r: LoadgenPhaseResult) => number) => rs.reduce((a, r) => a + pick(r), 0);
    return {
      id: window.id,
      clients: sum((r) => r.clients),
      editors: sum((r) => r.editors),
      editsInWindow: sum((r) => r.editsInWindow),
      expected: sum((r) => r.expected),
      received: sum((r) => r.received),
      sent: sum((r) => r.sent),
      dueToApply: merge((r) => r.dueToApply),
      sentToApply: merge((r) => r.sentToApply),
      sendLag: merge((r) => r.sendLag),
      lag: {
        p50: Math.max(...rs.map((r) => r.lag.p50)),
        p99: Math.max(...rs.map((r) => r.lag.p99)),
        max: Math.max(...rs.map((r) => r.lag.max)),
      },
      disconnected: sum((r) => r.disconnected),
      closeCodes,
    };
  }

  kill(): void {
    for (const p of this.procs) p.child.kill('SIGKILL');
  }

  async close(): Promise<void> {
    await Promise.all(this.procs.map((p) => p.close({ type: 'close' })));
  }
}
