/**
 * Presence is bound to the connection. Every awareness state a peer sends for itself is
 * stamped with the connection's participant id, name and role (`state.user.id|name|role`), so
 * nobody can appear as someone else or wear the moderator's badge. A state that does not parse
 * (its `user` not an object) or claims another identity (`user.id` or `user.name` not the
 * connection's) is dropped: not applied, not relayed. A state larger than
 * `Limits.awarenessStateMaxBytes` as JSON is refused and the connection closed with 4413
 * (`payloadTooLarge`): the stock client resends its state every 15 s, so dropping it quietly
 * would only repeat the cost. Removals (state null) pass. A projector is nobody: its states are
 * dropped.
 */
import { CloseCode } from '../../../shared/closeCodes';
import { Limits } from '../../../shared/limits';
import type { Peer } from '../Peer';
import type { SyncHook } from '../pipeline';
import type { AwarenessEntry } from '../protocol';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The state with the connection's identity, or undefined when it must be dropped. */
export function stampPresence(state: Record<string, unknown>, peer: Peer): Record<string, unknown> | undefined {
  const user = state.user;
  if (user !== undefined && !isObject(user)) return undefined;
  if (user?.id !== undefined && user.id !== peer.participantId) return undefined;
  if (user?.name !== undefined && user.name !== peer.displayName) return undefined;
  if (user?.color !== undefined && !(typeof user.color === 'string' && user.color.length <= 32)) return undefined;
  return { ...state, user: { ...user, id: peer.participantId, name: peer.displayName, role: peer.role } };
}

export function presence(): SyncHook {
  return {
    name: 'presence',
    awareness(_doc, peer, entries) {
      const out: AwarenessEntry[] = [];
      for (const e of entries) {
        if (e.state === null) {
          out.push(e);
          continue;
        }
        if (peer.projector) continue;
        if ((e.bytes ?? Buffer.byteLength(JSON.stringify(e.state))) > Limits.awarenessStateMaxBytes) return { close: CloseCode.payloadTooLarge, reason: 'presence state too large' };
        const state = isObject(e.state) ? stampPresence(e.state, peer) : undefined;
        if (state) out.push({ ...e, state });
      }
      return out;
    },
  };
}
