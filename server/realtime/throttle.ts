/**
 * Runs a task at most once per `delayMs` per key: a burst of requests (300 people joining, a
 * wave of disconnects) becomes one broadcast at the end of the burst window.
 */
export class Coalescer {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly delayMs: number) {}

  schedule(key: string, task: () => void): void {
    if (this.closed || this.pending.has(key)) return;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      task();
    }, this.delayMs);
    timer.unref();
    this.pending.set(key, timer);
  }

  close(): void {
    this.closed = true;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
