import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CANVAS_SECTIONS, getCanvasFragment } from '../../../shared/schema/canvas';
import { CanvasCarets, CanvasModel, EMPTY_CANVAS_FILTER, fragmentText } from './canvas';

/** Writes paragraphs into a section as a rich-text editor would (XmlElement 'paragraph' with XmlText). */
function write(doc: Y.Doc, sectionId: string, ...paragraphs: string[]): Y.XmlText[] {
  const fragment = getCanvasFragment(doc, sectionId);
  const texts = paragraphs.map((p) => new Y.XmlText(p));
  doc.transact(() => {
    fragment.insert(
      fragment.length,
      texts.map((text) => {
        const el = new Y.XmlElement('paragraph');
        el.insert(0, [text]);
        return el;
      }),
    );
  });
  return texts;
}

function caretIn(text: Y.XmlText, index: number) {
  const pos = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  return { anchor: pos, head: pos };
}

describe('CanvasModel', () => {
  it('reads a section as plain text, blocks on lines of their own, marks dropped', () => {
    const doc = new Y.Doc();
    const [first] = write(doc, 'akteure', 'Bildungsbüro erarbeitet', 'Beteiligt: Schulen');
    first!.format(0, 13, { bold: true });
    expect(fragmentText(getCanvasFragment(doc, 'akteure'))).toBe('Bildungsbüro erarbeitet\nBeteiligt: Schulen');
  });

  it('typing in one section re-reads that section only, and only when its text is asked for', () => {
    const doc = new Y.Doc();
    const model = new CanvasModel(doc);
    const [text] = write(doc, 'inhalte', 'Übergänge');
    write(doc, 'politik', 'Ausschuss');
    for (const s of CANVAS_SECTIONS) model.text(s.id);
    const reads = new Map(model.reads);
    let inhalte = 0;
    let politik = 0;
    const offs = [model.subscribeSection('inhalte', () => inhalte++), model.subscribeSection('politik', () => politik++)];
    for (const ch of ' gestalten') text!.insert(text!.length, ch);
    expect([inhalte, politik]).toEqual([10, 0]);
    // Nothing is read while typing; asked once, only the changed section is read again.
    expect(model.reads).toEqual(reads);
    expect(model.text('inhalte')).toBe('Übergänge gestalten');
    for (const s of CANVAS_SECTIONS) model.text(s.id);
    expect(model.reads.get('inhalte')).toBe(reads.get('inhalte')! + 1);
    expect(model.reads.get('politik')).toBe(reads.get('politik'));
    for (const off of offs) off();
  });

  it('filters sections by text in the answer or in the guiding questions (accents folded), and by section', () => {
    const doc = new Y.Doc();
    const model = new CanvasModel(doc);
    write(doc, 'bildungskommission', 'Tagt viermal im Jahr, Vorsitz: Schuldezernentin');
    const ids = (text: string, section = '') => model.structure({ text, section }, 'de').shown.map((m) => m.id);
    expect(ids('VIERMAL')).toEqual(['bildungskommission']);
    expect(ids('schuldezernentin')).toEqual(['bildungskommission']);
    // "Wer ist Mitglied?" is a guiding question of the Bildungskommission; "Rahmenbedingungen" of the IST-Aufnahme.
    expect(model.structure({ text: 'rahmenbedingungen', section: '' }, 'de').shown).toEqual([{ id: 'ist_aufnahme', inTemplate: true, inAnswer: false }]);
    expect(model.structure({ text: 'viermal', section: '' }, 'de').shown).toEqual([{ id: 'bildungskommission', inTemplate: false, inAnswer: true }]);
    // "Wie oft tagt sie?" is one of its guiding questions: found in both.
    expect(model.structure({ text: 'tagt', section: '' }, 'de').shown).toEqual([{ id: 'bildungskommission', inTemplate: true, inAnswer: true }]);
    expect(ids('framework', '')).toEqual([]);
    expect(model.structure({ text: 'framework', section: '' }, 'en').shown.map((m) => m.id)).toEqual(['ist_aufnahme']);
    expect(ids('', 'politik')).toEqual(['politik']);
    expect(ids('tagt', 'politik')).toEqual([]);
    expect(model.structure(EMPTY_CANVAS_FILTER, 'de').shown).toHaveLength(6);
    // A remote edit is found as well.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    write(remote, 'steuerung', 'Lenkungskreis Bildung');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(ids('lenkungskreis')).toEqual(['steuerung']);
  });
});

describe('CanvasCarets', () => {
  function room() {
    const doc = new Y.Doc();
    const [inhalteText] = write(doc, 'inhalte', 'Wirkung im Quartier');
    const [politikText] = write(doc, 'politik', 'Ausschuss für Schule');
    const remoteDoc = new Y.Doc();
    Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(doc));
    const local = new Awareness(doc);
    const remote = new Awareness(remoteDoc);
    const carets = new CanvasCarets(local, doc);
    const told = new Map<string, number>();
    for (const s of CANVAS_SECTIONS) carets.section(s.id).on('change', () => told.set(s.id, (told.get(s.id) ?? 0) + 1));
    const relay = () => applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
    return { doc, local, remote, carets, told, relay, inhalteText: inhalteText!, politikText: politikText!, remoteDoc };
  }

  it('tells only the section a caret moves in, and both sections when it moves across', () => {
    const { remote, told, relay, inhalteText, politikText, remoteDoc } = room();
    const remoteText = (t: Y.XmlText) => {
      // The same text in the other replica (same item id).
      const item = Y.getItem(remoteDoc.store, t._item!.id) as Y.Item;
      return item.content.getContent()[0] as Y.XmlText;
    };
    remote.setLocalState({ user: { name: 'Bernd', color: '#1A3DA5' }, cursor: caretIn(remoteText(inhalteText), 3) });
    relay();
    expect(Object.fromEntries(told)).toEqual({ inhalte: 1 });
    // Ten keystrokes: the caret moves within the section.
    for (let i = 4; i < 14; i++) {
      remote.setLocalStateField('cursor', caretIn(remoteText(inhalteText), i));
      relay();
    }
    expect(Object.fromEntries(told)).toEqual({ inhalte: 11 });
    remote.setLocalStateField('cursor', caretIn(remoteText(politikText), 0));
    relay();
    expect(Object.fromEntries(told)).toEqual({ inhalte: 12, politik: 1 });
    // Leaving: the section the caret was in is told.
    removeAwarenessStates(remote, [remote.clientID], 'left');
    relay();
    expect(Object.fromEntries(told)).toEqual({ inhalte: 12, politik: 2 });
  });

  it('does not redraw for the own caret; a caret in text not received yet reaches every section once', () => {
    const { local, remote, told, relay, inhalteText, remoteDoc, doc } = room();
    local.setLocalStateField('cursor', caretIn(inhalteText, 2));
    expect(told.size).toBe(0);
    // Bernd types into a new paragraph of "steuerung" and his caret arrives before the text does.
    const [fresh] = write(remoteDoc, 'steuerung', 'Neu');
    remote.setLocalState({ user: { name: 'Bernd', color: '#1A3DA5' }, cursor: caretIn(fresh!, 1) });
    relay();
    expect([...told.values()]).toEqual(CANVAS_SECTIONS.map(() => 1));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remoteDoc, Y.encodeStateVector(doc)));
    remote.setLocalStateField('cursor', caretIn(fresh!, 2));
    relay();
    // Now it is known to be in "steuerung": that section, and (once more) every section it might have been in.
    expect(told.get('steuerung')).toBe(2);
    remote.setLocalStateField('cursor', caretIn(fresh!, 3));
    relay();
    expect(told.get('steuerung')).toBe(3);
    expect(told.get('inhalte')).toBe(2);
  });
});
