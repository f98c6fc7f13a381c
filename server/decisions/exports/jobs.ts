/**
 * Export jobs: created by a request, rendered in a small pool of worker threads (so a large PDF
 * never blocks the event loop serving the sessions), polled for progress, downloaded by their
 * owner, forgotten after a while. In memory, per process: behind a load balancer the poll and
 * the download must reach the process that took the job (sticky sessions), or re-create it.
 *
 * Nobody can starve the others:
 * - each caller may have `maxPendingPerCaller` unfinished jobs and each session
 *   `maxPendingPerSession`; more are refused with `429 too_many_exports`;
 * - a session renders one job at a time, and sessions take turns (round robin), so with two or
 *   more workers a session always finds one free however many jobs another session queued;
 * - a render is stopped after `timeoutMs`: its worker thread is terminated, the job fails with
 *   `export_timeout`, and a fresh worker takes the next job;
 * - what a renderer gets is bounded before rendering (model.ts, `EXPORT_LIMITS`).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { DecisionExportFormat, ExportJob, ExportJobError } from '../../../shared/decisionApi';
import { ErrorId } from '../../../shared/errors';
import { ApiError } from '../../http/errors';
import type { RenderRequest } from './render';
import type { WorkerReply, WorkerRequest } from './worker';

export interface ExportLimits {
  /** Worker threads rendering at the same time. */
  workers: number;
  /** A render taking longer than this is stopped (ms). */
  timeoutMs: number;
  /** Unfinished jobs (queued or running) one caller may have. */
  maxPendingPerCaller: number;
  /** Unfinished jobs one session may have, all its callers together. */
  maxPendingPerSession: number;
}

export const EXPORT_LIMIT_DEFAULTS: ExportLimits = {
  workers: 2,
  timeoutMs: 30_000,
  maxPendingPerCaller: 2,
  maxPendingPerSession: 4,
};

export interface ExportJobsOptions {
  log: FastifyBaseLogger;
  /** How long a finished file is kept (ms). */
  ttlMs?: number;
  limits?: Partial<ExportLimits>;
}

interface JobState {
  job: ExportJob;
  owner: string;
  session: string;
  request: RenderRequest | null;
  bytes: Buffer | null;
  expiresAt: number;
  waiters: ((job: ExportJob) => void)[];
}

interface Slot {
  worker: Worker | null;
  ready: boolean;
  running: JobState | null;
  timer: NodeJS.Timeout | null;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

/** What a failed job's `errorMessage` says, per error id. */
const FAILURE_MESSAGES: Record<ExportJobError, (limits: ExportLimits) => string> = {
  export_timeout: (l) => `The export took longer than ${Math.round(l.timeoutMs / 100) / 10} s and was stopped; try a smaller export (a draft instead of the Protokoll, Markdown instead of PDF)`,
  render_failed: () => 'The document could not be rendered in this format',
  worker_failed: () => 'The export worker stopped unexpectedly; try again',
  shutting_down: () => 'The server was shutting down; try again',
};

/** The ESM entry of tsx's register API, found from tsx's own package.json (independent of the cwd). */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
}

export class ExportJobs {
  private readonly jobs = new Map<string, JobState>();
  /** Queued jobs per session. */
  private readonly queues = new Map<string, JobState[]>();
  /** When each session last had a job taken (a counter): the one served longest ago goes next. */
  private readonly lastServed = new Map<string, number>();
  private turn = 0;
  private readonly slots: Slot[];
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  private readonly ttlMs: number;
  readonly limits: ExportLimits;

  constructor(private readonly options: ExportJobsOptions) {
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.limits = { ...EXPORT_LIMIT_DEFAULTS, ...options.limits };
    this.slots = Array.from({ length: Math.max(1, this.limits.workers) }, () => ({ worker: null, ready: false, running: null, timer: null }));
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /**
   * Queues a render; the job belongs to `owner` (nobody else can see or download it). Throws
   * `429 too_many_exports` when the caller or the session has too many unfinished jobs.
   */
  submit(owner: string, meta: { kind: ExportJob['kind']; format: DecisionExportFormat; fileName: string; mimeType: string }, request: RenderRequest): ExportJob {
    this.sweep();
    const session = request.input.session.id;
    let byOwner = 0;
    let bySession = 0;
    for (const s of this.jobs.values()) {
      if (s.job.status !== 'queued' && s.job.status !== 'running') continue;
      if (s.owner === owner) byOwner++;
      if (s.session === session) bySession++;
    }
    const { maxPendingPerCaller, maxPendingPerSession } = this.limits;
    if (byOwner >= maxPendingPerCaller || bySession >= maxPendingPerSession) {
      const message =
        byOwner >= maxPendingPerCaller
          ? `At most ${maxPendingPerCaller} unfinished exports per person; wait until one is done`
          : `At most ${maxPendingPerSession} unfinished exports per session; wait until one is done`;
      throw new ApiError(429, ErrorId.tooManyExports, message, undefined, { 'retry-after': '5' });
    }
    const id = randomBytes(16).toString('base64url');
    const state: JobState = {
      job: {
        id,
        kind: meta.kind,
        format: meta.format,
        status: 'queued',
        progress: 0,
        stage: 'queued',
        fileName: meta.fileName,
        mimeType: meta.mimeType,
        size: null,
        error: null,
        errorMessage: null,
        createdAt: new Date().toISOString(),
        finishedAt: null,
        downloadUrl: `/api/exports/${id}/file`,
      },
      owner,
      session,
      request,
      bytes: null,
      expiresAt: Date.now() + this.ttlMs,
      waiters: [],
    };
    this.jobs.set(id, state);
    const queue = this.queues.get(session);
    if (queue) queue.push(state);
    else this.queues.set(session, [state]);
    this.pump();
    return { ...state.job };
  }

  /** The job, if it exists and belongs to `owner`. */
  get(id: string, owner: string): ExportJob | undefined {
    const s = this.jobs.get(id);
    return s && s.owner === owner ? { ...s.job } : undefined;
  }

  file(id: string, owner: string): { job: ExportJob; bytes: Buffer | null } | undefined {
    const s = this.jobs.get(id);
    return s && s.owner === owner ? { job: { ...s.job }, bytes: s.bytes } : undefined;
  }

  /** Resolves when the job is done or failed. */
  wait(id: string): Promise<ExportJob> {
    const s = this.jobs.get(id);
    if (!s) return Promise.reject(new Error(`unknown job ${id}`));
    if (s.job.status === 'done' || s.job.status === 'failed') return Promise.resolve({ ...s.job });
    return new Promise((resolve) => s.waiters.push(resolve));
  }

  /** Jobs waiting or running (for tests and metrics). */
  get pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n + this.slots.filter((s) => s.running).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const q of this.queues.values()) for (const s of q) this.finish(s, { failed: 'shutting_down' });
    this.queues.clear();
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        if (slot.running) this.finish(slot.running, { failed: 'shutting_down' });
        slot.running = null;
        const w = slot.worker;
        slot.worker = null;
        if (w) await w.terminate();
      }),
    );
  }

  private startWorker(slot: Slot): void {
    // The worker is TypeScript like the rest of the server. `--import tsx` in a worker's execArgv
    // comes too late on Node 20, so a bootstrap registers tsx's loader, then imports the worker.
    const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
    const w = new Worker(bootstrap, { eval: true });
    w.unref();
    slot.worker = w;
    slot.ready = false;
    w.on('message', (reply: WorkerReply) => this.onReply(slot, w, reply));
    w.on('error', (err) => {
      this.options.log.error({ err }, 'export worker failed');
      this.lost(slot, w);
    });
    w.on('exit', () => this.lost(slot, w));
  }

  /** A worker died (error, exit) or was stopped: its job fails, a fresh worker takes the next. */
  private lost(slot: Slot, w: Worker): void {
    if (slot.worker !== w) return;
    const booting = !slot.ready;
    slot.worker = null;
    slot.ready = false;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const s = slot.running;
    slot.running = null;
    if (s) this.finish(s, { failed: 'worker_failed' });
    else if (booting) {
      // A worker that cannot even start would fail forever: fail what waits instead of looping.
      for (const q of this.queues.values()) for (const job of q) this.finish(job, { failed: 'worker_failed' });
      this.queues.clear();
      return;
    }
    this.pump();
  }

  /**
   * The next job: from the session with nothing running that was served longest ago (never
   * served first), so sessions take turns however many jobs one of them queued.
   */
  private nextJob(): JobState | null {
    const busy = new Set(this.slots.flatMap((s) => (s.running ? [s.running.session] : [])));
    let pick: string | null = null;
    for (const session of this.queues.keys()) {
      if (busy.has(session)) continue;
      if (pick === null || (this.lastServed.get(session) ?? -1) < (this.lastServed.get(pick) ?? -1)) pick = session;
    }
    if (pick === null) return null;
    const queue = this.queues.get(pick)!;
    const job = queue.shift()!;
    if (queue.length === 0) this.queues.delete(pick);
    this.lastServed.set(pick, ++this.turn);
    return job;
  }

  /** Sessions with a queued job and nothing running: how many workers could be busy now. */
  private runnableSessions(): number {
    const busy = new Set(this.slots.flatMap((s) => (s.running ? [s.running.session] : [])));
    let n = 0;
    for (const session of this.queues.keys()) if (!busy.has(session)) n++;
    return n;
  }

  /** Hands queued jobs to idle workers, then starts as many workers as the rest could use. */
  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.running) continue;
      const s = this.nextJob();
      if (!s) break;
      this.run(slot, s);
    }
    let wanted = this.runnableSessions() - this.slots.filter((s) => s.worker && !s.ready).length;
    for (const slot of this.slots) {
      if (wanted <= 0) break;
      if (slot.worker) continue;
      this.startWorker(slot);
      wanted--;
    }
  }

  private run(slot: Slot, s: JobState): void {
    slot.running = s;
    s.job.status = 'running';
    s.job.stage = 'loading';
    const msg: WorkerRequest = { id: s.job.id, request: s.request! };
    slot.worker!.postMessage(msg);
    const w = slot.worker!;
    slot.timer = setTimeout(() => {
      if (slot.running !== s) return;
      this.options.log.warn({ jobId: s.job.id, timeoutMs: this.limits.timeoutMs }, 'export took too long; worker stopped');
      slot.running = null;
      slot.timer = null;
      slot.worker = null;
      slot.ready = false;
      this.finish(s, { failed: 'export_timeout' });
      void w.terminate();
      this.pump();
    }, this.limits.timeoutMs);
    slot.timer.unref();
  }

  private onReply(slot: Slot, w: Worker, reply: WorkerReply): void {
    if (slot.worker !== w) return;
    if (reply.type === 'ready') {
      slot.ready = true;
      this.pump();
      return;
    }
    const s = slot.running;
    if (!s || s.job.id !== reply.id) return;
    if (reply.type === 'progress') {
      s.job.progress = Math.max(s.job.progress, Math.min(0.99, reply.share));
      s.job.stage = reply.stage;
      return;
    }
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.running = null;
    if (reply.type === 'done') this.finish(s, { bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength) });
    else {
      this.options.log.error({ jobId: s.job.id, message: reply.message }, 'export failed');
      this.finish(s, { failed: 'render_failed' });
    }
    this.pump();
  }

  private finish(s: JobState, result: { bytes: Buffer } | { failed: ExportJobError }): void {
    if (s.job.status === 'done' || s.job.status === 'failed') return;
    s.request = null;
    s.job.finishedAt = new Date().toISOString();
    s.expiresAt = Date.now() + this.ttlMs;
    if ('bytes' in result) {
      s.bytes = result.bytes;
      s.job.status = 'done';
      s.job.progress = 1;
      s.job.stage = 'done';
      s.job.size = result.bytes.byteLength;
    } else {
      s.job.status = 'failed';
      s.job.stage = 'failed';
      s.job.error = result.failed;
      s.job.errorMessage = FAILURE_MESSAGES[result.failed](this.limits);
    }
    for (const w of s.waiters.splice(0)) w({ ...s.job });
  }

  private sweep(): void {
    const now = Date.now();
    const active = new Set<string>();
    for (const [id, s] of this.jobs) {
      if ((s.job.status === 'done' || s.job.status === 'failed') && s.expiresAt <= now) this.jobs.delete(id);
      else active.add(s.session);
    }
    for (const session of this.lastServed.keys()) if (!active.has(session)) this.lastServed.delete(session);
  }
}
