/**
 * Relays stored updates to the other peers of this server, coalesced: an applied update is only
 * queued, and one macrotask later (setImmediate, i.e. after everything that arrived in the same
 * event-loop turn) the queue goes out as ONE merged frame per peer instead of one frame per
 * update per peer. Each write to a socket is a syscall; under load that fan-out was the server's
 * largest cost. A peer never gets its own updates back: a peer that contributed to the batch gets
 * the merge of the others' updates only (or nothing).
 *
 * Durability is untouched: the relay stage only ever sees updates the store has committed. A
 * relay to other server nodes (a message bus) would be another hook with a `relay` stage.
 */
import * as Y from 'yjs';
import type { SyncHook } from '../pipeline';
import { encodeUpdate } from '../protocol';
import type { SharedDoc } from '../SharedDoc';

interface Queue {
  items: { origin: unknown; update: Uint8Array }[];
  scheduled: NodeJS.Immediate | null;
}

export function localRelay(): SyncHook {
  const queues = new WeakMap<SharedDoc, Queue>();

  const flush = (doc: SharedDoc) => {
    const q = queues.get(doc);
    if (!q) return;
    if (q.scheduled) clearImmediate(q.scheduled);
    q.scheduled = null;
    const queue = q.items;
    if (queue.length === 0) return;
    q.items = [];
    if (doc.peers.size === 0) return;
    const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    const message = encodeUpdate(merge(queue.map((i) => i.update)));
    const contributors = new Set<unknown>();
    for (const i of queue) contributors.add(i.origin);
    for (const peer of doc.peers) {
      if (!contributors.has(peer)) {
        peer.send(message);
        continue;
      }
      const others = queue.filter((i) => i.origin !== peer).map((i) => i.update);
      if (others.length > 0) peer.send(encodeUpdate(merge(others)));
    }
  };

  return {
    name: 'localRelay',
    relay(doc, update, origin) {
      let q = queues.get(doc);
      if (!q) queues.set(doc, (q = { items: [], scheduled: null }));
      q.items.push({ origin, update });
      q.scheduled ??= setImmediate(() => flush(doc));
    },
    flush,
  };
}
