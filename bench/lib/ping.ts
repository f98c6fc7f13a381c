/**
 * WebSocket ping round-trip to a server, from a connection on a document of its own (so it
 * receives none of the load's traffic). The server's `ws` library answers a ping from its
 * event loop, so the round trip is a client's view of that loop's lag plus the TCP stack.
 */
import WebSocket from 'ws';
import { now } from './workload';

export class PingProbe {
  readonly samples: { t: number; rtt: number }[] = [];
  closes = 0;
  private ws: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private outstanding: number[] = [];
  private stopped = false;

  constructor(private readonly url: string, private readonly intervalMs = 50) {}

  start(): void {
    this.open();
    this.timer = setInterval(() => {
      const ws = this.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN || this.outstanding.length > 20) return;
      this.outstanding.push(now());
      ws.ping();
    }, this.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.ws?.terminate();
  }

  /** Round trips of pings sent inside [from, to]. */
  window(from: number, to: number): number[] {
    return this.samples.filter((s) => s.t >= from && s.t <= to).map((s) => s.rtt);
  }

  private open(): void {
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.ws = ws;
    this.outstanding = [];
    ws.on('pong', () => {
      const sent = this.outstanding.shift();
      if (sent !== undefined) this.samples.push({ t: sent, rtt: now() - sent });
    });
    ws.on('message', () => undefined);
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (this.stopped) return;
      this.closes++;
      setTimeout(() => this.open(), 200);
    });
  }
}
