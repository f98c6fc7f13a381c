import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/closeCodes';
import { Limits } from '../../../shared/limits';
import type { SharedDoc } from '../SharedDoc';
import { fakePeer } from '../testPeer';
import { rateLimit } from './rateLimit';

const doc = {} as SharedDoc;
const entry = { clientID: 1, clock: 1, state: {} };

describe('rateLimit hook', () => {
  it('refuses a frame over the size limit with 4413', () => {
    const hook = rateLimit();
    expect(hook.message!(fakePeer('p'), new Uint8Array(Limits.maxFrameBytes + 1))?.close).toBe(CloseCode.payloadTooLarge);
    expect(hook.message!(fakePeer('p'), new Uint8Array(Limits.maxFrameBytes))).toBeUndefined();
  });

  it('closes a peer past its message burst with 4529', () => {
    const hook = rateLimit();
    const peer = fakePeer('p');
    const verdicts = Array.from({ length: Limits.messageBurst + 1 }, () => hook.message!(peer, new Uint8Array(3)));
    expect(verdicts.slice(0, Limits.messageBurst).every((v) => v === undefined)).toBe(true);
    expect(verdicts.at(-1)?.close).toBe(CloseCode.rateLimited);
  });

  it('counts only presence changes that carry the peer’s own entries', () => {
    const hook = rateLimit();
    const peer = fakePeer('p');
    for (let i = 0; i < Limits.awarenessBurst * 3; i++) expect(hook.awareness!(doc, peer, [])).toEqual([]);
    for (let i = 0; i < Limits.awarenessBurst; i++) expect(hook.awareness!(doc, peer, [entry])).toEqual([entry]);
    expect(hook.awareness!(doc, peer, [entry])).toMatchObject({ close: CloseCode.rateLimited });
  });
});
