/** A helper child process spoken to over IPC, one request at a time. */
import { type ChildProcess, spawn } from 'node:child_process';

export class Helper<To extends { type: string }, From extends { type: string }> {
  readonly child: ChildProcess;
  private readonly queue: From[] = [];
  private waiter: ((msg: From) => void) | undefined;
  private exitError: Error | undefined;

  /** `command` is run with an IPC channel; stdout and stderr go to ours. */
  constructor(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
    this.child.on('message', (raw) => {
      const msg = raw as From;
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = undefined;
        w(msg);
      } else this.queue.push(msg);
    });
    this.child.on('exit', (code, signal) => {
      this.exitError = new Error(`${args.join(' ')} exited (${code ?? signal})`);
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = undefined;
        w({ type: 'error', message: this.exitError.message } as unknown as From);
      }
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  send(msg: To): void {
    this.child.send(msg);
  }

  /** The next message; rejects on an 'error' message, an exit, or the timeout. */
  async next<T extends From['type']>(type: T, timeoutMs = 600_000): Promise<Extract<From, { type: T }>> {
    const msg = await new Promise<From>((resolve, reject) => {
      const queued = this.queue.shift();
      if (queued) return resolve(queued);
      if (this.exitError) return reject(this.exitError);
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`timed out waiting for ${type}`));
      }, timeoutMs);
      this.waiter = (m) => {
        clearTimeout(timer);
        resolve(m);
      };
    });
    if (msg.type === 'error') throw new Error(`helper failed: ${(msg as unknown as { message: string }).message}`);
    if (msg.type !== type) throw new Error(`expected ${type}, got ${msg.type}`);
    return msg as Extract<From, { type: T }>;
  }

  async request<T extends From['type']>(msg: To, reply: T, timeoutMs?: number): Promise<Extract<From, { type: T }>> {
    this.send(msg);
    return this.next(reply, timeoutMs);
  }

  async close(msg: To): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    try {
      this.send(msg);
    } catch {
      // channel already closed
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
