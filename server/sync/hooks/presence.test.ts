import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/closeCodes';
import { Limits } from '../../../shared/limits';
import type { SharedDoc } from '../SharedDoc';
import { fakePeer } from '../testPeer';
import { presence } from './presence';

const doc = {} as SharedDoc;
const anna = fakePeer('p-anna', { displayName: 'Anna', role: 'participant' });
const run = (state: unknown, bytes?: number) => presence().awareness!(doc, anna, [{ clientID: 7, clock: 2, state, bytes }]);

describe('presence hook', () => {
  it('stamps the connection’s id, name and role over what the client said, keeping the rest', () => {
    expect(run({ user: { id: 'p-anna', name: 'Anna', color: '#123456', role: 'moderator' }, cursor: { anchor: 1 } })).toEqual([
      { clientID: 7, clock: 2, bytes: undefined, state: { user: { id: 'p-anna', name: 'Anna', color: '#123456', role: 'participant' }, cursor: { anchor: 1 } } },
    ]);
    expect(run({ cursor: null })).toEqual([{ clientID: 7, clock: 2, bytes: undefined, state: { cursor: null, user: { id: 'p-anna', name: 'Anna', role: 'participant' } } }]);
  });

  it('drops states that claim another identity or do not parse', () => {
    expect(run({ user: { id: 'p-ben' } })).toEqual([]);
    expect(run({ user: { name: 'Ben' } })).toEqual([]);
    expect(run({ user: 'Anna' })).toEqual([]);
    expect(run({ user: { color: { x: 1 } } })).toEqual([]);
  });

  it('lets removals through and refuses a state larger than the limit with 4413', () => {
    expect(run(null)).toEqual([{ clientID: 7, clock: 2, state: null, bytes: undefined }]);
    expect(run({ pad: 'x' }, Limits.awarenessStateMaxBytes + 1)).toMatchObject({ close: CloseCode.payloadTooLarge });
    expect(run({ pad: 'x'.repeat(Limits.awarenessStateMaxBytes) })).toMatchObject({ close: CloseCode.payloadTooLarge });
  });
});
