import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SharedDoc } from '../SharedDoc';
import { fakePeer } from '../testPeer';
import { localRelay } from './localRelay';

const updatesOf = (frames: Uint8Array[]) =>
  frames.map((f) => {
    const d = decoding.createDecoder(f);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    return decoding.readVarUint8Array(d);
  });

function edits(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getText('t').insert(0, `${i}`);
  return out;
}

describe('localRelay hook', () => {
  it('sends what one turn queued as one merged frame; a contributor gets only the others’ updates', () => {
    const a = fakePeer('a');
    const b = fakePeer('b');
    const c = fakePeer('c');
    const doc = { peers: new Set([a, b, c]) } as unknown as SharedDoc;
    const hook = localRelay();
    const fromA = edits(3);
    const fromB = edits(2);
    for (const u of fromA) hook.relay!(doc, u, a);
    for (const u of fromB) hook.relay!(doc, u, b);
    expect(c.sent).toHaveLength(0);
    hook.flush!(doc);
    expect(c.sent).toHaveLength(1);
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(1);
    const mirror = (frames: Uint8Array[]) => {
      const d = new Y.Doc();
      for (const u of updatesOf(frames)) Y.applyUpdate(d, u);
      return Y.encodeStateVector(d);
    };
    const only = (updates: Uint8Array[]) => Y.encodeStateVector(((d) => (updates.forEach((u) => Y.applyUpdate(d, u)), d))(new Y.Doc()));
    expect(mirror(a.sent)).toEqual(only(fromB));
    expect(mirror(b.sent)).toEqual(only(fromA));
    expect(mirror(c.sent)).toEqual(only([...fromA, ...fromB]));
    hook.flush!(doc);
    expect(c.sent).toHaveLength(1);
  });

  it('flushes by itself one macrotask later', async () => {
    const a = fakePeer('a');
    const doc = { peers: new Set([a]) } as unknown as SharedDoc;
    const hook = localRelay();
    hook.relay!(doc, edits(1)[0]!, 'server');
    await new Promise((r) => setImmediate(r));
    expect(a.sent).toHaveLength(1);
  });
});
