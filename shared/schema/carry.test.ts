import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editActionField, linkActionNode } from './actions';
import { boardChanges, carryForward, CARRIED_FROM_KEY, readBoardOrigin, readCarriedFrom, type BoardChange } from './carry';
import { getDeletionsMap } from './deletions';
import { addGoal, deleteGoal, editGoalText, GOALS_REMOVED_MAP, reparentGoal } from './goals';
import { eachItem, getItem, getItemsMap, type WriteContext } from './items';
import { addPriorityTopic, editPriorityText } from './priorities';
import { ANNA, Acceptor, BEN, MIA, Replica, senderOf } from './rules/testkit';
import { addSwotCard, addSwotCluster, deleteSwotCard, editSwotCardText, moveSwotCard, readSwot, SWOT_QUADRANTS, updateSwotCard, type SwotQuadrant } from './swot';
import { Network, Rng } from './testkit';

const SERVER_SENDER = { kind: 'server' } as const;

function stateOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

function docOf(update: Uint8Array): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return d;
}

const key = (c: BoardChange) => `${c.kind}:${c.part}:${c.id}`;

describe('carrying a board forward', () => {
  it('keeps every item under its id, marks where it came from, and leaves the earlier session’s deletion records behind', () => {
    const s1 = new Acceptor('swot');
    const anna = new Replica(s1, senderOf(ANNA));
    const ben = new Replica(s1, senderOf(BEN));
    let kept = '';
    let gone = '';
    expect(
      anna.edit((d) => {
        kept = addSwotCard(d, ANNA, { quadrant: 'staerken', text: 'Gute Kita-Versorgung' });
        gone = addSwotCard(d, ANNA, { quadrant: 'risiken', text: 'Fachkräftemangel' });
        addSwotCluster(d, ANNA, 'staerken', 'Infrastruktur');
      }),
    ).toBeUndefined();
    expect(ben.edit((d) => void deleteSwotCard(d, BEN, gone))).toBeUndefined();
    expect(getDeletionsMap(s1.state()).size).toBe(1);

    const carried = carryForward('swot', stateOf(s1.state()), 'session-1');
    // The new session's board starts with it, written by the server and checked like any change.
    const s2 = new Acceptor('swot');
    expect(s2.offer(carried, SERVER_SENDER)).toBeUndefined();
    const board = s2.state();
    const card = getItem(getItemsMap(board), kept)!;
    expect(readCarriedFrom(card)).toEqual({ sessionId: 'session-1', itemId: kept });
    expect(readCarriedFrom([...eachItem(board.getMap('clusters'))][0]![1])).toMatchObject({ sessionId: 'session-1' });
    expect(readSwot(board).cards.map((c) => c.text)).toEqual(['Gute Kita-Versorgung']);
    expect(getDeletionsMap(board).size).toBe(0);
    expect(readBoardOrigin(board)).toBe('session-1');
    expect(readBoardOrigin(s1.state())).toBeNull();

    // Only the server writes where an item came from.
    const mia = new Replica(s2, senderOf(MIA));
    expect(mia.edit((d) => getItem(getItemsMap(d), kept)!.set(CARRIED_FROM_KEY, { sessionId: 'elsewhere', itemId: kept }))).toBe('swot card.carriedFrom: written by the server only');
    // Participants of the new session work on carried cards as on any other.
    expect(mia.edit((d) => void editSwotCardText(d, MIA, kept, 'Gute Kita-Versorgung im Norden'))).toBeUndefined();
  });

  it('forgets the goal tree’s removed nodes and keeps the tree', () => {
    const s1 = new Acceptor('goals');
    const anna = new Replica(s1, senderOf(ANNA));
    let parent = '';
    let child = '';
    anna.edit((d) => {
      parent = addGoal(d, ANNA, { title: 'Übergang Schule–Beruf verbessern' });
      child = addGoal(d, ANNA, { title: 'Berufsorientierung ab Klasse 7', parentId: parent });
      const other = addGoal(d, ANNA, { title: 'Verworfen' });
      deleteGoal(d, ANNA, other);
    });
    expect(s1.state().getMap(GOALS_REMOVED_MAP).size).toBe(1);
    const s2 = new Acceptor('goals');
    expect(s2.offer(carryForward('goals', stateOf(s1.state()), 's1'), SERVER_SENDER)).toBeUndefined();
    const board = s2.state();
    expect(board.getMap(GOALS_REMOVED_MAP).size).toBe(0);
    expect(getItem(getItemsMap(board), child)!.get('parentId')).toBe(parent);
  });
});

describe('what changed since an earlier session', () => {
  it('lists added, changed, moved and removed cards with who and when', () => {
    const s1 = new Y.Doc();
    const a = addSwotCard(s1, { ...ANNA, now: () => 1000 }, { quadrant: 'staerken', text: 'A' });
    const b = addSwotCard(s1, { ...ANNA, now: () => 1000 }, { quadrant: 'schwaechen', text: 'B' });
    const c = addSwotCard(s1, { ...ANNA, now: () => 1000 }, { quadrant: 'chancen', text: 'C' });
    const same = addSwotCard(s1, { ...ANNA, now: () => 1000 }, { quadrant: 'risiken', text: 'unverändert' });
    const s2 = docOf(carryForward('swot', stateOf(s1), 's1'));
    editSwotCardText(s2, { ...BEN, now: () => 2000 }, a, 'A, genauer');
    moveSwotCard(s2, { ...BEN, now: () => 3000 }, b, 'chancen', 'end');
    deleteSwotCard(s2, { ...MIA, now: () => 4000 }, c);
    const added = addSwotCard(s2, { ...MIA, now: () => 5000 }, { quadrant: 'risiken', text: 'Neu' });
    // Typed away and back again: no change.
    editSwotCardText(s2, BEN, same, 'anders');
    editSwotCardText(s2, BEN, same, 'unverändert');

    const changes = boardChanges('swot', s1, s2);
    expect(changes.filter((x) => x.id !== same)).toEqual([
      { kind: 'added', part: 'items', id: added, label: 'Neu', fields: [], by: MIA.author, at: 5000 },
      { kind: 'removed', part: 'items', id: c, label: 'C', fields: [], by: MIA.author, at: 4000 },
      { kind: 'moved', part: 'items', id: b, label: 'B', fields: ['order', 'quadrant'], by: BEN.author, at: 3000 },
      { kind: 'changed', part: 'items', id: a, label: 'A, genauer', fields: ['text'], by: BEN.author, at: 2000 },
    ]);
    expect(changes.some((x) => x.id === same)).toBe(false);
  });

  it('reads the action plan and priorities the same way', () => {
    const p1 = new Y.Doc();
    const topic = addPriorityTopic(p1, ANNA, { title: 'Sprachförderung' });
    const p2 = docOf(carryForward('priorities', stateOf(p1), 's1'));
    editPriorityText(p2, BEN, topic, 'description', 'in allen Kitas');
    expect(boardChanges('priorities', p1, p2).map(key)).toEqual([`changed:items:${topic}`]);

    const a1 = new Y.Doc();
    editActionField(a1, ANNA, 'goal-1', 'wirkungen', 'Ganztag ausbauen');
    const a2 = docOf(carryForward('actions', stateOf(a1), 's1'));
    editActionField(a2, BEN, 'goal-1', 'wirkungen', '');
    linkActionNode(a2, BEN, 'goal-2', 'node-1');
    expect(boardChanges('actions', a1, a2).map(key).sort()).toEqual(['added:entries:goal-2', 'removed:entries:goal-1']);
  });

  /**
   * Seeded: session 1 writes a board, session 2 starts from it and three people edit it
   * concurrently (out of order, duplicated, offline stretches), session 3 starts from session 2.
   * Every replica of a session lists the same changes, and the list is what happened.
   */
  it('agrees on every replica and with what the people did (seeded)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Rng(seed);
      const people: WriteContext[] = [ANNA, BEN, MIA];
      const s1 = new Y.Doc();
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push(addSwotCard(s1, rng.pick(people)!, { quadrant: rng.pick(SWOT_QUADRANTS)!, text: rng.word() }));
      const before = readSwot(s1);

      const net = new Network(3, rng);
      const start = carryForward('swot', stateOf(s1), 's1');
      for (const d of net.docs) Y.applyUpdate(d, start);
      const touched = new Set<string>();
      const created: string[] = [];
      for (let step = 0; step < 80; step++) {
        const i = rng.int(3);
        const doc = net.docs[i]!;
        const who = people[i]!;
        const cards = readSwot(doc).cards.map((c) => c.id);
        const id = rng.pick(cards);
        const op = rng.int(6);
        if (op === 0) created.push(addSwotCard(doc, who, { quadrant: rng.pick(SWOT_QUADRANTS)!, text: rng.word() }));
        else if (id && op === 1) editSwotCardText(doc, who, id, rng.word());
        else if (id && op === 2) moveSwotCard(doc, who, id, rng.pick(SWOT_QUADRANTS) as SwotQuadrant, 'start');
        else if (id && op === 3) updateSwotCard(doc, who, id, { color: 'green' });
        else if (id && op === 4 && rng.bool(0.3)) deleteSwotCard(doc, who, id);
        if (id && op >= 1 && op <= 4) touched.add(id);
        if (rng.bool(0.1)) net.setOnline(rng.int(3), rng.bool(0.7));
        for (let k = rng.int(4); k > 0; k--) net.step();
      }
      for (let i = 0; i < 3; i++) net.setOnline(i, true);
      while (net.step());
      const lists = net.docs.map((d) => JSON.stringify(boardChanges('swot', s1, d)));
      expect(new Set(lists).size, `seed ${seed}: replicas disagree`).toBe(1);

      const after = readSwot(net.docs[0]!);
      const changes = boardChanges('swot', s1, net.docs[0]!);
      const was = new Map(before.cards.map((c) => [c.id, c]));
      const is = new Map(after.cards.map((c) => [c.id, c]));
      const of = (kind: string) => new Set(changes.filter((c) => c.kind === kind && c.part === 'items').map((c) => c.id));
      expect(of('added'), `seed ${seed}`).toEqual(new Set([...is.keys()].filter((id) => !was.has(id))));
      expect(of('removed'), `seed ${seed}`).toEqual(new Set([...was.keys()].filter((id) => !is.has(id))));
      for (const [id, card] of is) {
        const old = was.get(id);
        if (!old) continue;
        expect(of('changed').has(id), `seed ${seed}: ${id} changed`).toBe(old.text !== card.text || old.color !== card.color);
        expect(of('moved').has(id), `seed ${seed}: ${id} moved`).toBe(old.quadrant !== card.quadrant || old.order !== card.order);
        if (!touched.has(id)) expect(of('changed').has(id) || of('moved').has(id)).toBe(false);
      }
      for (const id of created) if (is.has(id)) expect(of('added').has(id)).toBe(true);

      // Session 3 starts from session 2: "since session 1" still compares item by item.
      const s3 = docOf(carryForward('swot', stateOf(net.docs[0]!), 's2'));
      // (Who removed what stays with the session it happened in: deletion records are not carried.)
      expect(boardChanges('swot', s1, s3).map(key).sort()).toEqual(changes.map(key).sort());
      expect(boardChanges('swot', net.docs[0]!, s3)).toEqual([]);
    }
  });

  it('follows a goal moved under another parent as a move', () => {
    const g1 = new Y.Doc();
    const p = addGoal(g1, ANNA, { title: 'P' });
    const q = addGoal(g1, ANNA, { title: 'Q' });
    const child = addGoal(g1, ANNA, { title: 'Kind', parentId: p });
    const g2 = docOf(carryForward('goals', stateOf(g1), 's1'));
    reparentGoal(g2, BEN, child, q);
    editGoalText(g2, BEN, q, 'title', 'Q neu');
    const changes = boardChanges('goals', g1, g2);
    expect(changes.map((c) => [c.kind, c.id, c.fields])).toEqual(
      expect.arrayContaining([
        ['moved', child, expect.arrayContaining(['parentId'])],
        ['changed', q, ['title']],
      ]),
    );
  });
});
