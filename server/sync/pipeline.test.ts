import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes';
import type { SharedDoc } from './SharedDoc';
import { type SyncHook, SyncPipeline } from './pipeline';
import { fakePeer } from './testPeer';

const doc = {} as SharedDoc;
const update = new Uint8Array([0]);

describe('SyncPipeline', () => {
  it('runs a stage’s hooks in order; the first refusal wins and names its hook', () => {
    const calls: string[] = [];
    const hook = (name: string, refuse: boolean): SyncHook => ({
      name,
      checkUpdate() {
        calls.push(name);
        return refuse ? { close: CloseCode.documentLocked, reason: 'locked' } : undefined;
      },
    });
    const pipeline = new SyncPipeline([hook('a', false), { name: 'no-stage' }, hook('b', true), hook('c', true)]);
    expect(pipeline.checkUpdate(doc, fakePeer('p'), update)).toEqual({ close: CloseCode.documentLocked, reason: 'locked', hook: 'b' });
    expect(calls).toEqual(['a', 'b']);
    expect(new SyncPipeline([hook('a', false)]).checkUpdate(doc, fakePeer('p'), update)).toBeUndefined();
  });

  it('passes awareness entries through each hook in turn', () => {
    const entry = { clientID: 1, clock: 1, state: { n: 0 } };
    const add: SyncHook = { name: 'add', awareness: (_d, _p, es) => es.map((e) => ({ ...e, state: { n: (e.state as { n: number }).n + 1 } })) };
    const pipeline = new SyncPipeline([add, add]);
    expect(pipeline.awareness(doc, fakePeer('p'), [entry])).toEqual([{ clientID: 1, clock: 1, state: { n: 2 } }]);
    const stop: SyncHook = { name: 'stop', awareness: () => ({ close: CloseCode.rateLimited, reason: 'x' }) };
    expect(new SyncPipeline([add, stop, add]).awareness(doc, fakePeer('p'), [entry])).toMatchObject({ hook: 'stop' });
  });

  it('authenticates with the first hook that answers; without one, nobody gets in', async () => {
    const who = { id: 'p', sessionId: 's', role: 'participant' as const, displayName: 'P' };
    const request = {} as Parameters<SyncPipeline['authenticate']>[0];
    expect(await new SyncPipeline([{ name: 'skip', authenticate: async () => undefined }, { name: 'yes', authenticate: async () => who }]).authenticate(request)).toEqual(who);
    expect(await new SyncPipeline([]).authenticate(request)).toMatchObject({ hook: 'pipeline' });
  });
});
