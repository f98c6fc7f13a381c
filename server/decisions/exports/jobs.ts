/**
 * Export jobs: created by a request, rendered one at a time in a worker thread (so a large PDF
 * never blocks the event loop serving the sessions), polled for progress, downloaded by their
 * owner, forgotten after a while. In memory, per process: behind a load balancer the poll and
 * the download must reach the process that took the job (sticky sessions), or re-create it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { DecisionExportFormat, ExportJob } from '../../../shared/decisionApi';
import type { RenderRequest } from './render';
import type { WorkerReply, WorkerRequest } from './worker';

interface JobState {
  job: ExportJob;
  owner: string;
  request: RenderRequest | null;
  bytes: Buffer | null;
  expiresAt: number;
  waiters: ((job: ExportJob) => void)[];
  startedAt: number | null;
}

export interface ExportJobsOptions {
  log: FastifyBaseLogger;
  /** How long a finished file is kept (ms). */
  ttlMs?: number;
  /** A render taking longer than this is stopped (ms). */
  timeoutMs?: number;
  /** Unfinished jobs one owner may have at a time. */
  maxPendingPerOwner?: number;
}

export class TooManyExports extends Error {}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

/** The ESM entry of tsx's register API, found from tsx's own package.json (independent of the cwd). */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
}

export class ExportJobs {
  private readonly jobs = new Map<string, JobState>();
  private readonly queue: JobState[] = [];
  private running: JobState | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly maxPending: number;

  constructor(private readonly options: ExportJobsOptions) {
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.maxPending = options.maxPendingPerOwner ?? 5;
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Queues a render; the job belongs to `owner` (nobody else can see or download it). */
  submit(owner: string, meta: { kind: ExportJob['kind']; format: DecisionExportFormat; fileName: string; mimeType: string }, request: RenderRequest): ExportJob {
    this.sweep();
    const pending = [...this.jobs.values()].filter((s) => s.owner === owner && (s.job.status === 'queued' || s.job.status === 'running')).length;
    if (pending >= this.maxPending) throw new TooManyExports(`At most ${this.maxPending} exports at a time`);
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
        createdAt: new Date().toISOString(),
        finishedAt: null,
        downloadUrl: `/api/exports/${id}/file`,
      },
      owner,
      request,
      bytes: null,
      expiresAt: Date.now() + this.ttlMs,
      waiters: [],
      startedAt: null,
    };
    this.jobs.set(id, state);
    this.queue.push(state);
    this.next();
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
    return this.queue.length + (this.running ? 1 : 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    if (this.timer) clearTimeout(this.timer);
    for (const s of [...this.queue, ...(this.running ? [this.running] : [])]) this.finish(s, { failed: 'shutting_down' });
    this.queue.length = 0;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private startWorker(): Worker {
    // The worker is TypeScript like the rest of the server. `--import tsx` in a worker's execArgv
    // comes too late on Node 20, so a bootstrap registers tsx's loader, then imports the worker.
    const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
    const w = new Worker(bootstrap, { eval: true });
    w.unref();
    w.on('message', (reply: WorkerReply) => this.onReply(reply));
    w.on('error', (err) => {
      this.options.log.error({ err }, 'export worker failed');
      this.crashed('worker_error');
    });
    w.on('exit', (code) => {
      if (this.worker === w) this.crashed(`worker_exit_${code}`);
    });
    return w;
  }

  private crashed(reason: string): void {
    this.worker = null;
    if (this.timer) clearTimeout(this.timer);
    const s = this.running;
    this.running = null;
    if (s) this.finish(s, { failed: reason });
    this.next();
  }

  private next(): void {
    if (this.closed || this.running) return;
    const s = this.queue.shift();
    if (!s || !s.request) return;
    this.running = s;
    s.job.status = 'running';
    s.job.stage = 'loading';
    s.startedAt = Date.now();
    this.worker ??= this.startWorker();
    const msg: WorkerRequest = { id: s.job.id, request: s.request };
    this.worker.postMessage(msg);
    this.timer = setTimeout(() => {
      this.options.log.error({ jobId: s.job.id }, 'export took too long; worker stopped');
      const w = this.worker;
      this.worker = null;
      this.running = null;
      this.finish(s, { failed: 'timeout' });
      void w?.terminate();
      this.next();
    }, this.timeoutMs);
    this.timer.unref();
  }

  private onReply(reply: WorkerReply): void {
    const s = this.running;
    if (!s || s.job.id !== reply.id) return;
    if (reply.type === 'progress') {
      s.job.progress = Math.max(s.job.progress, Math.min(0.99, reply.share));
      s.job.stage = reply.stage;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = null;
    if (reply.type === 'done') this.finish(s, { bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength) });
    else {
      this.options.log.error({ jobId: s.job.id, message: reply.message }, 'export failed');
      this.finish(s, { failed: 'render_failed' });
    }
    this.next();
  }

  private finish(s: JobState, result: { bytes: Buffer } | { failed: string }): void {
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
    }
    for (const w of s.waiters.splice(0)) w({ ...s.job });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, s] of this.jobs) {
      if ((s.job.status === 'done' || s.job.status === 'failed') && s.expiresAt <= now) this.jobs.delete(id);
    }
  }
}
