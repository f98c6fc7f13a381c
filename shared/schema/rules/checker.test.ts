/**
 * Hostile but well-formed updates are refused as a whole, each by the rule it breaks; the
 * accepted state stays what it was. Built with plain Yjs calls, as a scripted client would.
 */
import { toBase64 } from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Limits } from '../../limits';
import { MIGRATIONS } from '../index';
import { getItemsMap } from '../items';
import { runMigrations } from '../meta';
import { addPriorityTopic, setVoteResult } from '../priorities';
import { addSwotCard, addSwotCluster, readSwot } from '../swot';
import { addGoal, readGoalTree } from '../goals';
import { clearActionEntry, editActionField, ensureActionEntry } from '../actions';
import { addDraftRow, draftMapName, draftTextName, proseFieldName, rowsMapName, writeAssembledDraft } from '../decisions';
import { DocumentChecker } from './checker';
import { rulesFor } from './documents';
import { Acceptor, ANNA, BEN, MIA, Replica, SERVER, senderOf } from './testkit';
import { SERVER_SENDER, type DocumentRules } from './types';
import { field, checks } from './values';

function setup(kind: keyof typeof MIGRATIONS) {
  const server = new Acceptor(kind);
  const srv = new Replica(server, SERVER_SENDER);
  expect(srv.edit((d) => runMigrations(d, MIGRATIONS[kind], 'migration'))).toBeUndefined();
  return { server, srv, anna: new Replica(server, senderOf(ANNA)), ben: new Replica(server, senderOf(BEN)) };
}

const stateOf = (a: Acceptor) => toBase64(Y.encodeStateAsUpdate(a.state()));

/** Expects the edit to be refused by a rule matching `rule`, and nothing of it to be kept. */
function refused(server: Acceptor, replica: Replica, edit: (doc: Y.Doc) => void, rule: RegExp): void {
  const before = stateOf(server);
  expect(replica.edit((d) => d.transact(() => edit(d)))).toMatch(rule);
  expect(stateOf(server)).toBe(before);
}

const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};

describe('rich text', () => {
  it('refuses a bare text at the top of the notes and of a draft’s prose, unknown nodes and marks, javascript: links, headings in prose', () => {
    const notes = setup('notes');
    const frag = (d: Y.Doc) => d.getXmlFragment('notes');
    refused(notes.server, notes.anna, (d) => frag(d).insert(0, [paragraph('a'), new Y.XmlText('bare'), paragraph('b')]), /notes: text directly in the document/);
    refused(notes.server, notes.anna, (d) => frag(d).insert(0, [new Y.XmlElement('script')]), /notes: unknown node script/);
    refused(notes.server, notes.anna, (d) => frag(d).insert(0, [new Y.XmlElement('listItem')]), /listItem not allowed in the document/);
    refused(notes.server, notes.anna, (d) => {
      const p = paragraph('x');
      p.insert(0, [paragraph('nested')]);
      frag(d).insert(0, [p]);
    }, /paragraph not allowed in paragraph/);
    refused(notes.server, notes.anna, (d) => {
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      t.insert(0, 'klick', { link: { href: 'javascript:alert(1)' } });
      p.insert(0, [t]);
      frag(d).insert(0, [p]);
    }, /link target must be http, https or mailto/);
    refused(notes.server, notes.anna, (d) => {
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      t.insert(0, 'x', { blink: {} });
      p.insert(0, [t]);
      frag(d).insert(0, [p]);
    }, /unknown mark blink/);
    refused(notes.server, notes.anna, (d) => {
      const h = new Y.XmlElement('heading');
      h.setAttribute('onclick', 'x');
      frag(d).insert(0, [h]);
    }, /no attribute onclick/);
    refused(notes.server, notes.anna, (d) => {
      let el: Y.XmlElement = new Y.XmlElement('blockquote');
      const top = el;
      for (let i = 0; i < Limits.richTextMaxDepth + 2; i++) {
        const inner = new Y.XmlElement('blockquote');
        el.insert(0, [inner]);
        el = inner;
      }
      frag(d).insert(0, [top]);
    }, /nested deeper than/);
    refused(notes.server, notes.anna, (d) => frag(d).insert(0, [paragraph('x'.repeat(Limits.richTextBlockMaxLength + 1))]), /longer than/);
    // The honest form of all of that is fine.
    expect(notes.anna.edit((d) => frag(d).insert(0, [paragraph('ok')]))).toBeUndefined();

    const dec = setup('decisions');
    const prose = (d: Y.Doc) => d.getXmlFragment(proseFieldName('draft-1', 'beschlussvorschlag'));
    refused(dec.server, dec.anna, (d) => prose(d).insert(0, [paragraph('a'), new Y.XmlText('bare')]), /decision prose: text directly in the document/);
    refused(dec.server, dec.anna, (d) => prose(d).insert(0, [new Y.XmlElement('heading')]), /unknown node heading/);
  });
});

describe('boards', () => {
  it('refuses malformed ids, unknown fields and roots, wrong types, oversized and bidi texts', () => {
    const { server, anna } = setup('swot');
    refused(server, anna, (d) => d.getMap('items').set('bad id!', new Y.Map()), /swot cards: no field bad id!|no field <name>/);
    refused(server, anna, (d) => d.getMap('unknown').set('x', 1), /no shared type unknown/);
    refused(server, anna, (d) => d.getText('items').insert(0, 'x'), /list content in a map/);
    let id = '';
    expect(anna.edit((d) => (id = addSwotCard(d, ANNA, { quadrant: 'chancen', text: 'ok' })))).toBeUndefined();
    refused(server, anna, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('text', 'a plain string'), /wrong kind of content/);
    refused(server, anna, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('secret', 1), /no field secret/);
    refused(server, anna, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('clusterId', 'not an id!'), /clusterId: must be an item id/);
    refused(server, anna, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('quadrant', 'oben'), /quadrant/);
    refused(server, anna, (d) => ((getItemsMap(d).get(id) as Y.Map<unknown>).get('text') as Y.Text).insert(0, 'x'.repeat(200_000)), /swot card text: longer than 2000/);
    refused(server, anna, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('evidence', { indicator: 'x', value: 1, unit: '', year: 2020, source: '', extra: 'y' }), /evidence: does not match/);
    let cluster = '';
    expect(anna.edit((d) => (cluster = addSwotCluster(d, ANNA, 'chancen', 'Titel')))).toBeUndefined();
    refused(server, anna, (d) => ((d.getMap('clusters').get(cluster) as Y.Map<unknown>).get('title') as Y.Text).insert(0, 'exe.\u202Etxt'), /bidirectional control characters/);
    expect(readSwot(server.state()).clusters[0]!.title).toBe('Titel');
  });

  it('refuses forged authorship; the server and the author themselves may write it', () => {
    const { server, anna, ben } = setup('swot');
    // A card "by Ben", created by Anna.
    refused(server, anna, (d) => addSwotCard(d, BEN, { quadrant: 'chancen', text: 'untergeschoben' }), /forged authorship/);
    let id = '';
    expect(anna.edit((d) => (id = addSwotCard(d, ANNA, { quadrant: 'chancen' })))).toBeUndefined();
    // Ben rewrites who created Anna's card, or edits it as Anna.
    refused(server, ben, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('createdBy', BEN.author), /forged authorship: written only when the item is created/);
    refused(server, ben, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('updatedBy', ANNA.author), /forged authorship: must name the sender/);
    refused(server, ben, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('updatedBy', { ...BEN.author, displayName: 'Bernd' }), /forged authorship/);
    refused(server, ben, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).delete('createdBy'), /only the server may remove it/);
    refused(server, ben, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('publishedFrom', BEN.author.participantId), /written only when the item is created/);
    expect(ben.edit((d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('updatedBy', BEN.author))).toBeUndefined();
  });

  it('learns nothing from a refused update: what it removed cannot be “put back” as an undo afterwards', () => {
    const { server, anna, ben } = setup('swot');
    let id = '';
    expect(anna.edit((d) => (id = addSwotCard(d, ANNA, { quadrant: 'chancen', text: 'Annas Karte' })))).toBeUndefined();
    // Ben edits Anna's card as an honest client would (he becomes updatedBy), but the edit is
    // refused as a whole (the text is too long): Anna's updatedBy was never removed.
    refused(server, ben, (d) => {
      const card = getItemsMap(d).get(id) as Y.Map<unknown>;
      card.set('updatedBy', BEN.author);
      (card.get('text') as Y.Text).insert(0, 'x'.repeat(Limits.shortTextMaxLength + 1));
    }, /longer than/);
    // So writing Anna back is no undo of Ben's: it forges her authorship.
    refused(server, ben, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('updatedBy', ANNA.author), /forged authorship: must name the sender/);
    // After an accepted edit, the undo may put her back.
    expect(ben.edit((d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('updatedBy', BEN.author))).toBeUndefined();
    expect(ben.edit((d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('updatedBy', ANNA.author))).toBeUndefined();
  });

  it('refuses a record of merged cards from anyone but the moderation', () => {
    const { server, anna } = setup('swot');
    let id = '';
    expect(anna.edit((d) => (id = addSwotCard(d, ANNA, { quadrant: 'chancen', text: 'meine' })))).toBeUndefined();
    const forged = [{ id: 'x1', createdBy: BEN.author, createdAt: 1, text: 'Ben fand das auch', evidence: null }];
    refused(server, anna, (d) => (getItemsMap(d).get(id) as Y.Map<unknown>).set('mergedFrom', forged), /mergedFrom: written by the moderation only/);
    refused(server, anna, (d) => (d.getMap('clusters').set('c1', new Y.Map([['collapsed', 'ja']]))), /collapsed: must be true or false/);
  });

  it('refuses a forged vote slot; only the server writes it', () => {
    const { server, srv, anna } = setup('priorities');
    let topic = '';
    expect(anna.edit((d) => (topic = addPriorityTopic(d, ANNA, { title: 'Ganztag' })))).toBeUndefined();
    const forged = { roundId: 'forged-round-1', method: 'konsenscheck', totals: { zustimmung: 40 }, participants: 40, outcome: 'konsens', meinungsbild: false, publishedAt: Date.now() } as const;
    refused(server, anna, (d) => setVoteResult(d, ANNA, topic, forged), /voteResult: written by the server only/);
    // A new topic carrying a result from the start.
    refused(server, anna, (d) => {
      const id = addPriorityTopic(d, ANNA, { title: 'Zweites' });
      (getItemsMap(d).get(id) as Y.Map<unknown>).set('voteResult', forged);
    }, /voteResult: written by the server only/);
    expect(srv.edit((d) => setVoteResult(d, SERVER, topic, { ...forged, roundId: 'round-1' }))).toBeUndefined();
    refused(server, anna, (d) => (getItemsMap(d).get(topic) as Y.Map<unknown>).delete('voteResult'), /only the server may remove it/);
    refused(server, anna, (d) => setVoteResult(d, ANNA, topic, null), /written by the server only/);
    // Even the server cannot store a result no reader could show.
    expect(srv.edit((d) => setVoteResult(d, SERVER, topic, { ...forged, publishedAt: 8.64e15 + 1 }))).toMatch(/voteResult: out of range/);
  });

  it('refuses a goal chain deeper than the limit, built top-down in one update or bottom-up over many', () => {
    const { server, anna } = setup('goals');
    refused(server, anna, (d) => {
      // As a scripted client writes it (addGoal reads the whole tree for each node).
      for (let i = 0; i < 6000; i++) {
        const node = new Y.Map<unknown>();
        node.set('parentId', i === 0 ? null : `ebene-${i - 1}`);
        getItemsMap(d).set(`ebene-${i}`, node);
      }
    }, /goals: the tree may be at most 32 levels deep/);
    // Bottom-up: each node names a parent that does not exist yet.
    const ids = Array.from({ length: Limits.goalTreeMaxDepth + 2 }, (_, i) => `n${i}`);
    let failure: string | undefined;
    for (let i = ids.length - 1; i >= 0 && !failure; i--) {
      failure = anna.edit((d) => {
        const node = new Y.Map<unknown>();
        node.set('parentId', i === 0 ? null : ids[i - 1]);
        getItemsMap(d).set(ids[i]!, node);
      });
    }
    expect(failure).toMatch(/at most 32 levels/);
    // A tree at the limit is fine.
    const ok = setup('goals');
    expect(
      ok.anna.edit((d) => {
        let parent: string | null = null;
        for (let i = 0; i <= Limits.goalTreeMaxDepth; i++) parent = addGoal(d, ANNA, { parentId: parent });
      }),
    ).toBeUndefined();
  });

  it('refuses forged Vorlage fields: unknown choices and dates, line breaks in one-line texts, oversized texts, links that are no http(s) address', () => {
    const dec = setup('decisions');
    const D = 'draft-1';
    let anlage = '';
    expect(dec.srv.edit((d) => writeAssembledDraft(d, SERVER, D, { title: 'T', gremium: 'Lenkungskreis Bildung' }))).toBeUndefined();
    expect(dec.anna.edit((d) => (anlage = addDraftRow(d, ANNA, D, 'anlagen', { title: 'Zielbaum', link: 'https://example.org/a.pdf' })))).toBeUndefined();
    const choices = (d: Y.Doc) => d.getMap<unknown>(draftMapName(D));
    refused(dec.server, dec.anna, (d) => choices(d).set('oeffentlichkeit', 'geheim'), /oeffentlichkeit/);
    refused(dec.server, dec.anna, (d) => choices(d).set('oeffentlichkeit', null), /oeffentlichkeit/);
    refused(dec.server, dec.anna, (d) => choices(d).set('finanzielleAuswirkungen', 'vielleicht'), /finanzielleAuswirkungen/);
    refused(dec.server, dec.anna, (d) => choices(d).set('datum', '2026-13-45'), /datum/);
    refused(dec.server, dec.anna, (d) => choices(d).set('datum', 20261201), /datum/);
    refused(dec.server, dec.anna, (d) => choices(d).set('haushaltsjahr', '2027'), /haushaltsjahr|unknown|not allowed/);
    refused(dec.server, dec.anna, (d) => d.getText(draftTextName(D, 'betreff')).insert(0, 'x'.repeat(Limits.shortTextMaxLength + 1)), /betreff/);
    refused(dec.server, dec.anna, (d) => d.getText(draftTextName(D, 'federfuehrung')).insert(0, 'Amt\u202eevil'), /federfuehrung/);
    const cells = (d: Y.Doc, collection: 'anlagen' | 'beratungsfolge', id: string) => (d.getMap<unknown>(rowsMapName(D, collection)).get(id) as Y.Map<unknown>);
    for (const link of ['javascript:alert(1)', 'https://exa mple.org', 'ftp://example.org/a', '//example.org/a', 'https://example.org/' + 'a'.repeat(2000)]) {
      refused(dec.server, dec.anna, (d) => cells(d, 'anlagen', anlage).set('link', link), /link/);
    }
    refused(dec.server, dec.anna, (d) => cells(d, 'anlagen', anlage).set('title', 'Zeile 1\u202eZeile 2'), /title/);
    const row = (dec.server.state().getMap<unknown>(rowsMapName(D, 'beratungsfolge')).keys().next().value as string);
    refused(dec.server, dec.anna, (d) => cells(d, 'beratungsfolge', row).set('zustaendigkeit', 'abstimmung'), /zustaendigkeit/);
    refused(dec.server, dec.anna, (d) => cells(d, 'beratungsfolge', row).set('date', 'morgen'), /date/);
    refused(dec.server, dec.anna, (d) => cells(d, 'beratungsfolge', row).set('gremium', { evil: true }), /gremium/);
  });

  it('refuses server-only maps and meta from participants; authorship records in the action plan must keep their creator', () => {
    const dec = setup('decisions');
    refused(dec.server, dec.anna, (d) => d.getMap('status').set('draft-1', { status: 'beschlossen', version: 1, updatedAt: 1 }), /written by the server only/);
    refused(dec.server, dec.anna, (d) => d.getMap('meta').set('schemaVersion', 99), /written by the server only/);
    refused(dec.server, dec.anna, (d) => d.getText('decision:x:evil').insert(0, 'x'), /no shared type/);
    const act = setup('actions');
    expect(act.anna.edit((d) => ensureActionEntry(d, ANNA, 'ziel-1'))).toBeUndefined();
    refused(act.server, act.ben, (d) => d.getMap('entries').set('ziel-1', { createdBy: BEN.author, createdAt: 1, updatedBy: BEN.author, updatedAt: 2 }), /createdBy must be kept/);
    refused(act.server, act.ben, (d) => d.getMap('links').set('g1:n1', { goalId: 'g1', nodeId: 'other' }), /must be the link its key names/);
  });

  it('accepts honest authorship records written concurrently by two people, in either order of arrival', () => {
    // Two people type into two fields of the same goal at once: each edit rewrites the entry's
    // authorship record, so the server meets records whose predecessor another record replaced.
    const update = (d: Y.Doc, change: () => void): Uint8Array => {
      const before = Y.encodeStateVector(d);
      change();
      return Y.encodeStateAsUpdate(d, before);
    };
    // Which of two concurrent records wins depends on the client ids: both orders, both winners.
    for (const [first, second, annaId, benId] of [
      ['anna', 'ben', 1, 2],
      ['anna', 'ben', 2, 1],
      ['ben', 'anna', 1, 2],
      ['ben', 'anna', 2, 1],
    ] as const) {
      const act = setup('actions');
      const clients = { anna: new Y.Doc(), ben: new Y.Doc() };
      clients.anna.clientID = annaId;
      clients.ben.clientID = benId;
      const catchUp = (d: Y.Doc) => Y.applyUpdate(d, Y.encodeStateAsUpdate(act.server.state(), Y.encodeStateVector(d)));
      catchUp(clients.anna);
      catchUp(clients.ben);
      const ctx = { anna: ANNA, ben: BEN };
      // Anna starts the entry; both see it.
      expect(act.server.offer(update(clients.anna, () => editActionField(clients.anna, ANNA, 'ziel-1', 'wirkungen', 'Wirkung')), senderOf(ANNA))).toBeUndefined();
      catchUp(clients.anna);
      catchUp(clients.ben);
      // Then both write on top of the record they saw, at once, several times.
      const round = () => {
        const u = {
          anna: update(clients.anna, () => editActionField(clients.anna, ANNA, 'ziel-1', 'prozesse', { index: 0, deleteCount: 0, insert: 'P' })),
          ben: update(clients.ben, () => editActionField(clients.ben, BEN, 'ziel-1', 'ressourcen', { index: 0, deleteCount: 0, insert: 'R' })),
        };
        expect(act.server.offer(u[first], senderOf(ctx[first]))).toBeUndefined();
        expect(act.server.offer(u[second], senderOf(ctx[second]))).toBeUndefined();
        for (const d of [clients.anna, clients.ben]) catchUp(d);
      };
      for (let i = 0; i < 4; i++) round();
      const state = act.server.state();
      expect(state.getText('aktion:ziel-1:prozesse').toString()).toBe('PPPP');
      expect(state.getText('aktion:ziel-1:ressourcen').toString()).toBe('RRRR');
    }
  });

  it('accepts an authorship record kept from an entry someone cleared concurrently, and an undo of clearing it', () => {
    const act = setup('actions');
    const update = (d: Y.Doc, change: () => void): Uint8Array => {
      const before = Y.encodeStateVector(d);
      change();
      return Y.encodeStateAsUpdate(d, before);
    };
    const anna = new Y.Doc();
    const ben = new Y.Doc();
    const catchUp = (d: Y.Doc) => Y.applyUpdate(d, Y.encodeStateAsUpdate(act.server.state(), Y.encodeStateVector(d)));
    catchUp(anna);
    catchUp(ben);
    // Anna starts the entry; Ben sees it and types on (his record keeps Anna as its creator) while
    // Anna clears the entry: the server gets her clearing first and no longer holds the record
    // Ben kept Anna from.
    expect(act.server.offer(update(anna, () => editActionField(anna, ANNA, 'ziel-1', 'wirkungen', 'Wirkung')), senderOf(ANNA))).toBeUndefined();
    catchUp(ben);
    const bens = update(ben, () => editActionField(ben, BEN, 'ziel-1', 'prozesse', 'Prozess'));
    catchUp(anna);
    const undo = new Y.UndoManager(anna, { trackedOrigins: new Set([ANNA.origin]), captureTimeout: 0 });
    expect(act.server.offer(update(anna, () => clearActionEntry(anna, ANNA, 'ziel-1')), senderOf(ANNA))).toBeUndefined();
    expect(act.server.offer(bens, senderOf(BEN))).toBeUndefined();
    expect(act.server.state().getMap('entries').get('ziel-1')).toMatchObject({ createdBy: ANNA.author, updatedBy: BEN.author });
    // Ben edits again; Anna, who has not seen it, undoes her clearing: her undo puts back the
    // record she removed, although the server removed Ben's newer one.
    catchUp(ben);
    expect(act.server.offer(update(ben, () => editActionField(ben, BEN, 'ziel-1', 'prozesse', { index: 0, deleteCount: 0, insert: 'P' })), senderOf(BEN))).toBeUndefined();
    expect(act.server.offer(update(anna, () => undo.undo()), senderOf(ANNA))).toBeUndefined();
    // A creator no record ever named stays refused.
    refused(act.server, act.ben, (d) => d.getMap('entries').set('ziel-1', { createdBy: MIA.author, createdAt: 1, updatedBy: BEN.author, updatedAt: 2 }), /createdBy must be kept or name the sender/);
  });

  it('accepts a new authorship record from someone who cleared the entry while another person typed on', () => {
    const act = setup('actions');
    const update = (d: Y.Doc, change: () => void): Uint8Array => {
      const before = Y.encodeStateVector(d);
      change();
      return Y.encodeStateAsUpdate(d, before);
    };
    const [anna, ben, mia] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    // Concurrent records: the higher client id wins, so Ben's is the one the server checks.
    [anna.clientID, mia.clientID, ben.clientID] = [1, 2, 3];
    const catchUp = (d: Y.Doc) => Y.applyUpdate(d, Y.encodeStateAsUpdate(act.server.state(), Y.encodeStateVector(d)));
    expect(act.server.offer(update(anna, () => editActionField(anna, ANNA, 'ziel-1', 'wirkungen', 'Wirkung')), senderOf(ANNA))).toBeUndefined();
    catchUp(ben);
    catchUp(mia);
    // Ben clears the entry; Mia, who has not seen that, types on and keeps Anna as its creator.
    expect(act.server.offer(update(ben, () => clearActionEntry(ben, BEN, 'ziel-1')), senderOf(BEN))).toBeUndefined();
    expect(act.server.offer(update(mia, () => editActionField(mia, MIA, 'ziel-1', 'prozesse', 'Prozess')), senderOf(MIA))).toBeUndefined();
    // Ben, who has not seen Mia's record yet, starts the entry anew: from his view there was none.
    expect(act.server.offer(update(ben, () => editActionField(ben, BEN, 'ziel-1', 'leistungen', 'Leistung')), senderOf(BEN))).toBeUndefined();
    expect(act.server.state().getMap('entries').get('ziel-1')).toMatchObject({ createdBy: BEN.author, updatedBy: BEN.author });
    // Over a record he sees, naming someone else as its creator stays refused.
    refused(act.server, act.ben, (d) => d.getMap('entries').set('ziel-1', { createdBy: MIA.author, createdAt: 1, updatedBy: BEN.author, updatedAt: 2 }), /createdBy must be kept or name the sender/);
  });

  it('refuses updates with missing dependencies', () => {
    const { server, anna } = setup('swot');
    const other = new Y.Doc();
    addSwotCard(other, ANNA, { quadrant: 'chancen', text: 'eins' });
    const sv = Y.encodeStateVector(other);
    const id = readSwot(other).cards[0]!.id;
    const item = getItemsMap(other).get(id) as Y.Map<unknown>;
    (item.get('text') as Y.Text).insert(0, 'zwei ');
    // Only the second part: it depends on the first, which the server never got.
    expect(server.offer(Y.encodeStateAsUpdate(other, sv), senderOf(ANNA))).toBe('missing dependencies');
    expect(anna.edit(() => undefined)).toBeUndefined();
  });
});

describe('limits on the number of entries', () => {
  const tiny: DocumentRules = {
    kind: 'tiny',
    root: (name) => (name === 'items' ? { kind: 'map', name: 'tiny items', field: () => field.value(checks.integer), maxEntries: 3 } : undefined),
    aggregates: [],
  };

  it('counts entries from the changed keys only, and refuses growing past the limit', () => {
    const server = new Acceptor(tiny);
    const anna = new Replica(server, senderOf(ANNA));
    expect(anna.edit((d) => ['a', 'b', 'c'].forEach((k, i) => d.getMap('items').set(k, i)))).toBeUndefined();
    expect(anna.edit((d) => d.getMap('items').set('d', 4))).toMatch(/more than 3 entries/);
    // Overwriting and deleting do not grow it.
    expect(anna.edit((d) => d.getMap('items').set('a', 9))).toBeUndefined();
    expect(anna.edit((d) => d.getMap('items').delete('b'))).toBeUndefined();
    expect(anna.edit((d) => d.getMap('items').set('d', 4))).toBeUndefined();
    expect(anna.edit((d) => d.getMap('items').set('e', 5))).toMatch(/more than 3 entries/);
  });
});

describe('repair of a stored document', () => {
  it('removes what breaks a rule, wraps bare text into a paragraph, shortens overlong text, cuts a too deep goal tree', () => {
    const notes = new Y.Doc();
    const frag = notes.getXmlFragment('notes');
    const bare = new Y.XmlText();
    frag.insert(0, [paragraph('eins'), bare, new Y.XmlElement('script'), paragraph('drei')]);
    bare.insert(0, 'zwei', { bold: {}, blink: true });
    notes.getText('junk').insert(0, 'weg');
    const checker = new DocumentChecker(rulesFor('notes'));
    expect(checker.findViolations(notes).map((v) => v.fix).sort()).toEqual(['remove', 'remove', 'wrap']);
    const done = checker.repair(notes);
    expect(done).toHaveLength(3);
    expect(frag.toString()).toBe('<paragraph>eins</paragraph><paragraph><bold>zwei</bold></paragraph><paragraph>drei</paragraph>');
    expect(notes.getText('junk').toString()).toBe('');
    expect(checker.findViolations(notes)).toEqual([]);

    const swot = new Y.Doc();
    const id = addSwotCard(swot, ANNA, { quadrant: 'chancen', text: 'x'.repeat(5000) });
    getItemsMap(swot).set('bad id!', 1);
    const swotChecker = new DocumentChecker(rulesFor('swot'));
    swotChecker.repair(swot);
    expect(readSwot(swot).cards.map((c) => [c.id, c.text.length])).toEqual([[id, 2000]]);

    const goals = new Y.Doc();
    let parent: string | null = null;
    for (let i = 0; i < 100; i++) parent = addGoal(goals, ANNA, { parentId: parent });
    const goalChecker = new DocumentChecker(rulesFor('goals'));
    expect(goalChecker.repair(goals)).toEqual(['goals: 3 links cut so that the tree is at most 32 levels deep']);
    expect(Math.max(...readGoalTree(goals).nodes.map((n) => n.depth))).toBeLessThanOrEqual(Limits.goalTreeMaxDepth);
  });

  it('removes a subtree nested a little too deep, and keeps one thousands of levels deep (Yjs would overflow its stack removing it)', () => {
    const nest = (levels: number) => {
      const doc = new Y.Doc();
      doc.transact(() => {
        let cur: Y.XmlFragment = doc.getXmlFragment('notes');
        for (let i = 0; i < levels; i++) {
          const el = new Y.XmlElement('blockquote');
          cur.insert(0, [el]);
          cur = el;
        }
      });
      return doc;
    };
    const checker = new DocumentChecker(rulesFor('notes'));
    const shallow = nest(Limits.richTextMaxDepth + 5);
    expect(checker.repair(shallow)).toEqual([`notes: nested deeper than ${Limits.richTextMaxDepth} (remove)`]);
    expect(checker.findViolations(shallow)).toEqual([]);
    const deep = nest(6000);
    expect(checker.repair(deep)).toEqual([`notes: nested deeper than ${Limits.richTextMaxDepth} (kept: nested too deep to remove)`]);
    expect(deep.getXmlFragment('notes').length).toBe(1);
  });
});
