import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { richDocFromText } from '../richText';
import {
  addDraftRow,
  deleteDraftRow,
  editDraftText,
  getProseFragment,
  mergeDecisionContent,
  moveDraftRow,
  readDecisionDraft,
  readDraftStatusSignals,
  draftMapName,
  rowsMapName,
  setDraftChoices,
  setDraftStatusSignal,
  updateDraftRow,
  writeAssembledDraft,
  type DecisionProvenance,
} from './decisions';

const anna = { origin: 'anna', author: { participantId: 'p-anna', displayName: 'Anna' } };
const ben = { origin: 'ben', author: { participantId: 'p-ben', displayName: 'Ben' } };
const D = 'draft-1';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const provenance: DecisionProvenance = {
  sources: [{ ref: { board: 'goals', itemId: 'n1' }, label: 'Ziel', pickedAt: '2026-11-26T10:00:00.000Z', consensusIds: ['r1:o1'] }],
  consensus: [],
  participation: { people: 3, byActorGroup: [], withoutGroup: 3, observers: 0, maxVoters: 0 },
};

describe('decision drafts in the decisions document', () => {
  it('writes an assembled draft and reads it back with links, nested indicators and goal links of measures', () => {
    const doc = new Y.Doc();
    const ids = writeAssembledDraft(doc, anna, D, {
      title: 'Übergänge stärken',
      gremium: 'Lenkungskreis Bildung',
      prose: { beschlussvorschlag: richDocFromText('Der Lenkungskreis beschließt …') },
      municipalRole: 'gewaehrleisterin',
      goals: [
        {
          title: 'Quote erhöhen',
          description: '',
          level: 'operativ',
          zielfeld: 'wirkungen',
          targetGroup: 'Jugendliche',
          area: '',
          owner: 'Schulamt',
          source: { board: 'goals', itemId: 'n1' },
          consensusIds: ['r1:o1'],
          indicators: [{ name: 'Quote', unit: '%', baseline: 61, target: 70, deadline: '2028-07-31', dataSource: 'IT.NRW' }],
        },
      ],
      measures: [{ title: 'Berufsorientierung', description: '', zielfeld: 'leistungen', owner: '', due: null, source: { board: 'goals', itemId: 'n2' }, consensusIds: [], goalIndex: 0 }],
    });
    const draft = readDecisionDraft(doc, D);
    expect(draft.title).toBe('Übergänge stärken');
    expect(draft.municipalRole).toBe('gewaehrleisterin');
    expect(draft.goals).toHaveLength(1);
    expect(draft.goals[0]).toMatchObject({ id: ids.goals[0], source: { board: 'goals', itemId: 'n1' }, consensusIds: ['r1:o1'] });
    expect(draft.goals[0]!.indicators).toEqual([{ id: expect.any(String), name: 'Quote', unit: '%', baseline: 61, target: 70, deadline: '2028-07-31', dataSource: 'IT.NRW' }]);
    expect(draft.measures[0]!.goalId).toBe(ids.goals[0]);
    expect(draft.beschlussvorschlag).toEqual(richDocFromText('Der Lenkungskreis beschließt …'));

    // Provenance: only links the server knows survive the merge.
    const content = mergeDecisionContent(draft, provenance);
    expect(content.goals[0]!.source).toEqual({ board: 'goals', itemId: 'n1' });
    expect(content.goals[0]!.consensusIds).toEqual([]);
    expect(content.measures[0]!.source).toBeNull();
    expect(content.participation).toEqual({ ...provenance.participation, note: '' });

    // More picks later: texts already written stay, rows are appended.
    editDraftText(doc, anna, D, 'title', 'Übergänge gemeinsam stärken');
    writeAssembledDraft(doc, anna, D, { title: 'Anderer Titel', gremium: 'X', topics: [{ title: 'Kita', description: '', rank: 2, role: null, source: null, consensusIds: [] }] });
    const again = readDecisionDraft(doc, D);
    expect(again.title).toBe('Übergänge gemeinsam stärken');
    expect(again.gremium).toBe('Lenkungskreis Bildung');
    expect(again.topics.map((t) => t.title)).toEqual(['Kita']);
  });

  it('a draft written before the Vorlage fields existed reads with their defaults; invalid stored values read as defaults', () => {
    const doc = new Y.Doc();
    // As an older server wrote a draft: title, Gremium, a choice; no Beratungsfolge row.
    doc.getText(`decision:${D}:title`).insert(0, 'Alt');
    doc.getText(`decision:${D}:gremium`).insert(0, 'Lenkungskreis Bildung');
    doc.getMap(draftMapName(D)).set('municipalRole', 'gewaehrleisterin');
    const draft = readDecisionDraft(doc, D);
    expect(draft).toMatchObject({
      title: 'Alt',
      vorlagenNr: '',
      datum: null,
      federfuehrung: '',
      verfasser: '',
      oeffentlichkeit: 'oeffentlich',
      betreff: '',
      beratungsfolge: [],
      finanzielleAuswirkungen: null,
      haushaltsjahr: '',
      produkt: '',
      deckung: '',
      folgekosten: '',
      anlagen: [],
    });
    // Values no rule would have let through, read defensively.
    const choices = doc.getMap(draftMapName(D));
    choices.set('oeffentlichkeit', 'geheim');
    choices.set('finanzielleAuswirkungen', 42);
    choices.set('datum', '2026-13-01');
    const row = new Y.Map<unknown>();
    doc.getMap(rowsMapName(D, 'anlagen')).set('a1', row);
    row.set('order', 'a0');
    row.set('title', 'Anlage');
    row.set('link', 'javascript:alert(1)');
    const again = readDecisionDraft(doc, D);
    expect(again).toMatchObject({ oeffentlichkeit: 'oeffentlich', finanzielleAuswirkungen: null, datum: null });
    expect(again.anlagen).toEqual([{ id: 'a1', title: 'Anlage', link: '' }]);
    // Writing refuses what the rules would refuse.
    expect(() => setDraftChoices(doc, anna, D, { oeffentlichkeit: 'geheim' as never })).toThrow(/oeffentlichkeit/);
    expect(() => setDraftChoices(doc, anna, D, { datum: '1.12.2026' })).toThrow(/datum/);
    expect(() => addDraftRow(doc, anna, D, 'anlagen', { title: 'x', link: 'file:///etc/passwd' })).toThrow(/link/);
    expect(() => addDraftRow(doc, anna, D, 'beratungsfolge', { gremium: 'x', zustaendigkeit: 'abstimmung' as never })).toThrow(/zustaendigkeit/);
  });

  it('a new draft starts its Beratungsfolge with the Gremium; an information paper’s Gremium takes note', () => {
    const doc = new Y.Doc();
    writeAssembledDraft(doc, anna, D, { title: 'Meinungsbild Ganztag', gremium: 'Lenkungskreis Bildung', zustaendigkeit: 'kenntnisnahme' });
    expect(readDecisionDraft(doc, D).beratungsfolge).toEqual([{ id: expect.any(String), gremium: 'Lenkungskreis Bildung', date: null, zustaendigkeit: 'kenntnisnahme' }]);
    // More picks later add no second row, even after the Gremium was renamed.
    editDraftText(doc, anna, D, 'gremium', 'Steuerungsgruppe');
    writeAssembledDraft(doc, anna, D, { title: '', gremium: 'Lenkungskreis Bildung' });
    expect(readDecisionDraft(doc, D).beratungsfolge).toHaveLength(1);
  });

  it('rows: add, edit cells concurrently, move, delete a goal with its indicators', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const goalId = addDraftRow(a, anna, D, 'goals', { title: 'Ziel' });
    addDraftRow(a, anna, D, 'indicators', { goalId, name: 'Quote' });
    const k1 = addDraftRow(a, anna, D, 'costs', { label: 'Stelle', amountEur: 1000 });
    const k2 = addDraftRow(a, anna, D, 'costs', { label: 'Sachmittel' });
    sync(a, b);
    updateDraftRow(a, anna, D, 'costs', k1, { amountEur: 65000 });
    updateDraftRow(b, ben, D, 'costs', k1, { period: 'jährlich' });
    moveDraftRow(b, ben, D, 'costs', k2, 'start');
    setDraftChoices(b, ben, D, { verbindlichkeitsstufe: 'vertragliche_kooperation' });
    sync(a, b);
    const ra = readDecisionDraft(a, D);
    expect(ra).toEqual(readDecisionDraft(b, D));
    expect(ra.costs.map((c) => [c.label, c.amountEur, c.period])).toEqual([
      ['Sachmittel', null, ''],
      ['Stelle', 65000, 'jährlich'],
    ]);
    expect(ra.verbindlichkeitsstufe).toBe('vertragliche_kooperation');
    expect(() => updateDraftRow(a, anna, D, 'costs', k1, { amountEur: Number.NaN })).toThrow();
    expect(deleteDraftRow(a, anna, D, 'goals', goalId)).toBe(true);
    expect(a.getMap(rowsMapName(D, 'indicators')).size).toBe(0);
    expect(readDecisionDraft(a, D).goals).toEqual([]);
  });

  it('two people starting the same fresh draft merge their typing (root types)', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    editDraftText(a, anna, D, 'resourcesNote', 'Räume der VHS');
    editDraftText(b, ben, D, 'resourcesNote', 'IT: Lernplattform');
    a.transact(() => getProseFragment(a, D, 'begruendung').insert(0, [new Y.XmlElement('paragraph')]));
    b.transact(() => getProseFragment(b, D, 'begruendung').insert(0, [new Y.XmlElement('paragraph')]));
    sync(a, b);
    const note = readDecisionDraft(a, D).resourcesNote;
    expect(note).toContain('Räume der VHS');
    expect(note).toContain('IT: Lernplattform');
    expect(readDecisionDraft(a, D).begruendung.content).toHaveLength(2);
  });

  it('reads a document a misbehaving client wrote without throwing', () => {
    const doc = new Y.Doc();
    doc.getMap(`decision:${D}:title`).set('x', 1); // the title declared as a map
    doc.getText(rowsMapName(D, 'goals')).insert(0, 'not a map');
    const costs = doc.getMap<unknown>(rowsMapName(D, 'costs'));
    const row = new Y.Map<unknown>();
    costs.set('k', row);
    row.set('amountEur', 'viel');
    row.set('category', 'gold');
    row.set('label', 42);
    const draft = readDecisionDraft(doc, D);
    expect(draft.title).toBe('');
    expect(draft.goals).toEqual([]);
    expect(draft.costs).toEqual([{ id: 'k', label: '', category: null, amountEur: null, period: '', fundedBy: '' }]);
  });

  it('status signals', () => {
    const doc = new Y.Doc();
    setDraftStatusSignal(doc, anna, D, { status: 'beschlossen', version: 2, updatedAt: 1 });
    doc.getMap('status').set('bad', { status: 'gewonnen' });
    expect([...readDraftStatusSignals(doc)]).toEqual([[D, { status: 'beschlossen', version: 2, updatedAt: 1 }]]);
  });
});
