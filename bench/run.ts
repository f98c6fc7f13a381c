/**
 * `npm run bench`: Werkraum's sync server side by side with the stock @y/websocket-server and
 * Hocuspocus under the same workload. See bench/README.md for what is measured and how.
 *
 * Per repetition and server (the order rotates with each repetition):
 *   1. a copy of the seeded data directory (a stored board of 10,000 items) is made and the
 *      server started on it as a child process: the COLD START — spawn → ready → first client
 *      has the whole document → 50 clients opened at once all have it;
 *   2. the load LADDER: for each N, clients are added up to N, then edits (30 % of the clients,
 *      one per second on an absolute clock) and presence (every client, once a second) run for a
 *      warm-up and a measurement window, and everything is collected.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Helper } from './lib/child';
import { Generators } from './lib/gens';
import { openClient, type BenchClient } from './lib/clients';
import { Histogram } from './lib/histogram';
import type { FromDurable, LoadgenConfig, ToDurable } from './lib/ipc';
import { parseOptions } from './lib/options';
import { PingProbe } from './lib/ping';
import { startPresence } from './lib/presence';
import { cpuSeconds, memoryMb, ProcSampler, SYSTEM, systemBusySeconds } from './lib/proc';
import { Recorder } from './lib/recorder';
import { aggregate, checkTargets, coldTable, loadTable, targetLines, type ColdStart, type PhaseResult, type ServerRun } from './lib/report';
import { clientTarget, hasFullBoard, isWerkraum, pingUrl, seed, type Seed, type ServerName, setBaseDir, startServer, waitUntil } from './lib/servers';
import { now } from './lib/workload';

process.setMaxListeners(0); // every y-websocket provider in Node adds an exit listener
const opts = parseOptions(process.argv.slice(2));
if (opts.base) setBaseDir(opts.base);
const maxN = Math.max(...opts.ns);
const t0 = now();
const log = (msg: string) => process.stderr.write(`[bench ${((now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
const resultsDir = resolve('bench/results');
const profileDir = opts.profile.length ? join(resultsDir, `profiles-${stamp}`) : undefined;
const workDir = mkdtempSync(join(tmpdir(), 'werkraum-bench-'));

/** Children to kill if the run is interrupted (Ctrl-C), so no server or generator is left behind. */
const children = new Set<{ kill(): void }>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const c of children) c.kill();
    rmSync(workDir, { recursive: true, force: true });
    process.exit(130);
  });
}

function rotate<T>(xs: readonly T[], by: number): T[] {
  const k = by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

/** Lag samples the preloaded probe wrote for whole seconds inside [from, to]. */
function lagSamples(file: string, from: number, to: number): Histogram {
  const h = new Histogram();
  if (!existsSync(file)) return h;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const { t, s } = JSON.parse(line) as { t: number; s: number[] };
    if (t - 1000 >= from - 100 && t <= to + 100) for (const v of s) h.add(v);
  }
  return h;
}

/** CPU use (% of one core) of every process on the machine except ours, over `ms`. */
async function otherCpuPct(ours: number[], ms: number): Promise<number> {
  const read = () => {
    let own = 0;
    for (const pid of ours) {
      try {
        own += cpuSeconds(pid);
      } catch {
        // exited
      }
    }
    return { t: now(), sys: systemBusySeconds(), own };
  };
  const a = read();
  await sleep(ms);
  const b = read();
  return Math.max(0, ((b.sys - a.sys - (b.own - a.own)) / ((b.t - a.t) / 1000)) * 100);
}

/**
 * This machine may be shared (other sessions run test suites on it). Before a window, wait until
 * the rest of the machine has been quiet for a second, at most opts.quietWaitMs.
 */
async function waitQuiet(ours: number[]): Promise<{ waitedMs: number; otherPct: number }> {
  const started = now();
  let told = false;
  for (;;) {
    const other = await otherCpuPct(ours, 1000);
    if (other < opts.quietBelowPct || now() - started > opts.quietWaitMs) return { waitedMs: now() - started, otherPct: other };
    if (!told) log(`other processes use ${other.toFixed(0)} % CPU; waiting up to ${opts.quietWaitMs / 1000} s for quiet`);
    told = true;
  }
}

async function runServer(name: ServerName, s: Seed, rep: number, order: number): Promise<ServerRun> {
  const dir = join(workDir, `run-${name}-${rep}`);
  cpSync(s.dir, dir, { recursive: true });
  const run: ServerRun = { server: name, rep, order, cold: null, connects: [], phases: [], rssHwmMb: Number.NaN };

  // The generators start first: their own start-up is no part of the server's cold start.
  const gens = new Generators(opts.genProcs, opts.genNice);
  const killGens = { kill: () => gens.kill() };
  children.add(killGens);
  try {
    await gens.ready();
    return await runOnServer(name, s, dir, run, gens);
  } finally {
    await gens.close();
    children.delete(killGens);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runOnServer(name: ServerName, s: Seed, dir: string, run: ServerRun, gens: Generators): Promise<ServerRun> {
  const lagFile = join(dir, 'lag.jsonl');
  const rep = run.rep;

  const cpuProfFile = profileDir && opts.profile.includes(name) ? join(profileDir, `${name}-rep${rep + 1}.cpuprofile`) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const spawnAt = now();
  const server = await startServer(name, dir, { lagFile, cpuProfFile });
  const readyAt = now();
  const killServer = { kill: () => process.kill(server.pid, 'SIGKILL') };
  children.add(killServer);
  const ours = [server.pid, ...gens.pids, process.pid];
  const sampler = new ProcSampler([...ours, SYSTEM]);
  // A server that dies mid-run (crash, or killed from outside) ends the run with its output.
  const died = server.exited.then((code) => {
    throw new Error(`${name} server exited (${code}) during the run; its output:\n${server.output().slice(-3000)}`);
  });
  died.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, died]);
  sampler.start();
  const target = clientTarget(s, server.port, opts.awareness);
  const orchLag = monitorEventLoopDelay({ resolution: 10 });
  orchLag.enable();
  let probe: BenchClient | undefined;
  let stopProbePresence: (() => void) | undefined;
  let ping: PingProbe | undefined;
  let durable: Helper<ToDurable, FromDurable> | undefined;
  try {
    // Cold start: the first client is the probe client of this process.
    const first = openClient(target, s.probeParams);
    probe = first;
    let firstSyncedIncomplete = false;
    const firstAt = await waitUntil(
      () => {
        const full = hasFullBoard(first, s.items);
        if (!full && first.isSynced()) firstSyncedIncomplete = true;
        return full;
      },
      `${name}: first client has the stored board`,
      60_000,
      1,
    );
    const probeRec = new Recorder();
    probeRec.watch(first.doc, -1);
    stopProbePresence = startPresence(first, maxN, opts.presencePeriodMs);

    const config: LoadgenConfig = {
      target,
      params: s.params,
      items: s.items,
      maxClients: maxN,
      editFraction: opts.editFraction,
      editPeriodMs: opts.editPeriodMs,
      presencePeriodMs: opts.presencePeriodMs,
    };
    await gens.init(config);
    const cc = await guard(gens.connect(0, opts.coldClients, opts.coldClients, 120_000));
    run.connects.push(cc);
    const done = cc.completeAt.filter((t) => t !== null).map((t) => t - cc.startedAt);
    const joinHist = new Histogram();
    for (const d of done) joinHist.add(d);
    const cold: ColdStart = {
      spawnToReadyMs: readyAt - spawnAt,
      firstSyncMs: firstAt - readyAt,
      firstSyncedIncomplete,
      joinAtOnce: {
        clients: opts.coldClients,
        allSyncedMs: done.length === cc.completeAt.length ? Math.max(...done) : Number.NaN,
        p50Ms: joinHist.quantile(0.5),
        failed: cc.completeAt.length - done.length,
        syncedIncomplete: cc.syncedIncomplete,
      },
      rssAfterMb: memoryMb(server.pid).rss,
    };
    run.cold = cold;
    log(
      `${name} cold start: ready ${cold.spawnToReadyMs.toFixed(0)} ms, first client ${cold.firstSyncMs.toFixed(0)} ms, ` +
        `${opts.coldClients} at once ${cold.joinAtOnce.allSyncedMs.toFixed(0)} ms, RSS ${cold.rssAfterMb.toFixed(0)} MB`,
    );

    ping = new PingProbe(pingUrl(s, server.port));
    ping.start();
    if (isWerkraum(name)) {
      durable = new Helper<ToDurable, FromDurable>(process.execPath, ['--import', 'tsx', 'bench/durable.ts']);
      await durable.next('ready', 60_000);
      ours.push(durable.pid);
      sampler.pids.push(durable.pid);
      await durable.request({ type: 'init', dbFile: join(dir, 'werkraum.sqlite'), docName: s.docName, pollMs: 5 }, 'ready');
    }

    let clients = opts.coldClients;
    for (const [k, n] of opts.ns.entries()) {
      if (clients < n) {
        const started = now();
        const res = await guard(gens.connect(clients, n, opts.connectBatch, 180_000));
        run.connects.push(res);
        const failed = res.completeAt.filter((t) => t === null).length;
        log(`${name}: ${n} clients connected in ${((now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} without the full board` : ''}`);
        clients = n;
      }
      await sleep(1000);
      const quiet = await guard(waitQuiet(ours));
      const start = now() + 500;
      const window = { id: k + 1, from: start + opts.warmupMs, to: start + opts.warmupMs + opts.measureMs };
      probeRec.start(window);
      durable?.send({ type: 'phase', window });
      const timers = [
        setTimeout(() => sampler.sample(), Math.max(0, window.from - now())),
        setTimeout(() => orchLag.reset(), Math.max(0, window.from - now())),
        setTimeout(() => sampler.sample(), Math.max(0, window.to - now())),
      ];
      const load = await guard(gens.phase(window, start, opts.drainMs, n, config));
      const orchestratorLagP99Ms = orchLag.percentile(99) / 1e6;
      timers.forEach(clearTimeout);
      const d = durable ? await durable.request({ type: 'collect' }, 'collected') : undefined;
      probeRec.window = null;
      const srv = sampler.window(server.pid, window.from, window.to);
      const perGen = gens.pids.map((pid) => sampler.window(pid, window.from, window.to));
      const g = { cpuPct: perGen.reduce((a, x) => a + x.cpuPct, 0), maxProcCpuPct: Math.max(...perGen.map((x) => x.cpuPct)), rssMax: perGen.reduce((a, x) => a + x.rssMax, 0) };
      const ownCpu = ours.reduce((a, pid) => a + (sampler.window(pid, window.from, window.to).cpuPct || 0), 0);
      const otherPct = Math.max(0, sampler.window(SYSTEM, window.from, window.to).cpuPct - ownCpu);
      const pingHist = new Histogram();
      for (const v of ping.window(window.from, window.to)) pingHist.add(v);
      const phase: PhaseResult = {
        n,
        window,
        load,
        probe: {
          dueToApply: probeRec.dueToApply.toJSON(),
          sentToApply: probeRec.sentToApply.toJSON(),
          received: probeRec.received,
          expected: load.editsInWindow,
        },
        durable: d ? { dueToDurable: d.dueToDurable, sentToDurable: d.sentToDurable, rows: d.rows, stateRows: d.stateRows } : null,
        server: {
          cpuPct: srv.cpuPct,
          rssMeanMb: srv.rssMean,
          rssMaxMb: srv.rssMax,
          lag: lagSamples(lagFile, window.from, window.to).toJSON(),
          ping: pingHist.toJSON(),
          pingCloses: ping.closes,
        },
        gen: { procs: opts.genProcs, cpuPct: g.cpuPct, maxProcCpuPct: g.maxProcCpuPct, rssMaxMb: g.rssMax },
        orchestratorLagP99Ms,
        machine: { otherCpuPct: otherPct, quietWaitMs: quiet.waitedMs },
      };
      run.phases.push(phase);
      const lat = Histogram.from(load.dueToApply).summary();
      log(
        `${name} N=${n}: p50 ${lat.p50.toFixed(1)} p99 ${lat.p99.toFixed(1)} max ${lat.max.toFixed(0)} ms, ` +
          `reach ${((load.received / load.expected) * 100).toFixed(2)} %, server CPU ${srv.cpuPct.toFixed(0)} %, RSS ${srv.rssMax.toFixed(0)} MB, ` +
          `gen CPU ${g.cpuPct.toFixed(0)} %, others ${otherPct.toFixed(0)} %${d ? `, durable p99 ${Histogram.from(d.dueToDurable).quantile(0.99).toFixed(1)} ms` : ''}`,
      );
    }
  } finally {
    stopProbePresence?.();
    probe?.destroy();
    ping?.stop();
    orchLag.disable();
    await gens.close();
    if (durable) await durable.close({ type: 'close' });
    try {
      run.rssHwmMb = memoryMb(server.pid).hwm;
    } catch {
      // exited already
    }
    await server.stop();
    children.delete(killServer);
    sampler.stop();
  }
  return run;
}

/** The PDF export's CPU time (bench/export-pdf.ts, in a process of its own), or null when it failed. */
function exportBench(): { pages: number; preloadMs: number; coldMs: number; warmMedianMs: number } | null {
  log('export: 10-page PDF CPU ms');
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/export-pdf.ts', ...(opts.quick ? ['--quick'] : [])], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').at(-1)!) as { pages: number; preloadMs: number; coldMs: number; warmMedianMs: number };
  } catch (err) {
    log(`export benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

function packageVersions(): Record<string, string> {
  const names = ['yjs', 'y-protocols', 'y-websocket', 'ws', '@y/websocket-server', 'y-leveldb', '@hocuspocus/server', '@hocuspocus/provider', '@hocuspocus/extension-sqlite', 'sqlite3', 'better-sqlite3'];
  const out: Record<string, string> = {};
  for (const n of names) {
    try {
      out[n] = (JSON.parse(readFileSync(join('node_modules', n, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      out[n] = 'missing';
    }
  }
  return out;
}

/** The commit measured, and whether the server code in the work tree differed from it. */
function gitState(): { head: string; dirty: string[] } {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    return { head, dirty };
  } catch {
    return { head: 'unknown', dirty: [] };
  }
}

async function main(): Promise<void> {
  log(`options: ${JSON.stringify({ ...opts, out: undefined })}`);
  const seeds = new Map<ServerName, Seed>();
  for (const name of opts.servers) {
    const dir = join(workDir, `seed-${name}`);
    mkdirSync(dir, { recursive: true });
    const s = await seed(name, dir, opts.items, maxN);
    seeds.set(name, s);
    log(`seeded ${name}: ${opts.items} items in ${(s.seedMs / 1000).toFixed(1)} s`);
  }

  const runs: ServerRun[] = [];
  for (let rep = 0; rep < opts.reps; rep++) {
    for (const [order, name] of rotate(opts.servers, rep).entries()) {
      log(`repetition ${rep + 1}/${opts.reps}: ${name}`);
      try {
        runs.push(await runServer(name, seeds.get(name)!, rep, order));
      } catch (err) {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        log(`${name} failed: ${message}`);
        runs.push({ server: name, rep, order, cold: null, connects: [], phases: [], rssHwmMb: Number.NaN, error: message });
      }
    }
  }

  const exportRow = exportBench();
  const rows = aggregate(runs);
  const targets = checkTargets(rows, runs);
  const loadText = loadTable(rows);
  const coldText = coldTable(runs);
  const durationS = (now() - t0) / 1000;
  const out =
    `\nLoad (edit due → applied at every other client, ms; N load clients + 1 probe; ${opts.reps} repetition(s), ` +
    `${opts.measureMs / 1000} s window each)\n\n${loadText}\n\n` +
    `Cold start (stored board of ${opts.items} items, ms)\n\n${coldText}\n\n` +
    `Exports\n${exportRow ? `export: 10-page PDF CPU ms: first ${exportRow.coldMs}, warm median ${exportRow.warmMedianMs} (${exportRow.pages} pages; worker preload ${exportRow.preloadMs})` : 'export: 10-page PDF CPU ms: FAILED, see the log'}\n\n` +
    `Targets\n${targetLines(targets)}\n\n` +
    `Total ${durationS.toFixed(0)} s.${runs.some((r) => r.error) ? ' Some runs FAILED: see the log above and the JSON.' : ''}\n`;
  process.stdout.write(out);

  mkdirSync(resultsDir, { recursive: true });
  const file = opts.out ? resolve(opts.out) : join(resultsDir, `${stamp}${opts.quick ? '-quick' : ''}.json`);
  const result = {
    startedAt: new Date(performance.timeOrigin).toISOString(),
    durationS,
    options: opts,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memGb: totalmem() / 2 ** 30, node: process.version, platform: process.platform },
    versions: packageVersions(),
    git: gitState(),
    seeds: [...seeds.values()].map((s) => ({ server: s.server, items: s.items, seedMs: s.seedMs })),
    rows,
    exports: exportRow,
    targets,
    tables: { load: loadText, cold: coldText },
    runs,
  };
  writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 1));
  renameSync(`${file}.tmp`, file);
  log(`raw figures: ${file}${profileDir ? `; CPU profiles: ${profileDir}` : ''}`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(workDir, { recursive: true, force: true });
    // Never hang on a helper process that did not go away.
    process.exit(process.exitCode ?? 0);
  });
