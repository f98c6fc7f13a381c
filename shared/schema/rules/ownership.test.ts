/**
 * Who may delete whose item: the author always, the moderation always, anyone else only when the
 * session allows it and then with a deletion record that the rules check against the deletion;
 * the author restores from the record, and a forged record is refused.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MIGRATIONS } from '../index';
import { deletionsOf, DELETIONS_MAP, dismissDeletion, getDeletionsMap, restoreDeletedItem, snapshotItem } from '../deletions';
import { addGoal, deleteGoal, readGoalTree } from '../goals';
import { getItem, getItemsMap } from '../items';
import { runMigrations } from '../meta';
import { addPriorityTopic, deletePriorityTopic, readPriorities } from '../priorities';
import { addSwotCard, deleteSwotCard, editSwotCardText, moveSwotCard, readSwot, updateSwotCard } from '../swot';
import { Acceptor, ANNA, BEN, MIA, Replica, senderOf } from './testkit';
import { SERVER_SENDER } from './types';

function room(kind: 'swot' | 'priorities' | 'goals', authorsOnlyDelete = false) {
  const server = new Acceptor(kind);
  server.policy = { authorsOnlyDelete };
  expect(new Replica(server, SERVER_SENDER).edit((d) => runMigrations(d, MIGRATIONS[kind], 'migration'))).toBeUndefined();
  return {
    server,
    anna: new Replica(server, senderOf(ANNA)),
    ben: new Replica(server, senderOf(BEN)),
    mia: new Replica(server, senderOf(MIA, 'moderator')),
  };
}

function annasCard(r: ReturnType<typeof room>): string {
  let id = '';
  expect(
    r.anna.edit((d) => {
      id = addSwotCard(d, ANNA, { quadrant: 'risiken', color: 'blue' });
      editSwotCardText(d, ANNA, id, 'Fachkräftemangel in der Jugendhilfe');
    }),
  ).toBeUndefined();
  return id;
}

const cards = (a: Acceptor) => readSwot(a.state()).cards.map((c) => c.id);

describe('deleting someone else’s card', () => {
  it('with the setting off: allowed, with a record naming the deleter, the author and what was deleted', () => {
    const r = room('swot');
    const id = annasCard(r);
    expect(r.ben.edit((d) => deleteSwotCard(d, BEN, id))).toBeUndefined();
    expect(cards(r.server)).toEqual([]);
    const [deletion] = deletionsOf(r.server.state(), ANNA.author.participantId);
    expect(deletion?.id).toBe(id);
    expect(deletion?.record.by).toEqual(BEN.author);
    expect(deletion?.record.author).toEqual(ANNA.author);
    expect(deletion?.record.item.text).toEqual({ text: 'Fachkräftemangel in der Jugendhilfe' });
    expect(deletion?.record.item.quadrant).toEqual({ v: 'risiken' });
  });

  it('with the setting on: refused for a participant, whole', () => {
    const r = room('swot', true);
    const id = annasCard(r);
    expect(r.ben.edit((d) => deleteSwotCard(d, BEN, id))).toMatch(/swot cards: only its author or the moderation may delete it/);
    expect(cards(r.server)).toEqual([id]);
    expect(getDeletionsMap(r.server.state()).size).toBe(0);
  });

  it('own cards: deleted without a record, with the setting on or off', () => {
    for (const on of [false, true]) {
      const r = room('swot', on);
      const id = annasCard(r);
      expect(r.anna.edit((d) => deleteSwotCard(d, ANNA, id))).toBeUndefined();
      expect(cards(r.server)).toEqual([]);
      expect(getDeletionsMap(r.server.state()).size).toBe(0);
    }
  });

  it('the moderation: always, and the author is told', () => {
    const r = room('swot', true);
    const id = annasCard(r);
    expect(r.mia.edit((d) => deleteSwotCard(d, MIA, id))).toBeUndefined();
    expect(cards(r.server)).toEqual([]);
    expect(deletionsOf(r.server.state(), ANNA.author.participantId)[0]?.record.by).toEqual(MIA.author);
  });

  it('refuses a participant’s deletion of someone else’s card without a record', () => {
    const r = room('swot');
    const id = annasCard(r);
    expect(r.ben.edit((d) => getItemsMap(d).delete(id))).toMatch(/someone else's item deleted without a deletion record/);
    expect(cards(r.server)).toEqual([id]);
  });

  it('refuses forged records: another deleter, another author, another text, no deletion at all', () => {
    const r = room('swot');
    const id = annasCard(r);
    const forge = (patch: (record: Record<string, unknown>) => void, remove = true) =>
      r.ben.edit((d) =>
        d.transact(() => {
          const item = getItem(getItemsMap(d), id)!;
          const record: Record<string, unknown> = { by: { ...BEN.author }, author: { ...ANNA.author }, at: 1, item: snapshotItem(item) };
          patch(record);
          getDeletionsMap(d).set(id, record);
          if (remove) getItemsMap(d).delete(id);
        }),
      );
    expect(forge((rec) => (rec.by = { ...MIA.author }))).toMatch(/forged authorship/);
    expect(forge((rec) => (rec.author = { ...BEN.author }))).toMatch(/author is not the deleted item's/);
    expect(forge((rec) => (rec.item = { ...(rec.item as object), text: { text: 'Etwas anderes' } }))).toMatch(/snapshot is not the deleted item/);
    expect(forge(() => undefined, false)).toMatch(/reports no deletion/);
    expect(cards(r.server)).toEqual([id]);
  });

  it('two people delete the same card at once: the second record, arriving after the card is gone, is accepted', () => {
    const r = room('swot');
    const id = annasCard(r);
    const CARL = { origin: 'carl', author: { participantId: 'p-carl-0001', displayName: 'Carl' } };
    const carl = new Replica(r.server, senderOf(CARL));
    // Both see the card and delete it before either hears of the other.
    const update = (d: Y.Doc, change: () => void): Uint8Array => {
      const before = Y.encodeStateVector(d);
      change();
      return Y.encodeStateAsUpdate(d, before);
    };
    r.ben.sync();
    const bens = update(r.ben.doc, () => deleteSwotCard(r.ben.doc, BEN, id));
    const carls = update(carl.doc, () => deleteSwotCard(carl.doc, CARL, id));
    expect(r.server.offer(bens, r.ben.sender)).toBeUndefined();
    expect(getDeletionsMap(r.server.state()).get(id)).toMatchObject({ by: BEN.author });
    expect(r.server.offer(carls, carl.sender)).toBeUndefined();
    expect(cards(r.server)).toEqual([]);
    expect(deletionsOf(r.server.state(), ANNA.author.participantId).map((d) => d.id)).toEqual([id]);
    // A record for the gone card still has to tell the truth about it.
    const recorded = getDeletionsMap(r.server.state()).get(id) as Record<string, unknown>;
    const forge = (patch: Record<string, unknown>) => r.ben.edit((d) => getDeletionsMap(d).set(id, { ...recorded, by: { ...BEN.author }, ...patch }));
    expect(forge({ item: { ...(recorded.item as object), text: { text: 'Etwas anderes' } } })).toMatch(/snapshot is not the deleted item/);
    expect(forge({ author: { ...MIA.author } })).toMatch(/author is not the deleted item's/);
    expect(forge({})).toBeUndefined();
  });

  it('the author restores the card with its text, position and authorship, and the record is gone', () => {
    const r = room('swot', true);
    const id = annasCard(r);
    r.anna.edit((d) => updateSwotCard(d, ANNA, id, { color: 'green' }));
    const before = readSwot(r.server.state()).cards[0]!;
    r.server.policy = {};
    expect(r.ben.edit((d) => deleteSwotCard(d, BEN, id))).toBeUndefined();
    // Restoring is not a deletion: allowed with the setting on.
    r.server.policy = { authorsOnlyDelete: true };
    expect(r.anna.edit((d) => expect(restoreDeletedItem(d, ANNA, id)).toBe(true))).toBeUndefined();
    const after = readSwot(r.server.state()).cards[0]!;
    expect(after).toMatchObject({ id, text: before.text, quadrant: 'risiken', color: 'green', order: before.order, createdBy: ANNA.author, createdAt: before.createdAt });
    expect(getDeletionsMap(r.server.state()).size).toBe(0);
  });

  it('only the author, the deleter and the moderation remove a record', () => {
    const r = room('swot');
    const id = annasCard(r);
    r.ben.edit((d) => deleteSwotCard(d, BEN, id));
    const carl = new Replica(r.server, { kind: 'participant', participantId: 'p-carl-0001', displayName: 'Carl', role: 'participant' });
    expect(carl.edit((d) => getDeletionsMap(d).delete(id))).toMatch(/deletion records\.[\w-]+: removed, but only the server may remove it/);
    expect(r.anna.edit((d) => dismissDeletion(d, ANNA, id))).toBeUndefined();
    expect(getDeletionsMap(r.server.state()).has(id)).toBe(false);
  });

  it('the deleter’s undo puts the card back and takes the record away', () => {
    const r = room('swot');
    const id = annasCard(r);
    const um = new Y.UndoManager(r.ben.doc, { trackedOrigins: new Set([BEN.origin]) });
    expect(r.ben.edit((d) => deleteSwotCard(d, BEN, id))).toBeUndefined();
    // The replica keeps its document while edits are accepted: the undo manager sees its change.
    expect(r.ben.edit(() => um.undo())).toBeUndefined();
    expect(cards(r.server)).toEqual([id]);
    expect(readSwot(r.server.state()).cards[0]?.text).toBe('Fachkräftemangel in der Jugendhilfe');
    expect(r.server.state().getMap(DELETIONS_MAP).size).toBe(0);
    expect(r.ben.edit(() => um.redo())).toBeUndefined();
    expect(cards(r.server)).toEqual([]);
  });

  it('priority topics and goal nodes follow the same rule', () => {
    const p = room('priorities', true);
    let topic = '';
    p.anna.edit((d) => (topic = addPriorityTopic(d, ANNA, { title: 'Übergang Kita–Grundschule' })));
    expect(p.ben.edit((d) => deletePriorityTopic(d, BEN, topic))).toMatch(/priority topics: only its author or the moderation/);
    p.server.policy = {};
    expect(p.ben.edit((d) => deletePriorityTopic(d, BEN, topic))).toBeUndefined();
    expect(readPriorities(p.server.state())).toEqual([]);
    expect(p.anna.edit((d) => restoreDeletedItem(d, ANNA, topic))).toBeUndefined();
    expect(readPriorities(p.server.state())[0]?.title).toBe('Übergang Kita–Grundschule');

    const g = room('goals', true);
    let goal = '';
    g.anna.edit((d) => (goal = addGoal(d, ANNA, { level: 'leitbild', title: 'Bildungsgerechtigkeit' })));
    expect(g.ben.edit((d) => deleteGoal(d, BEN, goal))).toMatch(/goal nodes: only its author or the moderation/);
    g.server.policy = {};
    expect(g.ben.edit((d) => deleteGoal(d, BEN, goal))).toBeUndefined();
    expect(g.anna.edit((d) => restoreDeletedItem(d, ANNA, goal))).toBeUndefined();
    expect(readGoalTree(g.server.state()).byId.get(goal)?.title).toBe('Bildungsgerechtigkeit');
  });
});

describe('deleting someone else’s card while its author edits it', () => {
  /** The update a change makes on a replica's document, without sending it. */
  const update = (d: Y.Doc, change: () => void): Uint8Array => {
    const before = Y.encodeStateVector(d);
    change();
    return Y.encodeStateAsUpdate(d, before);
  };
  /** Anna rewrites, moves and re-colours her card while Ben, who saw it before, deletes it. */
  function concurrent() {
    const r = room('swot');
    const id = annasCard(r);
    r.ben.sync();
    r.anna.sync();
    const annas = update(r.anna.doc, () => {
      editSwotCardText(r.anna.doc, ANNA, id, 'Fachkräfte fehlen in der Jugendhilfe und Schule');
      moveSwotCard(r.anna.doc, ANNA, id, 'schwaechen', 'end');
      updateSwotCard(r.anna.doc, ANNA, id, { color: 'green' });
    });
    const seen = snapshotItem(getItem(getItemsMap(r.ben.doc), id)!);
    const bensView = Y.encodeStateAsUpdate(r.ben.doc);
    const bens = update(r.ben.doc, () => deleteSwotCard(r.ben.doc, BEN, id));
    return { r, id, annas, bens, seen, bensView };
  }

  it('the edit first: the record says what the deleter saw, and is accepted', () => {
    const { r, id, annas, bens, seen } = concurrent();
    expect(r.server.offer(annas, r.anna.sender)).toBeUndefined();
    expect(r.server.offer(bens, r.ben.sender)).toBeUndefined();
    expect(cards(r.server)).toEqual([]);
    const [deletion] = deletionsOf(r.server.state(), ANNA.author.participantId);
    expect(deletion?.id).toBe(id);
    expect(deletion?.record.item).toEqual(seen);
    expect(deletion?.record.item.text).toEqual({ text: 'Fachkräftemangel in der Jugendhilfe' });
    expect(deletion?.record.item.quadrant).toEqual({ v: 'risiken' });
    expect(deletion?.record.item.color).toEqual({ v: 'blue' });
  });

  it('the deletion first: accepted, and the edit that follows changes nothing', () => {
    const { r, id, annas, bens, seen } = concurrent();
    expect(r.server.offer(bens, r.ben.sender)).toBeUndefined();
    expect(r.server.offer(annas, r.anna.sender)).toBeUndefined();
    expect(cards(r.server)).toEqual([]);
    expect(deletionsOf(r.server.state(), ANNA.author.participantId).map((d) => [d.id, d.record.item])).toEqual([[id, seen]]);
  });

  it('a value of the deleter’s that lost to the author’s concurrent write is what the deleter saw', () => {
    const r = room('swot');
    const id = annasCard(r);
    r.ben.sync();
    r.anna.sync();
    // Of two concurrent writes to a key, the higher client id's wins: Ben's loses.
    r.ben.doc.clientID = 100;
    r.anna.doc.clientID = 200;
    const annas = update(r.anna.doc, () => updateSwotCard(r.anna.doc, ANNA, id, { color: 'green' }));
    // Two changes, two updates (as a connected client sends them).
    const bensEdit = update(r.ben.doc, () => updateSwotCard(r.ben.doc, BEN, id, { color: 'yellow' }));
    const bens = update(r.ben.doc, () => deleteSwotCard(r.ben.doc, BEN, id));
    expect(r.server.offer(annas, r.anna.sender)).toBeUndefined();
    expect(r.server.offer(bensEdit, r.ben.sender)).toBeUndefined();
    expect(readSwot(r.server.state()).cards[0]?.color).toBe('green');
    expect(r.server.offer(bens, r.ben.sender)).toBeUndefined();
    expect(deletionsOf(r.server.state(), ANNA.author.participantId)[0]?.record.item.color).toEqual({ v: 'yellow' });
  });

  it('refuses a record that is neither the item on the server nor the item the deleter’s change deleted', () => {
    const { r, id, annas, seen, bensView } = concurrent();
    expect(r.server.offer(annas, r.anna.sender)).toBeUndefined();
    const serverItem = snapshotItem(getItem(getItemsMap(r.server.state()), id)!);
    expect([serverItem.quadrant, seen.quadrant]).toEqual([{ v: 'schwaechen' }, { v: 'risiken' }]);
    // Ben's deletion, from the view he had, with a record of his making.
    const forged = (item: Record<string, unknown>) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, bensView);
      return update(d, () =>
        d.transact(() => {
          getDeletionsMap(d).set(id, { by: { ...BEN.author }, author: { ...ANNA.author }, at: 1, item });
          getItemsMap(d).delete(id);
        }),
      );
    };
    // Another quadrant, one that never stood there.
    expect(r.server.offer(forged({ ...seen, quadrant: { v: 'chancen' } }), r.ben.sender)).toMatch(/snapshot is not the deleted item/);
    // The old text with the new quadrant: matches neither view.
    expect(r.server.offer(forged({ ...seen, quadrant: serverItem.quadrant }), r.ben.sender)).toMatch(/snapshot is not the deleted item/);
    // Text the card never had.
    expect(r.server.offer(forged({ ...seen, text: { text: 'Etwas anderes' } }), r.ben.sender)).toMatch(/snapshot is not the deleted item/);
    expect(cards(r.server)).toEqual([id]);
    // The item as the server holds it is the truth as well.
    expect(r.server.offer(forged(serverItem), r.ben.sender)).toBeUndefined();
    expect(cards(r.server)).toEqual([]);
  });
});
