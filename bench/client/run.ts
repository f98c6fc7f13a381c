/**
 * `npm run bench:client`: the browser side of Werkraum under large boards and full rooms.
 * Playwright drives Debian's Chromium against the real server (each checkout's own build and
 * server, fresh data directory), boards seeded through `shared/schema` by a scripted participant.
 * See bench/README.md ("Client benchmark") for what is measured and how.
 *
 * Per scenario and checkout (the checkouts' order alternates between scenarios):
 *   open (fresh contexts, the median) → typing → remote edit → visible → a burst of remote edits,
 * and for the presence scenarios the same with 100 simulated people present; the first-load
 * scenario counts the JavaScript a first visit downloads.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { Helper } from '../lib/child';
import { buildClient, buildJsBytes, type Checkout, describeCheckout, type RunningServer, startServer } from './checkout';
import { machineWindow, othersPct } from './machine';
import { LAUNCH_OPTIONS, measureBurst, measureFirstLoad, measureIdle, measureRemoteVisible, measureTyping, openBoard, timelineSummary } from './measure';
import { parseClientOptions } from './options';
import type { FromPresence, ToPresence } from './presence';
import { checkTargets, resultTable, type ScenarioRun, targetLines } from './report';
import { joinPeople, prepare, type Prepared, type Scenario, scenarioById, sessionOf } from './scenarios';
import { median, poolTyping } from './stats';
import { rng } from './text';

process.setMaxListeners(0); // every y-websocket provider in Node adds an exit listener
const opts = parseClientOptions(process.argv.slice(2));
const t0 = Date.now();
const log = (msg: string) => process.stderr.write(`[bench:client ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
const resultsDir = resolve('bench/results');
const workDir = mkdtempSync(join(tmpdir(), 'werkraum-bench-client-'));

/** Everything started here, killed on Ctrl-C, SIGTERM or an error, so nothing is left behind. */
const children = new Map<string, () => void>();
let browser: Browser | undefined;
function killAll(): void {
  for (const kill of children.values()) {
    try {
      kill();
    } catch {
      // already gone
    }
  }
  children.clear();
  rmSync(workDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping servers, browser and clients`);
    killAll();
    // Playwright kills the browser it launched when this process exits.
    process.exit(130);
  });
}

function rotate<T>(xs: readonly T[], by: number): T[] {
  const k = by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

/** Waits (at most opts.quietWaitMs) until the rest of the machine has been quiet for a second. */
async function waitQuiet(): Promise<{ waitedMs: number; othersPct: number }> {
  const started = Date.now();
  let told = false;
  for (;;) {
    const other = await othersPct(1000);
    if (other < opts.quietBelowPct || Date.now() - started > opts.quietWaitMs) return { waitedMs: Date.now() - started, othersPct: other };
    if (!told) log(`other processes use ${other.toFixed(0)} % CPU; waiting up to ${opts.quietWaitMs / 1000} s for quiet`);
    told = true;
  }
}

const prepared = new Map<string, Prepared>();

async function preparedFor(s: Scenario, co: Checkout, server: RunningServer): Promise<Prepared> {
  const of = sessionOf(s);
  const key = `${co.name}|${of.id}`;
  let p = prepared.get(key);
  if (!p) {
    log(`${co.name}: seeding ${of.id}`);
    p = await prepare(server, browser!, of, opts.timeoutMs);
    prepared.set(key, p);
    children.set(`editor ${key}`, () => p!.editor.destroy());
    log(`${co.name}: seeded ${of.id} (${p.seeded.n} ${of.kind === 'notes' ? 'blocks' : 'items'}) in ${(p.seedMs / 1000).toFixed(1)} s`);
  }
  return p;
}

async function startPresence(s: Scenario, p: Prepared, server: RunningServer): Promise<{ helper: Helper<ToPresence, FromPresence>; startMs: number; people: number }> {
  const people = await joinPeople(server, p.joinCode, s.presence!.people);
  const helper = new Helper<ToPresence, FromPresence>(process.execPath, ['--import', 'tsx', 'bench/client/presence.ts']);
  children.set('presence', () => helper.child.kill('SIGKILL'));
  await helper.next('ready', 60_000);
  const docs = p.docs.board === p.docs.notes ? [{ name: p.docs.notes, kind: 'notes' as const }] : [{ name: p.docs.board, kind: 'board' as const }, { name: p.docs.notes, kind: 'notes' as const }];
  const started = await helper.request(
    { type: 'start', wsUrl: server.wsUrl, protocolVersion: PROTOCOL_VERSION, docs, people, periodMs: 1000, cursorShare: 0.3, batch: 20 },
    'started',
    opts.timeoutMs,
  );
  log(`${people.length} people present (${started.clients} clients) after ${(started.ms / 1000).toFixed(1)} s`);
  // Two beats of everyone before anything is measured.
  await sleep(2500);
  return { helper, startMs: started.ms, people: people.length };
}

async function runScenario(s: Scenario, co: Checkout, server: RunningServer, run: ScenarioRun): Promise<void> {
  if (server.child.exitCode !== null) throw new Error(`${co.label}: the server has exited:\n${server.output().slice(-2000)}`);
  const p = await preparedFor(s, co, server);
  run.quiet = await waitQuiet();
  const endWindow = machineWindow();
  let context: BrowserContext | undefined;
  let presence: Awaited<ReturnType<typeof startPresence>> | undefined;
  try {
    if (s.kind === 'first-load') {
      const room = await measureFirstLoad(browser!, p.storage, `${server.baseUrl}/s/${p.sessionId}`, { selector: '[data-testid="notes-editor"]' }, opts.timeoutMs);
      const board = await measureFirstLoad(browser!, p.storage, `${server.baseUrl}${p.path}`, { spec: p.seeded.open }, opts.timeoutMs);
      run.firstLoad = { room, board };
      log(`${co.name} ${s.id}: room ${(room.js.gzip / 1024).toFixed(0)} KB JS gzip (${room.js.files} files), SWOT board ${(board.js.gzip / 1024).toFixed(0)} KB`);
      return;
    }
    if (s.presence) presence = await startPresence(s, p, server);

    const reps = s.presence ? 1 : opts.openReps;
    const opens = [];
    for (let rep = 0; rep < reps; rep++) {
      const profilePath = opts.profileDir && rep === 0 ? join(opts.profileDir, `${co.name}-${s.id}-open.cpuprofile`) : undefined;
      const opened = await openBoard(browser!, p.storage, `${server.baseUrl}${p.path}`, p.seeded.open, opts.timeoutMs, profilePath);
      if (profilePath) log(`${co.name} ${s.id}: CPU profile of the open: ${profilePath}`);
      opens.push(opened.result);
      const o = opened.result;
      log(
        `${co.name} ${s.id}: open ${rep + 1}/${reps}: ${(o.openMs / 1000).toFixed(2)} s (in the DOM at ${((o.domReadyMs ?? Number.NaN) / 1000).toFixed(2)} s, ` +
          `${o.itemsInDom} items; usable at ${(o.usableMs / 1000).toFixed(2)} s)\n    ${timelineSummary(o.timeline, o.openMs)}`,
      );
      if (rep < reps - 1) {
        const closing = Date.now();
        await opened.context.close();
        if (Date.now() - closing > 5000) log(`${co.name} ${s.id}: closing the context took ${((Date.now() - closing) / 1000).toFixed(1)} s`);
      }
      else context = opened.context;
    }
    const times = opens.map((o) => o.openMs);
    run.open = { runs: opens, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), usableMedianMs: median(opens.map((o) => o.usableMs)) };
    const page = context!.pages()[0]!;

    const typingRuns = [];
    for (let rep = 0; rep < opts.typingReps; rep++) {
      const t = await measureTyping(page, p.seeded);
      typingRuns.push(t);
      log(`${co.name} ${s.id}: typing ${rep + 1}/${opts.typingReps}: p95 ${t.p95.toFixed(0)} max ${t.max.toFixed(0)} ms, ${t.withoutEntry}/${t.keystrokes} keys ≤ 16 ms, ${(t.ms / 1000).toFixed(1)} s${t.arrived ? '' : ' (typed text NOT found in the item)'}`);
    }
    run.typing = { ...poolTyping(typingRuns), runs: typingRuns };

    run.remote = await measureRemoteVisible(page, p.editor, p.editorCtx, p.seeded, p.nextMarker);
    p.nextMarker += run.remote.sent;
    log(`${co.name} ${s.id}: remote → visible p50 ${run.remote.p50.toFixed(0)} p95 ${run.remote.p95.toFixed(0)} ms (${run.remote.superseded} superseded, ${run.remote.missing} never shown)`);

    run.burst = await measureBurst(page, p.editor, p.editorCtx, p.seeded, rng(s.id.length * 7919 + (co.name === 'base' ? 1 : 0)));
    log(`${co.name} ${s.id}: burst: long tasks ${run.burst.longTaskMs.toFixed(0)} ms (${(run.burst.share * 100).toFixed(0)} %), ${run.burst.tasks} tasks, longest ${run.burst.longestMs.toFixed(0)} ms`);

    if (presence) {
      run.idle = await measureIdle(page, 5);
      const listed = (await page.evaluate('document.querySelectorAll(\'[data-testid="presence-item"]\').length')) as number;
      const stats = await presence.helper.request({ type: 'stats' }, 'stats', 60_000);
      run.presence = { people: presence.people, clients: stats.clients, connected: stats.connected, closeCodes: stats.closeCodes, beats: stats.beats, startMs: presence.startMs, listed };
      log(`${co.name} ${s.id}: presence only: long tasks ${run.idle.longTaskMs.toFixed(0)} ms in 5 s; ${listed} people listed; ${stats.connected}/${stats.clients} clients connected`);
    }
  } finally {
    run.machine = endWindow();
    await context?.close().catch(() => undefined);
    if (presence) {
      await presence.helper.close({ type: 'close' });
      children.delete('presence');
    }
  }
}

function machineInfo() {
  return { cpus: cpus().length, model: cpus()[0]?.model, memGb: totalmem() / 2 ** 30, node: process.version, platform: process.platform, loadavgStart: loadavg() };
}

async function main(): Promise<void> {
  log(`options: ${JSON.stringify(opts)}`);
  const machine = machineInfo();
  log(`load average at start: ${machine.loadavgStart.map((x) => x.toFixed(2)).join(' ')} (${machine.cpus} cores)`);
  const checkouts = [describeCheckout('current', '.'), ...(opts.base ? [describeCheckout('base', opts.base)] : [])];
  const builds: Record<string, { buildMs: number | null; js: ReturnType<typeof buildJsBytes> }> = {};
  for (const co of checkouts) {
    let buildMs: number | null = null;
    if (opts.build) {
      log(`${co.name}: vite build in ${co.dir}`);
      buildMs = await buildClient(co);
    }
    builds[co.name] = { buildMs, js: buildJsBytes(co) };
    log(`${co.name} ${co.label}: ${builds[co.name]!.js.files} JS files, ${(builds[co.name]!.js.gzip / 1024).toFixed(0)} KB gzip in all${buildMs !== null ? ` (built in ${(buildMs / 1000).toFixed(1)} s)` : ''}`);
  }

  const servers = new Map<Checkout['name'], RunningServer>();
  for (const co of checkouts) {
    const dataDir = join(workDir, `data-${co.name}`);
    mkdirSync(dataDir, { recursive: true });
    const server = await startServer(co, dataDir);
    servers.set(co.name, server);
    children.set(`server ${co.name}`, () => server.child.kill('SIGKILL'));
    log(`${co.name}: server at ${server.baseUrl} (pid ${server.pid})`);
  }
  browser = await chromium.launch(LAUNCH_OPTIONS);
  const chromiumVersion = browser.version();
  log(`Chromium ${chromiumVersion}`);

  const runs: ScenarioRun[] = [];
  for (const [i, id] of opts.scenarios.entries()) {
    const s = scenarioById(id);
    for (const co of rotate(checkouts, i)) {
      const run: ScenarioRun = { scenario: id, checkout: co.name, label: co.label, errors: [] };
      log(`${co.name}: ${s.id} — ${s.what}`);
      try {
        await runScenario(s, co, servers.get(co.name)!, run);
      } catch (err) {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        run.errors.push(message);
        log(`${co.name} ${s.id} FAILED: ${message}`);
      }
      runs.push(run);
    }
  }

  const table = resultTable(runs);
  const targets = checkTargets(runs);
  const durationS = (Date.now() - t0) / 1000;
  const loadEnd = loadavg();
  const out =
    `\nClient benchmark (Chromium ${chromiumVersion}; open: median of ${opts.openReps} fresh context(s); typing: ${opts.typingReps} × 60 keys, ` +
    `Event Timing per keystroke; load average ${machine.loadavgStart[0]!.toFixed(2)} at start, ${loadEnd[0]!.toFixed(2)} at the end, ${machine.cpus} cores)\n\n` +
    `${table}\n\nTargets\n${targetLines(targets)}\n\n` +
    checkouts.map((co) => `${co.name}: ${co.label} (${co.dir}); all JS of the build: ${(builds[co.name]!.js.gzip / 1024).toFixed(0)} KB gzip`).join('\n') +
    `\nTotal ${durationS.toFixed(0)} s.${runs.some((r) => r.errors.length) ? ' Some scenarios FAILED: see the log above and the JSON.' : ''}\n`;
  process.stdout.write(out);

  mkdirSync(resultsDir, { recursive: true });
  const file = opts.out ? resolve(opts.out) : join(resultsDir, `${stamp}-client${opts.quick ? '-quick' : ''}.json`);
  const result = {
    startedAt: new Date(t0).toISOString(),
    durationS,
    options: opts,
    machine: { ...machine, loadavgEnd: loadEnd, chromium: chromiumVersion },
    checkouts: checkouts.map((co) => ({ ...co, ...builds[co.name] })),
    sessions: [...prepared.entries()].map(([key, p]) => ({ key, scenario: p.scenario, seeded: p.seeded, seedMs: p.seedMs })),
    runs,
    targets,
    table,
  };
  writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 1));
  renameSync(`${file}.tmp`, file);
  log(`raw figures: ${file}`);

  for (const p of prepared.values()) p.editor.destroy();
  await browser.close();
  browser = undefined;
  for (const server of servers.values()) await server.stop();
  children.clear();
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await browser?.close().catch(() => undefined);
    killAll();
    // Never hang on a client or helper that did not go away.
    process.exit(process.exitCode ?? 0);
  });
