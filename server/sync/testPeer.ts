/**
 * Test support: a stand-in for a Peer that records what it is sent and how it was closed. The
 * wire itself is covered by the integration tests. Only tests import this file.
 */
import type { SessionRole } from '../../shared/domain';
import { Limits } from '../../shared/limits';
import type { Peer } from './Peer';
import { TokenBucket } from './RateLimiter';

export interface FakePeer extends Peer {
  sent: Uint8Array[];
  closedWith: number[];
}

export function fakePeer(participantId: string, options: { role?: SessionRole; displayName?: string; docName?: string } = {}): FakePeer {
  const peer = {
    participantId,
    displayName: options.displayName ?? participantId,
    role: options.role ?? 'participant',
    docName: options.docName ?? 'session-0001:swot',
    sessionId: 'session-0001',
    messages: new TokenBucket(Limits.messagesPerSecond, Limits.messageBurst),
    presence: new TokenBucket(Limits.awarenessPerSecond, Limits.awarenessBurst),
    closed: false,
    alive: true,
    sent: [] as Uint8Array[],
    closedWith: [] as number[],
    send(data: Uint8Array) {
      peer.sent.push(data);
    },
    close(code: { code: number }) {
      if (peer.closed) return;
      peer.closed = true;
      peer.closedWith.push(code.code);
    },
  };
  return peer as unknown as FakePeer;
}
