/**
 * The export worker thread: renders one request at a time and answers with the bytes, so a long
 * PDF never blocks the event loop that serves the sessions.
 */
import { parentPort } from 'node:worker_threads';
import { warmUpPdf } from './pdf';
import { renderExport, type RenderRequest } from './render';

export type WorkerRequest = { id: string; request: RenderRequest };
export type WorkerReply =
  /** Sent once the worker has loaded its renderers: from now on a job's time limit is fair. */
  | { type: 'ready' }
  | { id: string; type: 'progress'; share: number; stage: string }
  | { id: string; type: 'done'; bytes: Uint8Array }
  | { id: string; type: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread only');

port.on('message', (msg: WorkerRequest) => {
  const post = (reply: WorkerReply, transfer?: ArrayBuffer[]) => port.postMessage(reply, transfer);
  renderExport(msg.request, (share, stage) => post({ id: msg.id, type: 'progress', share, stage })).then(
    (buffer) => {
      // A copy of its own: small Buffers share a pooled ArrayBuffer that must not be transferred.
      const bytes = new Uint8Array(buffer.byteLength);
      bytes.set(buffer);
      post({ id: msg.id, type: 'done', bytes }, [bytes.buffer]);
    },
    (err: unknown) => post({ id: msg.id, type: 'failed', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
  );
});

// Renderers loaded and warmed up before the first job, so its time limit measures rendering only
// and the first export costs what the others do.
void warmUpPdf().then(
  () => port.postMessage({ type: 'ready' } satisfies WorkerReply),
  () => port.postMessage({ type: 'ready' } satisfies WorkerReply),
);
