/**
 * The load generator: a child process of bench/run.ts holding the simulated participants, each a
 * real stock provider on its own WebSocket. Driven over IPC (see lib/ipc.ts).
 *
 * Edits follow an absolute clock: edit i of client c is due at t0 + offset_c + i·period. A timer
 * that fires late sends every overdue edit at once, each stamped with its own due time, so a
 * slow server (or a slow generator) shows up as latency instead of a lower offered load.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type BenchClient, openClient } from './lib/clients';
import { Histogram } from './lib/histogram';
import type { ConnectResult, FromLoadgen, LoadgenConfig, LoadgenPhaseResult, ToLoadgen } from './lib/ipc';
import { startPresence } from './lib/presence';
import { Recorder } from './lib/recorder';
import {
  BOARD,
  editItem,
  editedItem,
  editsDueIn,
  isEditor,
  itemKey,
  now,
  offsetMs,
} from './lib/workload';

process.setMaxListeners(0); // every y-websocket provider in Node adds an exit listener
const send = (msg: FromLoadgen) => process.send?.(msg);

let config: LoadgenConfig | undefined;
/** This process's clients by global index (it holds every stride-th one). */
const clients = new Map<number, BenchClient>();
const recorder = new Recorder();
const stopPresence: (() => void)[] = [];
const lagMonitor = monitorEventLoopDelay({ resolution: 10 });
lagMonitor.enable();

function isComplete(c: BenchClient, items: number): boolean {
  const board = c.doc.getMap(BOARD);
  return c.isSynced() && board.has(itemKey(0)) && board.has(itemKey(items - 1));
}

async function connect(from: number, to: number, stride: number, offset: number, batch: number, timeoutMs: number): Promise<ConnectResult> {
  const cfg = config!;
  const startedAt = now();
  const mine: number[] = [];
  for (let i = from; i < to; i++) if (i % stride === offset) mine.push(i);
  const completeAt = new Map<number, number>();
  let syncedIncomplete = 0;
  for (let b = 0; b < mine.length; b += batch) {
    const pending = new Set<number>();
    for (const i of mine.slice(b, b + batch)) {
      const c = openClient(cfg.target, cfg.params?.[i] ?? {});
      clients.set(i, c);
      recorder.watch(c.doc, i);
      pending.add(i);
    }
    const deadline = now() + timeoutMs;
    const counted = new Set<number>();
    while (pending.size > 0 && now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
      const t = now();
      for (const i of pending) {
        const c = clients.get(i)!;
        if (isComplete(c, cfg.items)) {
          completeAt.set(i, t);
          pending.delete(i);
          stopPresence.push(startPresence(c, i, cfg.presencePeriodMs));
        } else if (c.isSynced() && !counted.has(i)) {
          counted.add(i);
          syncedIncomplete++;
        }
      }
    }
    for (const i of pending) stopPresence.push(startPresence(clients.get(i)!, i, cfg.presencePeriodMs));
  }
  return { from, to, clients: mine.length, startedAt, completeAt: mine.map((i) => completeAt.get(i) ?? null), syncedIncomplete };
}

/** `totalEditsInWindow`: edits due in the window across ALL generator processes. */
async function runPhase(window: { id: number; from: number; to: number }, t0: number, drainMs: number, totalEditsInWindow: number): Promise<LoadgenPhaseResult> {
  const cfg = config!;
  recorder.start(window);
  const sendLag = new Histogram();
  let sent = 0;
  let expectedEdits = 0;
  const timers: NodeJS.Timeout[] = [];
  let editors = 0;

  for (const [c, client] of clients) {
    if (!isEditor(c, cfg.editFraction)) continue;
    editors++;
    const offset = offsetMs(c, 1);
    expectedEdits += editsDueIn(t0, offset, cfg.editPeriodMs, window.from, window.to);
    let i = 0;
    const due = () => t0 + offset + i * cfg.editPeriodMs;
    const fire = () => {
      // Catch up on every overdue edit, each stamped with its own due time.
      while (due() <= now() && due() < window.to) {
        const d = due();
        const s = now();
        const k = editedItem(c, i, cfg.maxClients, cfg.items);
        editItem(client.doc, k, { c, i, p: window.id, d, s });
        if (d >= window.from) {
          sendLag.add(s - d);
          sent++;
        }
        i++;
      }
      if (due() < window.to) timers.push(setTimeout(fire, Math.max(0, due() - now())));
    };
    timers.push(setTimeout(fire, Math.max(0, due() - now())));
  }

  // Receivers here: every client of this process but the editor itself.
  let expected = 0;
  for (const c of clients.keys()) expected += totalEditsInWindow - (isEditor(c, cfg.editFraction) ? editsDueIn(t0, offsetMs(c, 1), cfg.editPeriodMs, window.from, window.to) : 0);
  await new Promise((r) => setTimeout(r, Math.max(0, window.from - now())));
  lagMonitor.reset();
  await new Promise((r) => setTimeout(r, Math.max(0, window.to - now())));
  const lag = {
    p50: lagMonitor.percentile(50) / 1e6,
    p99: lagMonitor.percentile(99) / 1e6,
    max: lagMonitor.max / 1e6,
  };
  // Drain: wait until everything arrived or the drain time is up.
  const drainEnd = now() + drainMs;
  while (recorder.received < expected && now() < drainEnd) await new Promise((r) => setTimeout(r, 50));
  for (const t of timers) clearTimeout(t);
  recorder.window = null;

  const closeCodes: Record<string, number> = {};
  let disconnected = 0;
  for (const c of clients.values()) {
    if (!c.isConnected()) disconnected++;
    for (const code of c.closeCodes) closeCodes[String(code)] = (closeCodes[String(code)] ?? 0) + 1;
  }
  return {
    id: window.id,
    clients: clients.size,
    editors,
    editsInWindow: expectedEdits,
    expected,
    received: recorder.received,
    sent,
    dueToApply: recorder.dueToApply.toJSON(),
    sentToApply: recorder.sentToApply.toJSON(),
    sendLag: sendLag.toJSON(),
    lag,
    disconnected,
    closeCodes,
  };
}

process.on('message', (raw) => {
  const msg = raw as ToLoadgen;
  const fail = (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  switch (msg.type) {
    case 'init':
      config = msg.config;
      send({ type: 'ready' });
      break;
    case 'connect':
      connect(msg.from, msg.to, msg.stride, msg.offset, msg.batch, msg.timeoutMs).then((result) => send({ type: 'connected', result }), fail);
      break;
    case 'phase':
      runPhase(msg.window, msg.t0, msg.drainMs, msg.totalEditsInWindow).then((result) => send({ type: 'phaseDone', result }), fail);
      break;
    case 'close':
      for (const stop of stopPresence) stop();
      for (const c of clients.values()) c.destroy();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
