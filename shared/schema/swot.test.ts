import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getItem, getItemsMap, type WriteContext } from './items';
import {
  addSwotCard,
  addSwotCluster,
  deleteSwotCard,
  deleteSwotCluster,
  editSwotCardText,
  getSwotCardText,
  moveSwotCard,
  moveSwotCluster,
  quadrantCards,
  quadrantScope,
  readSwot,
  updateSwotCard,
  type Assessment,
} from './swot';

function writer(name: string): WriteContext {
  let n = 0;
  return { origin: { name }, author: { participantId: name, displayName: name.toUpperCase() }, newId: () => `${name}-${n++}`, now: () => 1000 + n };
}

const texts = (doc: Y.Doc, quadrant: Parameters<typeof quadrantCards>[1]) => quadrantCards(readSwot(doc), quadrant).map((c) => c.text);
const risk: Assessment = { probability: 'high', timing: { date: '2027-08-01' }, impact: 'medium' };

describe('SWOT board', () => {
  it('derives internal and external from the quadrant', () => {
    expect(quadrantScope('staerken')).toBe('intern');
    expect(quadrantScope('schwaechen')).toBe('intern');
    expect(quadrantScope('chancen')).toBe('extern');
    expect(quadrantScope('risiken')).toBe('extern');
  });

  it('adds cards in quadrant order and reads them sorted by quadrant', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    addSwotCard(doc, anna, { quadrant: 'risiken', text: 'Fachkräftemangel', assessment: risk });
    addSwotCard(doc, anna, { quadrant: 'staerken', text: 'Starke VHS' });
    const first = addSwotCard(doc, anna, { quadrant: 'staerken', text: 'Schulnetz', placement: 'start' });
    const board = readSwot(doc);
    expect(board.cards.map((c) => c.text)).toEqual(['Schulnetz', 'Starke VHS', 'Fachkräftemangel']);
    expect(board.cards[0]).toMatchObject({ id: first, scope: 'intern', color: 'yellow', clusterId: null, createdBy: { participantId: 'anna' } });
    expect(board.cards[2]?.assessment).toEqual(risk);
    expect(Object.isFrozen(board.cards[0])).toBe(true);
  });

  it('keeps the assessment of a card moved inside, and shows it again outside', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const id = addSwotCard(doc, anna, { quadrant: 'chancen', text: 'Neues Gewerbegebiet', assessment: risk });
    moveSwotCard(doc, anna, id, 'staerken', 'end');
    expect(readSwot(doc).cards[0]?.assessment).toBeNull();
    moveSwotCard(doc, anna, id, 'risiken', 'end');
    expect(readSwot(doc).cards[0]?.assessment).toEqual(risk);
  });

  it('moves cards within and between quadrants', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const a = addSwotCard(doc, anna, { quadrant: 'staerken', text: 'a' });
    addSwotCard(doc, anna, { quadrant: 'staerken', text: 'b' });
    const c = addSwotCard(doc, anna, { quadrant: 'staerken', text: 'c' });
    moveSwotCard(doc, anna, c, 'staerken', { before: a });
    expect(texts(doc, 'staerken')).toEqual(['c', 'a', 'b']);
    moveSwotCard(doc, anna, a, 'schwaechen', 'start');
    expect(texts(doc, 'staerken')).toEqual(['c', 'b']);
    expect(texts(doc, 'schwaechen')).toEqual(['a']);
    expect(moveSwotCard(doc, anna, 'gone', 'chancen', 'end')).toBe(false);
  });

  it('validates evidence and assessment on write', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const evidence = { indicator: 'Schulabgänger ohne Abschluss', value: 6.8, unit: '%', year: 2023, source: 'Bildungsbericht' };
    const id = addSwotCard(doc, anna, { quadrant: 'schwaechen', text: 'x', evidence });
    expect(readSwot(doc).cards[0]?.evidence).toEqual(evidence);
    expect(() => updateSwotCard(doc, anna, id, { evidence: { ...evidence, year: 20.5 } })).toThrow();
    expect(() => updateSwotCard(doc, anna, id, { assessment: { ...risk, timing: { date: 'bald' } } })).toThrow();
    updateSwotCard(doc, anna, id, { evidence: null, color: 'blue' });
    expect(readSwot(doc).cards[0]).toMatchObject({ evidence: null, color: 'blue' });
  });

  it('reads malformed card data as defaults without losing the card', () => {
    const doc = new Y.Doc();
    const id = addSwotCard(doc, writer('anna'), { quadrant: 'chancen', text: 'x' });
    const item = getItem(getItemsMap(doc), id)!;
    item.set('quadrant', 'irgendwo');
    item.set('color', 'javascript:alert(1)');
    item.set('evidence', { indicator: 3 });
    expect(readSwot(doc).cards[0]).toMatchObject({ id, quadrant: 'staerken', color: 'yellow', evidence: null });
  });

  it('clusters cards; a deleted cluster leaves its cards unclustered and undo restores the group', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([anna.origin]), captureTimeout: 0 });
    const cluster = addSwotCluster(doc, anna, 'staerken', 'Netzwerke');
    const card = addSwotCard(doc, anna, { quadrant: 'staerken', text: 'Bildungsbüro', clusterId: cluster });
    expect(readSwot(doc).cards[0]?.clusterId).toBe(cluster);
    deleteSwotCluster(doc, anna, cluster);
    expect(readSwot(doc).cards[0]?.clusterId).toBeNull();
    expect(readSwot(doc).cards).toHaveLength(1);
    undo.undo();
    expect(readSwot(doc).clusters[0]?.title).toBe('Netzwerke');
    expect(readSwot(doc).cards[0]?.clusterId).toBe(cluster);
    // Leaving the cluster's quadrant leaves the cluster.
    moveSwotCard(doc, anna, card, 'chancen', 'end');
    moveSwotCard(doc, anna, card, 'staerken', 'end');
    expect(readSwot(doc).cards[0]?.clusterId).toBeNull();
  });

  it('moves a cluster with its cards', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    addSwotCard(doc, anna, { quadrant: 'risiken', text: 'schon da' });
    const cluster = addSwotCluster(doc, anna, 'chancen', 'Digitalisierung');
    addSwotCard(doc, anna, { quadrant: 'chancen', text: 'DigitalPakt', clusterId: cluster });
    addSwotCard(doc, anna, { quadrant: 'chancen', text: 'Glasfaser', clusterId: cluster });
    addSwotCard(doc, anna, { quadrant: 'chancen', text: 'allein' });
    moveSwotCluster(doc, anna, cluster, 'risiken', 'start');
    const board = readSwot(doc);
    expect(board.clusters[0]).toMatchObject({ quadrant: 'risiken', title: 'Digitalisierung' });
    expect(quadrantCards(board, 'risiken').map((c) => [c.text, c.clusterId])).toEqual([
      ['schon da', null],
      ['DigitalPakt', cluster],
      ['Glasfaser', cluster],
    ]);
    expect(texts(doc, 'chancen')).toEqual(['allein']);
  });

  it('merges concurrent typing in one card', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addSwotCard(a, writer('anna'), { quadrant: 'staerken', text: 'Kooperation' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    editSwotCardText(a, writer('anna'), id, { index: 0, deleteCount: 0, insert: 'Gute ' });
    editSwotCardText(b, writer('ben'), id, 'Kooperation mit Kammern');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readSwot(a).cards[0]?.text).toBe('Gute Kooperation mit Kammern');
    expect(readSwot(b)).toEqual(readSwot(a));
    expect(getSwotCardText(a, id)?.toString()).toBe('Gute Kooperation mit Kammern');
  });

  it('undoes only the own deletion, with the card text', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const ben = writer('ben');
    const annaUndo = new Y.UndoManager(doc, { trackedOrigins: new Set([anna.origin]), captureTimeout: 0 });
    const keep = addSwotCard(doc, ben, { quadrant: 'staerken', text: 'Bens Karte' });
    const id = addSwotCard(doc, ben, { quadrant: 'staerken', text: 'Annas Opfer' });
    deleteSwotCard(doc, anna, id);
    deleteSwotCard(doc, ben, keep);
    expect(readSwot(doc).cards).toHaveLength(0);
    annaUndo.undo();
    expect(readSwot(doc).cards.map((c) => [c.id, c.text])).toEqual([[id, 'Annas Opfer']]);
  });
});
