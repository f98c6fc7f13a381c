import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/closeCodes';
import type { SharedDoc } from '../SharedDoc';
import { fakePeer } from '../testPeer';
import { writeAccess } from './writeAccess';

const doc = {} as SharedDoc;
const update = new Uint8Array([1]);

describe('writeAccess hook', () => {
  it('drops an observer’s update silently, whatever the lock', () => {
    const hook = writeAccess({ isLocked: () => false });
    const verdict = hook.checkUpdate!(doc, fakePeer('o', { role: 'observer' }), update);
    expect(verdict).toBeDefined();
    expect(verdict!.close).toBeUndefined();
  });

  it('closes a participant whose edit hits a locked board with 4423; moderators still write', () => {
    const locked = new Set(['session-0001:swot']);
    const hook = writeAccess({ isLocked: (name) => locked.has(name) });
    expect(hook.checkUpdate!(doc, fakePeer('p'), update)?.close).toBe(CloseCode.documentLocked);
    expect(hook.checkUpdate!(doc, fakePeer('m', { role: 'moderator' }), update)).toBeUndefined();
    expect(hook.checkUpdate!(doc, fakePeer('p', { docName: 'session-0001:notes' }), update)).toBeUndefined();
    locked.clear();
    expect(hook.checkUpdate!(doc, fakePeer('p'), update)).toBeUndefined();
  });
});
