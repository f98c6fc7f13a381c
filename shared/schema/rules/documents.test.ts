/**
 * No false refusals: every write helper of the schema, for every document kind, by participants
 * and by the server, including undo (which puts back other people's authorship and the server's
 * fields) and rich text written the way Tiptap's Collaboration (y-prosemirror) writes it.
 */
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment, updateYFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { richBulletList, richDocFromText } from '../../richText';
import { clearActionEntry, editActionField, ensureActionEntry, linkActionNode, readActionPlan, unlinkActionNode } from '../actions';
import { canvasFieldName } from '../canvas';
import {
  addDraftRow,
  deleteDraftRow,
  editDraftText,
  getProseFragment,
  moveDraftRow,
  readDecisionDraft,
  setDraftChoices,
  setDraftStatusSignal,
  updateDraftRow,
  writeAssembledDraft,
} from '../decisions';
import { publishDrafts } from '../drafts';
import {
  addGoal,
  addIndicator,
  deleteGoal,
  editGoalText,
  indentGoal,
  moveIndicator,
  outdentGoal,
  readGoalTree,
  removeIndicator,
  reparentGoal,
  updateGoal,
  updateIndicator,
} from '../goals';
import { MIGRATIONS } from '../index';
import { runMigrations } from '../meta';
import { NOTES_FRAGMENT } from '../notes';
import {
  addPriorityActor,
  addPriorityTopic,
  deletePriorityTopic,
  editPriorityText,
  movePriorityTopic,
  readPriorities,
  removePriorityActor,
  setPriorityRole,
  setVoteResult,
} from '../priorities';
import {
  addSwotCard,
  addSwotCluster,
  deleteSwotCard,
  deleteSwotCluster,
  editSwotCardText,
  editSwotClusterTitle,
  mergeSwotCards,
  moveSwotCard,
  moveSwotCluster,
  readSwot,
  setSwotClusterCollapsed,
  updateSwotCard,
} from '../swot';
import { Acceptor, ANNA, BEN, MIA, Replica, SERVER, senderOf } from './testkit';
import { SERVER_SENDER } from './types';

/** Runs `edit` and expects the acceptor to take it. */
function ok(replica: Replica, edit: (doc: Y.Doc) => void): void {
  expect(replica.edit(edit)).toBeUndefined();
}

function setup(kind: Parameters<typeof MIGRATIONS.swot.at>[0] extends never ? never : keyof typeof MIGRATIONS) {
  const server = new Acceptor(kind);
  const srv = new Replica(server, SERVER_SENDER);
  ok(srv, (d) => runMigrations(d, MIGRATIONS[kind], 'migration'));
  return { server, srv, anna: new Replica(server, senderOf(ANNA)), ben: new Replica(server, senderOf(BEN)) };
}

const undoFor = (replica: Replica, origin: unknown) => new Y.UndoManager(replica.doc, { trackedOrigins: new Set([origin]), captureTimeout: 0 });

describe('honest edits through the schema helpers pass', () => {
  it('swot: cards and clusters, moves, evidence, assessment, deletes', () => {
    const { server, anna, ben } = setup('swot');
    let card = '';
    let cluster = '';
    ok(anna, (d) => (card = addSwotCard(d, ANNA, { quadrant: 'chancen', text: 'Neues Familienzentrum', color: 'green' })));
    ok(anna, (d) => editSwotCardText(d, ANNA, card, { index: 0, deleteCount: 0, insert: 'Ein ' }));
    ok(ben, (d) => (cluster = addSwotCluster(d, BEN, 'chancen', 'Quartier')));
    ok(ben, (d) => editSwotClusterTitle(d, BEN, cluster, 'Quartiere'));
    ok(ben, (d) =>
      updateSwotCard(d, BEN, card, {
        clusterId: cluster,
        evidence: { indicator: 'Betreuungsquote U3', value: 31.5, unit: '%', year: 2025, source: 'Kita-Statistik' },
        assessment: { probability: 'high', timing: { date: '2027-08-01' }, impact: 'medium' },
      }),
    );
    ok(anna, (d) => moveSwotCard(d, ANNA, card, 'staerken', 'start'));
    ok(anna, (d) => moveSwotCluster(d, ANNA, cluster, 'risiken', 'end'));
    let second = '';
    ok(ben, (d) => (second = addSwotCard(d, BEN, { quadrant: 'risiken', text: 'Fachkräftemangel', clusterId: cluster })));
    ok(ben, (d) => moveSwotCluster(d, BEN, cluster, 'schwaechen', 'start'));
    ok(anna, (d) => deleteSwotCluster(d, ANNA, cluster));
    ok(anna, (d) => deleteSwotCard(d, ANNA, second));
    expect(readSwot(server.state()).cards.map((c) => c.text)).toEqual(['Ein Neues Familienzentrum']);
  });

  it('swot: undo puts back another person’s card and authorship', () => {
    const { server, anna, ben } = setup('swot');
    let card = '';
    ok(ben, (d) => (card = addSwotCard(d, BEN, { quadrant: 'risiken', text: 'Bens Karte' })));
    const undo = undoFor(anna, ANNA.origin);
    // Anna moves Ben's card (she becomes updatedBy), then undoes: Ben is updatedBy again.
    ok(anna, (d) => moveSwotCard(d, ANNA, card, 'chancen', 'end'));
    ok(anna, () => undo.undo());
    expect(readSwot(server.state()).cards[0]!.updatedBy.displayName).toBe('Ben');
    // Anna deletes Ben's card and brings it back.
    ok(anna, (d) => deleteSwotCard(d, ANNA, card));
    expect(readSwot(server.state()).cards).toHaveLength(0);
    ok(anna, () => undo.undo());
    const back = readSwot(server.state()).cards[0]!;
    expect(back).toMatchObject({ id: card, text: 'Bens Karte', quadrant: 'risiken' });
    expect(back.createdBy.displayName).toBe('Ben');
    ok(anna, () => undo.redo());
    expect(readSwot(server.state()).cards).toHaveLength(0);
  });

  it('swot: the moderation merges duplicates (and undoes it); anyone folds a cluster', () => {
    const { server, anna, ben } = setup('swot');
    const mia = new Replica(server, senderOf(MIA, 'moderator'));
    let a = '';
    let b = '';
    let cluster = '';
    ok(anna, (d) => (a = addSwotCard(d, ANNA, { quadrant: 'chancen', text: 'Ganztag ausbauen' })));
    ok(ben, (d) => (b = addSwotCard(d, BEN, { quadrant: 'chancen', text: 'Mehr Ganztag', evidence: { indicator: 'Quote', value: 40, unit: '%', year: 2025, source: 'Statistik' } })));
    ok(ben, (d) => (cluster = addSwotCluster(d, BEN, 'chancen', 'Ganztag')));
    ok(anna, (d) => setSwotClusterCollapsed(d, ANNA, cluster, true));
    const undo = undoFor(mia, MIA.origin);
    ok(mia, (d) => mergeSwotCards(d, MIA, a, [b]));
    expect(readSwot(server.state()).cards[0]!.mergedFrom.map((m) => m.createdBy.displayName)).toEqual(['Ben']);
    ok(mia, () => undo.undo());
    expect(readSwot(server.state()).cards.map((c) => c.text).sort()).toEqual(['Ganztag ausbauen', 'Mehr Ganztag']);
  });

  it('drafts: private cards, published by their author into the board', () => {
    const drafts = setup('drafts');
    const board = setup('swot');
    let id = '';
    ok(drafts.anna, (d) => (id = addSwotCard(d, ANNA, { quadrant: 'chancen', text: 'privat', assessment: { probability: 'low', timing: 'short', impact: null } })));
    ok(drafts.anna, (d) => editSwotCardText(d, ANNA, id, 'privat überarbeitet'));
    // The client publishes with its own context (publishDrafts writes into both documents).
    let published: string[] = [];
    const boardDoc = board.anna;
    ok(drafts.anna, (d) => {
      expect(boardDoc.edit((b) => (published = publishDrafts(d, b, { ...ANNA, origin: 'publish' })))).toBeUndefined();
    });
    expect(published).toEqual([id]);
    expect(readSwot(board.server.state()).cards[0]).toMatchObject({ id, publishedFrom: ANNA.author.participantId, text: 'privat überarbeitet' });
    expect(readSwot(drafts.server.state()).cards).toHaveLength(0);
  });

  it('priorities: topics, texts, roles, actors, ranking; the server’s vote slot; undo of deleting a voted topic', () => {
    const { server, srv, anna, ben } = setup('priorities');
    let topic = '';
    ok(anna, (d) => (topic = addPriorityTopic(d, ANNA, { title: 'Ganztag ausbauen', actors: ['Schulamt'], source: { board: 'swot', itemId: 'card-1' } })));
    ok(ben, (d) => editPriorityText(d, BEN, topic, 'description', 'Mehr Plätze im offenen Ganztag.'));
    ok(ben, (d) => setPriorityRole(d, BEN, topic, 'gewaehrleisterin'));
    ok(anna, (d) => addPriorityActor(d, ANNA, topic, 'Jugendamt'));
    ok(anna, (d) => removePriorityActor(d, ANNA, topic, 'schulamt'));
    let other = '';
    ok(ben, (d) => (other = addPriorityTopic(d, BEN, { title: 'Übergänge', placement: 'start' })));
    ok(anna, (d) => movePriorityTopic(d, ANNA, other, { after: topic }));
    const result = { roundId: 'round-1', method: 'konsenscheck', totals: { zustimmung: 9, bedenken: 1, veto: 0 }, participants: 10, outcome: 'konsens', meinungsbild: false, publishedAt: Date.now() } as const;
    ok(srv, (d) => setVoteResult(d, SERVER, topic, result));
    expect(readPriorities(server.state()).find((t) => t.id === topic)!.voteResult).toEqual(result);
    const undo = undoFor(anna, ANNA.origin);
    ok(anna, (d) => deletePriorityTopic(d, ANNA, topic));
    ok(anna, () => undo.undo());
    expect(readPriorities(server.state()).find((t) => t.id === topic)!.voteResult).toEqual(result);
    ok(srv, (d) => setVoteResult(d, SERVER, topic, null));
  });

  it('goals: a tree with indicators; indent, outdent, reparent, levels, deletes', () => {
    const { server, anna, ben } = setup('goals');
    let leitbild = '';
    let a = '';
    let b = '';
    let c = '';
    ok(anna, (d) => (leitbild = addGoal(d, ANNA, { title: 'Bildung für alle' })));
    ok(anna, (d) => (a = addGoal(d, ANNA, { parentId: leitbild, title: 'Übergänge gelingen', zielfeld: 'wirkungen', owner: 'Bildungsbüro' })));
    ok(ben, (d) => (b = addGoal(d, BEN, { parentId: leitbild, title: 'Ganztag', description: 'Offener Ganztag an allen Grundschulen', targetGroup: 'Grundschulkinder', area: 'Nord' })));
    ok(ben, (d) => (c = addGoal(d, BEN, { parentId: b, level: 'massnahme', title: 'Raumprogramm' })));
    ok(anna, (d) => updateGoal(d, ANNA, a, { level: 'strategisch', zielfeld: 'leistungen', owner: 'Schulamt' }));
    ok(anna, (d) => editGoalText(d, ANNA, a, 'title', { index: 0, deleteCount: 0, insert: 'Alle ' }));
    let ind = '';
    ok(ben, (d) => (ind = addIndicator(d, BEN, a, { name: 'Übergangsquote', unit: '%', baseline: 61.5, target: 70, deadline: '2028-07-31', dataSource: 'IT.NRW' })!));
    ok(ben, (d) => updateIndicator(d, BEN, a, ind, { target: 72 }));
    let ind2 = '';
    ok(anna, (d) => (ind2 = addIndicator(d, ANNA, a, { name: 'Abbrüche' })!));
    ok(anna, (d) => moveIndicator(d, ANNA, a, ind2, 'start'));
    ok(anna, (d) => removeIndicator(d, ANNA, a, ind));
    ok(anna, (d) => indentGoal(d, ANNA, b));
    ok(anna, (d) => outdentGoal(d, ANNA, b));
    ok(ben, (d) => reparentGoal(d, BEN, c, a, 'start'));
    ok(ben, (d) => deleteGoal(d, BEN, a));
    ok(anna, (d) => deleteGoal(d, ANNA, b, { withDescendants: true }));
    const tree = readGoalTree(server.state());
    expect(tree.nodes.map((n) => [n.title, n.depth])).toEqual([
      ['Bildung für alle', 0],
      ['Raumprogramm', 1],
    ]);
  });

  it('actions: entries written by two people keep their creator; links come and go', () => {
    const { server, anna, ben } = setup('actions');
    ok(anna, (d) => ensureActionEntry(d, ANNA, 'ziel-1'));
    ok(anna, (d) => editActionField(d, ANNA, 'ziel-1', 'wirkungen', 'Mehr Abschlüsse'));
    ok(ben, (d) => editActionField(d, BEN, 'ziel-1', 'ressourcen', { index: 0, deleteCount: 0, insert: '1,0 VZÄ' }));
    ok(ben, (d) => linkActionNode(d, BEN, 'ziel-1', 'node-7'));
    const undo = undoFor(anna, ANNA.origin);
    ok(anna, (d) => unlinkActionNode(d, ANNA, 'ziel-1', 'node-7'));
    ok(anna, () => undo.undo());
    const entry = readActionPlan(server.state())[0]!;
    expect(entry.createdBy?.displayName).toBe('Anna');
    expect(entry.updatedBy?.displayName).toBe('Ben');
    expect(entry.linkedNodeIds).toEqual(['node-7']);
    ok(ben, (d) => clearActionEntry(d, BEN, 'ziel-1'));
  });

  it('notes and canvas: Tiptap documents with every node and mark, edited as y-prosemirror does', () => {
    const full = getSchema([StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3] }, link: { openOnClick: false } })]);
    const text = (t: string, marks: object[] = []) => ({ type: 'text', text: t, ...(marks.length > 0 ? { marks } : {}) });
    const link = { type: 'link', attrs: { href: 'https://www.bildung.example/plan?x=1' } };
    const mail = { type: 'link', attrs: { href: 'mailto:buero@kreis.example' } };
    const first = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Protokoll', [{ type: 'bold' }])] },
        { type: 'paragraph', content: [text('Siehe '), text('Plan', [link, { type: 'italic' }]), { type: 'hardBreak' }, text('und '), text('Mail', [mail])] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('eins', [{ type: 'underline' }, { type: 'strike' }])] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('tiefer')] }] }] }] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('drei', [{ type: 'code' }])] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [text('Zitat')] }] },
        { type: 'codeBlock', attrs: { language: 'typescript' }, content: [text('const x = 1;')] },
        { type: 'horizontalRule' },
        { type: 'paragraph' },
      ],
    };
    const second = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [text('Protokoll der Sitzung')] },
        { type: 'paragraph', content: [text('Siehe '), text('Plan', [link])] },
        { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('eins')] }] }] },
        { type: 'paragraph', content: [text('neu', [{ type: 'bold' }, { type: 'italic' }])] },
      ],
    };
    for (const [kind, field] of [
      ['notes', NOTES_FRAGMENT],
      ['canvas', canvasFieldName('inhalte')],
    ] as const) {
      const { server, anna, ben } = setup(kind);
      ok(anna, (d) => d.transact(() => prosemirrorJSONToYXmlFragment(full, first, d.getXmlFragment(field))));
      const meta = { mapping: new Map(), isOMark: new Map() };
      ok(ben, (d) => d.transact(() => updateYFragment(d, d.getXmlFragment(field), full.nodeFromJSON(second), meta)));
      expect(server.state().getXmlFragment(field).length).toBe(4);
    }
  });

  it('decisions: an assembled draft, texts, choices, rows of every collection, prose, the status signal', () => {
    const { server, srv, anna, ben } = setup('decisions');
    const D = 'draft-1';
    ok(srv, (d) => {
      writeAssembledDraft(d, SERVER, D, {
        title: 'Übergänge stärken',
        gremium: 'Lenkungskreis Bildung',
        prose: { sachverhalt: richDocFromText('Erste Zeile\n\nDritte Zeile'), beschlussvorschlag: { type: 'doc', content: [richBulletList(['a', 'b'])] } },
        municipalRole: 'gewaehrleisterin',
        topics: [{ title: 'Ganztag', description: '', rank: 1, role: null, source: { board: 'priorities', itemId: 'topic-1' }, consensusIds: ['round-1:o1'] }],
      });
      setDraftStatusSignal(d, SERVER, D, { status: 'entwurf', version: 0, updatedAt: Date.now() });
    });
    ok(anna, (d) => editDraftText(d, ANNA, D, 'title', 'Übergänge Schule–Beruf stärken'));
    ok(ben, (d) => editDraftText(d, BEN, D, 'resourcesNote', { index: 0, deleteCount: 0, insert: 'Mittel aus dem Kreishaushalt' }));
    ok(anna, (d) => setDraftChoices(d, ANNA, D, { verbindlichkeitsstufe: 'vertragliche_kooperation', municipalRole: null }));
    let goal = '';
    ok(anna, (d) => (goal = addDraftRow(d, ANNA, D, 'goals', { title: 'Quote erhöhen', level: 'strategisch', zielfeld: 'wirkungen', owner: 'Bildungsbüro' })));
    ok(ben, (d) => addDraftRow(d, BEN, D, 'indicators', { goalId: goal, name: 'Quote', unit: '%', baseline: 61.5, target: 70, deadline: '2028-07-31', dataSource: 'IT.NRW' }));
    let measure = '';
    ok(ben, (d) => (measure = addDraftRow(d, BEN, D, 'measures', { title: 'Praktikumsbörse', zielfeld: 'leistungen', goalId: goal, due: '2027-03-01' })));
    ok(anna, (d) => addDraftRow(d, ANNA, D, 'evidence', { text: 'Quote 61,5 %', quadrant: 'schwaechen', indicator: 'Quote', value: 61.5, unit: '%', year: 2025 }));
    ok(anna, (d) => addDraftRow(d, ANNA, D, 'responsibilities', { actor: 'Jugendberufsagentur', task: 'Koordination' }));
    ok(ben, (d) => addDraftRow(d, BEN, D, 'costs', { label: 'Koordinationsstelle', category: 'personal', amountEur: 68000, period: 'jährlich', fundedBy: 'Landkreis' }));
    ok(ben, (d) => addDraftRow(d, BEN, D, 'milestones', { title: 'Start', date: '2027-03-01', note: '' }));
    ok(anna, (d) => updateDraftRow(d, ANNA, D, 'measures', measure, { owner: 'IHK', description: 'mit den Kammern' }));
    ok(anna, (d) => moveDraftRow(d, ANNA, D, 'measures', measure, 'start'));
    const prose = getSchema([StarterKit.configure({ undoRedo: false, heading: false, codeBlock: false, link: { openOnClick: false } })]);
    ok(ben, (d) =>
      d.transact(() =>
        updateYFragment(
          d,
          getProseFragment(d, D, 'begruendung'),
          prose.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Weil ', marks: [{ type: 'bold' }] }, { type: 'text', text: 'Quelle', marks: [{ type: 'link', attrs: { href: 'https://it.nrw' } }] }] }] }),
          { mapping: new Map(), isOMark: new Map() },
        ),
      ),
    );
    ok(anna, (d) => deleteDraftRow(d, ANNA, D, 'goals', goal));
    ok(srv, (d) => setDraftStatusSignal(d, SERVER, D, { status: 'uebergeben', version: 1, updatedAt: Date.now() }));
    const draft = readDecisionDraft(server.state(), D);
    expect(draft.title).toBe('Übergänge Schule–Beruf stärken');
    expect(draft.measures[0]).toMatchObject({ owner: 'IHK', goalId: null });
    expect(draft.begruendung.content).toHaveLength(1);
  });

  it('decisions: the Vorlage header, Beratungsfolge, Finanzielle Auswirkungen and Anlagen as the editor writes them', () => {
    const { server, srv, anna, ben } = setup('decisions');
    const D = 'draft-1';
    ok(srv, (d) => writeAssembledDraft(d, SERVER, D, { title: 'Übergänge stärken', gremium: 'Lenkungskreis Bildung' }));
    for (const [field, value] of [
      ['vorlagenNr', 'BV/2026/014'],
      ['federfuehrung', 'Bildungsbüro'],
      ['verfasser', 'Łukasz Wróbel'],
      ['betreff', 'Handlungskonzept Übergang Schule–Beruf'],
      ['haushaltsjahr', '2027'],
      ['produkt', '1.2.1.01'],
      ['deckung', 'Teilhaushalt 51\nZeile 2'],
      ['folgekosten', 'jährlich 65.000 €\nab 2029'],
    ] as const) {
      ok(anna, (d) => editDraftText(d, ANNA, D, field, value));
    }
    ok(anna, (d) => setDraftChoices(d, ANNA, D, { datum: '2026-12-01', oeffentlichkeit: 'nichtoeffentlich', finanzielleAuswirkungen: 'ja' }));
    ok(ben, (d) => setDraftChoices(d, BEN, D, { datum: null, finanzielleAuswirkungen: null }));
    ok(ben, (d) => setDraftChoices(d, BEN, D, { oeffentlichkeit: 'oeffentlich', finanzielleAuswirkungen: 'keine' }));
    let row = '';
    ok(anna, (d) => (row = addDraftRow(d, ANNA, D, 'beratungsfolge', { gremium: 'Jugendhilfeausschuss', date: '2027-01-12', zustaendigkeit: 'vorberatung' }, 'start')));
    ok(ben, (d) => updateDraftRow(d, BEN, D, 'beratungsfolge', row, { date: null, zustaendigkeit: null }));
    let anlage = '';
    ok(anna, (d) => (anlage = addDraftRow(d, ANNA, D, 'anlagen', { title: 'Zielbaum' })));
    ok(ben, (d) => updateDraftRow(d, BEN, D, 'anlagen', anlage, { link: 'https://example.org/zielbaum.pdf?v=2#s1' }));
    ok(ben, (d) => updateDraftRow(d, BEN, D, 'anlagen', anlage, { link: '' }));
    ok(ben, (d) => updateDraftRow(d, BEN, D, 'anlagen', anlage, { link: 'http://intranet.kreis.example/a' }));
    ok(anna, (d) => moveDraftRow(d, ANNA, D, 'beratungsfolge', row, 'end'));
    const draft = readDecisionDraft(server.state(), D);
    expect(draft).toMatchObject({
      vorlagenNr: 'BV/2026/014',
      datum: null,
      federfuehrung: 'Bildungsbüro',
      verfasser: 'Łukasz Wróbel',
      oeffentlichkeit: 'oeffentlich',
      betreff: 'Handlungskonzept Übergang Schule–Beruf',
      finanzielleAuswirkungen: 'keine',
      deckung: 'Teilhaushalt 51\nZeile 2',
      anlagen: [{ id: anlage, title: 'Zielbaum', link: 'http://intranet.kreis.example/a' }],
    });
    // The assembled draft started its Beratungsfolge with the Gremium deciding.
    expect(draft.beratungsfolge).toEqual([
      { id: expect.any(String), gremium: 'Lenkungskreis Bildung', date: null, zustaendigkeit: 'entscheidung' },
      { id: row, gremium: 'Jugendhilfeausschuss', date: null, zustaendigkeit: null },
    ]);
  });
});
