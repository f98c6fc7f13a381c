/**
 * Limits per connection: frame size (4413), messages per second (4529), and presence changes
 * per second (4529; only a peer's own states count, echoes of others' are dropped before).
 */
import { CloseCode } from '../../../shared/closeCodes';
import { Limits } from '../../../shared/limits';
import type { SyncHook } from '../pipeline';

export function rateLimit(): SyncHook {
  return {
    name: 'rateLimit',
    message(peer, frame) {
      if (frame.byteLength > Limits.maxFrameBytes) return { close: CloseCode.payloadTooLarge, reason: 'frame too large' };
      if (!peer.messages.take()) return { close: CloseCode.rateLimited, reason: 'too many messages' };
      return undefined;
    },
    awareness(_doc, peer, entries) {
      if (entries.length > 0 && !peer.presence.take()) return { close: CloseCode.rateLimited, reason: 'too many presence changes' };
      return entries;
    },
  };
}
