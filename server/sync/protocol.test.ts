import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProtocolError, decodeClientMessage, encodeUpdate, validateUpdate } from './protocol';

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function realUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');
  return Y.encodeStateAsUpdate(doc);
}

describe('decodeClientMessage', () => {
  it('decodes sync step 1, updates, awareness and awareness queries', () => {
    const sv = Y.encodeStateVector(new Y.Doc());
    expect(decodeClientMessage(frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, sv))))).toEqual({ type: 'syncStep1', stateVector: sv });
    const u = realUpdate();
    expect(decodeClientMessage(encodeUpdate(u))).toEqual({ type: 'update', update: u });
    const aw = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 42);
      encoding.writeVarUint(e, 3);
      encoding.writeVarString(e, JSON.stringify({ user: { name: 'Ada' } }));
    });
    const awMsg = frame((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, aw.subarray(1))));
    expect(decodeClientMessage(awMsg)).toMatchObject({ type: 'awareness', entries: [{ clientID: 42, clock: 3, state: { user: { name: 'Ada' } } }] });
    expect(decodeClientMessage(frame((e) => encoding.writeVarUint(e, 3)))).toEqual({ type: 'queryAwareness' });
  });

  it.each([
    ['empty frame', new Uint8Array([])],
    ['unknown message type', new Uint8Array([9])],
    ['unknown sync step', new Uint8Array([0, 7, 0])],
    ['truncated varint', new Uint8Array([0, 0, 0xff])],
    ['length beyond the frame', new Uint8Array([0, 2, 200, 1, 2])],
    ['invalid state vector', frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, new Uint8Array([5, 0xff]))))],
    ['awareness with invalid JSON', frame((e) => { encoding.writeVarUint(e, 1); const inner = frame((i) => { encoding.writeVarUint(i, 1); encoding.writeVarUint(i, 1); encoding.writeVarUint(i, 1); encoding.writeVarString(i, '{nope'); }); encoding.writeVarUint8Array(e, inner); })],
    ['awareness state that is not an object', frame((e) => { encoding.writeVarUint(e, 1); const inner = frame((i) => { encoding.writeVarUint(i, 1); encoding.writeVarUint(i, 1); encoding.writeVarUint(i, 1); encoding.writeVarString(i, '[1]'); }); encoding.writeVarUint8Array(e, inner); })],
    ['awareness claiming a huge entry count', frame((e) => { encoding.writeVarUint(e, 1); const inner = frame((i) => encoding.writeVarUint(i, 2 ** 30)); encoding.writeVarUint8Array(e, inner); })],
  ])('rejects %s', (_name, data) => {
    expect(() => decodeClientMessage(data)).toThrow(ProtocolError);
  });
});

describe('validateUpdate', () => {
  it('accepts a real update and recognises an empty one', () => {
    expect(validateUpdate(realUpdate())).toEqual({ empty: false });
    expect(validateUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ empty: true });
  });

  it('rejects every truncation of a real update', () => {
    const u = realUpdate();
    for (let len = 1; len < u.length; len++) {
      const cut = u.subarray(0, len);
      let threw = false;
      try {
        validateUpdate(cut);
      } catch (e) {
        threw = e instanceof ProtocolError;
      }
      // A prefix may by chance be a complete, smaller update; then it must decode consistently.
      if (!threw) expect(() => Y.applyUpdate(new Y.Doc(), cut)).not.toThrow();
    }
  });

  it('rejects an update claiming a huge number of structs', () => {
    const bogus = frame((e) => {
      encoding.writeVarUint(e, 1); // one client
      encoding.writeVarUint(e, 2 ** 31); // claims 2^31 structs
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 0);
    });
    expect(() => validateUpdate(bogus)).toThrow(ProtocolError);
  });
});
