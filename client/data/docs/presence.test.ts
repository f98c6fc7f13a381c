import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PresenceStore } from './presence';

function remote(name: string, id: string, editing: string | null = null) {
  const a = new Awareness(new Y.Doc());
  a.setLocalState({ user: { id, name, color: '#1A3DA5', role: 'participant' }, editing });
  return a;
}

function relay(from: Awareness, to: Awareness) {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'server');
}

describe('PresenceStore', () => {
  it('tells exactly the items whose editors changed', () => {
    const local = new Awareness(new Y.Doc());
    local.setLocalState({ user: { id: 'self', name: 'Ich', color: '#000000', role: 'participant' } });
    const store = new PresenceStore(local, 'self');
    const people = Array.from({ length: 100 }, (_, i) => remote(`Person ${i}`, `p${i}`));
    for (const p of people) relay(p, local);

    const calls: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const id of ['a', 'b', 'c']) store.subscribeEditors(id, () => calls[id]!++);
    people[3]!.setLocalStateField('editing', 'a');
    relay(people[3]!, local);
    expect(store.editorsOf('a')).toEqual(['Person 3']);
    expect(calls).toEqual({ a: 1, b: 0, c: 0 });

    people[3]!.setLocalStateField('editing', 'b');
    relay(people[3]!, local);
    expect(store.editorsOf('a')).toEqual([]);
    expect(store.editorsOf('b')).toEqual(['Person 3']);
    expect(calls).toEqual({ a: 2, b: 1, c: 0 });

    // A presence beat without a change of item touches no item.
    people[3]!.setLocalStateField('cursor', { x: 1 });
    relay(people[3]!, local);
    expect(calls).toEqual({ a: 2, b: 1, c: 0 });
    store.destroy();
  });

  it('lists each participant once, the person first, and drops those who left', () => {
    const local = new Awareness(new Y.Doc());
    local.setLocalState({ user: { id: 'self', name: 'Zoe', color: '#000000', role: 'participant' } });
    const store = new PresenceStore(local, 'self');
    const a1 = remote('Anna', 'pa');
    const a2 = remote('Anna', 'pa'); // second tab
    const b = remote('Bernd', 'pb');
    for (const p of [a1, a2, b]) relay(p, local);
    expect(store.people().map((p) => [p.name, p.self])).toEqual([
      ['Zoe', true],
      ['Anna', false],
      ['Bernd', false],
    ]);
    b.setLocalState(null);
    relay(b, local);
    expect(store.people().map((p) => p.name)).toEqual(['Zoe', 'Anna']);
    store.destroy();
  });

  it('ignores the own other tab as an editor', () => {
    const local = new Awareness(new Y.Doc());
    const store = new PresenceStore(local, 'self');
    relay(remote('Ich', 'self', 'card-1'), local);
    relay(remote('Anna', 'pa', 'card-1'), local);
    expect(store.editorsOf('card-1')).toEqual(['Anna']);
    store.destroy();
  });
});
