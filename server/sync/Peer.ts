import type { WebSocket } from 'ws';
import type { SessionRole } from '../../shared/domain';
import { Limits } from '../../shared/limits';
import { TokenBucket } from './RateLimiter';

/** One authenticated WebSocket connection to one document. */
export class Peer {
  private static nextId = 1;
  readonly id = Peer.nextId++;
  readonly messages = new TokenBucket(Limits.messagesPerSecond, Limits.messageBurst);
  readonly presence = new TokenBucket(Limits.awarenessPerSecond, Limits.awarenessBurst);
  alive = true;
  closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly docName: string,
    readonly sessionId: string,
    readonly participantId: string,
    /** Changes live when a moderator changes the person's role. */
    public role: SessionRole,
    /** The name the store held when the connection opened: authorship and presence must use it. */
    readonly displayName: string,
    /** A session's projector: read-only, and its own presence is never applied or relayed. */
    readonly projector = false,
  ) {}

  send(data: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(data, (err) => {
      if (err) this.ws.terminate();
    });
  }

  close(code: { code: number; reason: string }): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code.code, code.reason);
  }
}
