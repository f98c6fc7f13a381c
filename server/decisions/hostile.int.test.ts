/**
 * Documents as a hostile or outdated client leaves them, through the real HTTP API, the real
 * export worker and a real SQLite file: forged vote slots, a 6,000-level goal chain, rich text
 * nested 6,000 deep, dangerous links and Markdown, oversized jobs. The documents are written
 * straight into the store — as they would sit there from before the Yjs endpoint checked every
 * update — so the readers, not the endpoint, are what is tested here.
 */
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CheckResponse, CompareResponse, DraftResponse, ExportJob, ExportJobResponse, VersionResponse } from '../../shared/decisionApi';
import { docName, type DocKind } from '../../shared/docs';
import type { ApiErrorBody } from '../../shared/errors';
import { addGoal, addPriorityTopic, addSwotCard, getNotesFragment, getProseFragment, setDraftChoices, setVoteResult, type WriteContext } from '../../shared/schema';
import { api, seedDecisionSession } from '../test/decisionSeed';
import { createSession, type InProcess, joinSession, login, tempDir, useRealServers, waitFor } from '../test/harness';
import { RULES_VERSION, VALIDATED_RULES_KEY } from '../../shared/schema/rules';
import { enterAsModerator, useSockets } from '../test/sockets';
import { freeze } from './service';

const { start, client, closeDoc } = useRealServers();
const { connectSocket } = useSockets();

const ctx: WriteContext = { origin: 'hostile', author: { participantId: 'x', displayName: 'X' } };
const errorId = (r: { body: unknown }) => (r.body as ApiErrorBody).error?.id;
type Auth = { cookie?: string; bearer?: string };

/**
 * Changes a stored document as an update appended to its log (what a client's update leaves
 * there). The server holds an open document in memory and reads that: its clients are closed and
 * it is let unload first. The document is marked as checked by the current rules, so that the
 * Yjs endpoint's repair on load leaves it as it is and the readers face it.
 */
async function storeChange(srv: InProcess, name: string, change: (doc: Y.Doc) => void): Promise<void> {
  closeDoc(name);
  await waitFor(() => !srv.server.sync.isLoaded(name), `${name} unloaded`);
  const stored = await srv.server.store.docs.load(name);
  const doc = new Y.Doc();
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  const before = Y.encodeStateVector(doc);
  change(doc);
  doc.getMap('meta').set(VALIDATED_RULES_KEY, RULES_VERSION);
  await srv.server.store.docs.append(name, [Y.encodeStateAsUpdate(doc, before)]);
  doc.destroy();
}

/** A session nobody has opened a document of yet, with its moderator (cookie and token). */
async function freshSession(srv: InProcess) {
  const cookie = await login(srv.baseUrl);
  const session = await createSession(srv.baseUrl, cookie);
  const mod = await enterAsModerator(srv.baseUrl, cookie, session.id);
  const doc = (kind: DocKind) => docName(session.id, kind);
  return { cookie, session, mod, doc };
}

async function createDraft(srv: InProcess, sessionId: string, auth: Auth, picks: unknown[]) {
  return api<DraftResponse>(srv.baseUrl, 'POST', `/sessions/${sessionId}/decisions`, auth, { picks });
}

async function pollJob(srv: InProcess, auth: Auth, job: ExportJob, until: (j: ExportJob) => boolean = (j) => j.status === 'done' || j.status === 'failed'): Promise<ExportJob> {
  const deadline = Date.now() + 90_000;
  while (!until(job)) {
    if (Date.now() > deadline) throw new Error(`export ${job.id} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 25));
    job = (await api<ExportJobResponse>(srv.baseUrl, 'GET', `/exports/${job.id}`, auth)).body.job;
  }
  return job;
}

async function exportFile(srv: InProcess, auth: Auth, path: string, body: unknown): Promise<{ job: ExportJob; bytes: Buffer }> {
  const created = await api<ExportJobResponse>(srv.baseUrl, 'POST', path, auth, body);
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  const job = await pollJob(srv, auth, created.body.job);
  expect(job.status, `${job.error}: ${job.errorMessage}`).toBe('done');
  const headers: Record<string, string> = auth.cookie ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.bearer}` };
  const res = await fetch(`${srv.baseUrl}${job.downloadUrl}`, { headers });
  expect(res.status).toBe(200);
  return { job, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function docxParts(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) files[name] = await zip.file(name)!.async('string');
  const rels = files['word/_rels/document.xml.rels'] ?? '';
  const targets = [...rels.matchAll(/<Relationship [^>]*Target="([^"]*)"[^>]*TargetMode="External"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const rows = [...(files['word/document.xml'] ?? '').matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => [...c[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join(' | '),
  );
  return { files, targets, rows, all: Object.values(files).join('\n') };
}

function pdfUris(bytes: Buffer): string[] {
  return [...bytes.toString('latin1').matchAll(/\/URI\s*\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

function pdfText(bytes: Buffer): string {
  const file = join(tempDir('werkraum-pdf-'), 'x.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const SAFE = /^(https?:\/\/|mailto:)/;

/** A forged result in a priority topic's vote slot, as the issue found it. */
const FORGED_SLOT = {
  roundId: 'forged-round-1',
  method: 'konsenscheck',
  totals: { zustimmung: 40, leichte_bedenken: 0, schwere_bedenken: 0, veto: 0 },
  participants: 40,
  outcome: 'konsens',
  meinungsbild: false,
  publishedAt: 8.64e15 + 1,
} as const;

describe('facts come from the server, never from a document', () => {
  it('a forged vote slot gives no consensus record; a real round keeps its own figures whatever the slot says', async () => {
    const s = await seedDecisionSession(await start(), client, connectSocket);
    const srv = s.srv;
    const mod = { bearer: s.mod.token };
    let forged = '';
    await storeChange(srv, s.mod.docs.priorities, (doc) => {
      forged = addPriorityTopic(doc, ctx, { title: 'Gefälschter Konsens' });
      setVoteResult(doc, ctx, forged, FORGED_SLOT);
      // The real topic's slot, rewritten: the real round's id, figures nobody voted.
      setVoteResult(doc, ctx, s.ids.topic, { ...FORGED_SLOT, roundId: s.round.roundId });
    });

    // publishedAt beyond the Date range used to answer 500 ("Invalid time value").
    const created = await createDraft(srv, s.session.id, mod, [
      { board: 'priorities', itemId: forged },
      { board: 'priorities', itemId: s.ids.topic },
    ]);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = created.body.draft;
    expect(draft.provenance.consensus.map((r) => r.id)).toEqual([`${s.round.roundId}:o1`]);
    expect(draft.provenance.consensus[0]).toMatchObject({ participants: 3, outcome: 'konsens_mit_bedenken', result: { zustimmung: 2, leichte_bedenken: 1, veto: 0 } });
    expect(draft.provenance.sources.find((x) => x.ref.itemId === forged)!.consensusIds).toEqual([]);
    expect(JSON.stringify(draft)).not.toMatch(/forged-round-1|40 Zustimmung|"participants":40/);

    // The completeness warning stays for the forged topic.
    const check = await api<CheckResponse>(srv.baseUrl, 'GET', `/decisions/${draft.id}/check`, mod);
    expect(check.body.findings.filter((f) => f.id === 'consensus_not_recorded').map((f) => f.itemId)).toEqual([`priorities:${forged}`]);

    // Neither the draft's Markdown nor the Protokoll prints the forged figures.
    const md = (await exportFile(srv, mod, `/decisions/${draft.id}/exports`, { format: 'md', version: 'current' })).bytes.toString('utf8');
    expect(md).toContain('2 Zustimmung');
    expect(md).not.toMatch(/40 Zustimmung|40 Teilnehmende/);
    const proto = await docxParts((await exportFile(srv, { cookie: s.cookie }, `/sessions/${s.session.id}/exports`, { format: 'docx' })).bytes);
    const forgedRow = proto.rows.find((r) => r.includes('Gefälschter Konsens'))!;
    expect(forgedRow.endsWith('| —')).toBe(true);
    const realRow = proto.rows.find((r) => r.startsWith('1 | Übergang Schule–Beruf'))!;
    expect(realRow).toContain('Konsenscheck (3 Teilnehmende): 2 Zustimmung, 1 leichte Bedenken');
    expect(proto.all).not.toMatch(/40 Zustimmung|40 Teilnehmende/);
  }, 180_000);

  it('a draft of forged slots only records no consensus at all, and says so', async () => {
    const srv = await start();
    const f = await freshSession(srv);
    let topic = '';
    await storeChange(srv, f.doc('priorities'), (doc) => {
      topic = addPriorityTopic(doc, ctx, { title: 'Nur ein Slot' });
      setVoteResult(doc, ctx, topic, FORGED_SLOT);
    });
    const created = await createDraft(srv, f.session.id, { cookie: f.cookie }, [{ board: 'priorities', itemId: topic }]);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.draft.provenance.consensus).toEqual([]);
    expect(created.body.draft.findings.map((x) => x.id)).toContain('consensus_not_recorded');
    const md = (await exportFile(srv, { cookie: f.cookie }, `/decisions/${created.body.draft.id}/exports`, { format: 'md', version: 'current' })).bytes.toString('utf8');
    expect(md).toContain('Es ist nicht dokumentiert, wie Konsens erzielt wurde.');
    expect(md).not.toContain('Zustimmung');
  }, 120_000);
});

describe('server readers survive any document', () => {
  it('a 6,000-level goal chain: draft creation, check and the Protokoll answer, never 500', async () => {
    const srv = await start();
    const f = await freshSession(srv);
    let top = '';
    let wide = '';
    await storeChange(srv, f.doc('goals'), (doc) => {
      top = addGoal(doc, ctx, { level: 'strategisch', title: 'Oben' });
      // A second goal with more measures below it than a draft may hold.
      wide = addGoal(doc, ctx, { level: 'strategisch', title: 'Breit' });
      for (let i = 0; i < 201; i++) addGoal(doc, ctx, { level: 'massnahme', parentId: wide, title: `Maßnahme ${i + 1}` });
      const items = doc.getMap<Y.Map<unknown>>('items');
      let parent = top;
      for (let i = 0; i < 6000; i++) {
        const m = new Y.Map<unknown>();
        m.set('parentId', parent);
        m.set('order', 'a0');
        m.set('level', i % 1000 === 999 ? 'massnahme' : 'operativ');
        m.set('title', new Y.Text(`Ebene ${i + 2}`));
        items.set(`chain${i}`, m);
        parent = `chain${i}`;
      }
    });
    const created = await createDraft(srv, f.session.id, { cookie: f.cookie }, [{ board: 'goals', itemId: top }]);
    expect([201, 422], JSON.stringify(created.body)).toContain(created.status);
    if (created.status === 422) expect(errorId(created)).toBe('document_unreadable');
    else {
      const draftId = created.body.draft.id;
      expect(created.body.draft.content.measures.map((m) => m.title)).toEqual(['Ebene 1001', 'Ebene 2001', 'Ebene 3001', 'Ebene 4001', 'Ebene 5001', 'Ebene 6001']);
      expect((await api(srv.baseUrl, 'GET', `/decisions/${draftId}`, { cookie: f.cookie })).status).toBe(200);
      expect((await api(srv.baseUrl, 'GET', `/decisions/${draftId}/check`, { cookie: f.cookie })).status).toBe(200);
    }
    const tooLarge = await createDraft(srv, f.session.id, { cookie: f.cookie }, [{ board: 'goals', itemId: wide }]);
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body).toMatchObject({ error: { id: 'draft_too_large', field: 'picks' } });
    expect((tooLarge.body as unknown as ApiErrorBody).error.message).toMatch(/201 rows of measures, at most 200/);
    // The Protokoll's goal table keeps its row limit and says what it left out.
    const proto = await docxParts((await exportFile(srv, { cookie: f.cookie }, `/sessions/${f.session.id}/exports`, { format: 'docx' })).bytes);
    const goalRows = proto.rows.filter((r) => /^(Strategisches Ziel|Operatives Ziel|Maßnahme) \|/.test(r));
    expect(goalRows.length).toBeGreaterThan(100);
    expect(goalRows.length).toBe(1000);
    expect(proto.all).toContain('weitere Zeilen nicht dargestellt');
    // Deep rows show their level by number, not by 6,000 dashes.
    expect(Math.max(...goalRows.map((r) => r.length))).toBeLessThan(200);
  }, 180_000);

  it('prose nested 6,000 deep in a draft and in the notes: read, checked, handed over, compared and exported', async () => {
    const srv = await start();
    const f = await freshSession(srv);
    let card = '';
    await storeChange(srv, f.doc('swot'), (doc) => {
      card = addSwotCard(doc, ctx, { quadrant: 'staerken', text: 'Starke Schulen' });
    });
    const created = await createDraft(srv, f.session.id, { cookie: f.cookie }, [{ board: 'swot', itemId: card }]);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draftId = created.body.draft.id;
    const deep = (fragment: Y.XmlFragment) => {
      let cur: Y.XmlElement | Y.XmlFragment = fragment;
      for (let i = 0; i < 6000; i++) {
        const el = new Y.XmlElement(i % 3 === 0 ? 'bulletList' : i % 3 === 1 ? 'listItem' : 'blockquote');
        cur.insert(0, [el]);
        cur = el;
      }
      const p = new Y.XmlElement('paragraph');
      cur.insert(0, [p]);
      p.insert(0, [new Y.XmlText('tief unten')]);
    };
    await storeChange(srv, f.doc('decisions'), (doc) => {
      deep(getProseFragment(doc, draftId, 'begruendung'));
      setDraftChoices(doc, ctx, draftId, { verbindlichkeitsstufe: 'lose_koordination' });
    });
    await storeChange(srv, f.doc('notes'), (doc) => deep(getNotesFragment(doc)));

    const read = await api<DraftResponse>(srv.baseUrl, 'GET', `/decisions/${draftId}`, { cookie: f.cookie });
    expect([200, 422]).toContain(read.status);
    expect((await api(srv.baseUrl, 'GET', `/decisions/${draftId}/check`, { cookie: f.cookie })).status).toBe(read.status);
    if (read.status === 422) {
      expect(errorId(read)).toBe('document_unreadable');
      return;
    }
    const handover = await api(srv.baseUrl, 'POST', `/decisions/${draftId}/handover`, { cookie: f.cookie }, {});
    expect(handover.status, JSON.stringify(handover.body)).toBe(201);
    const compare = await api<CompareResponse>(srv.baseUrl, 'GET', `/decisions/${draftId}/compare?from=1&to=current`, { cookie: f.cookie });
    expect(compare.status).toBe(200);
    for (const format of ['md', 'docx', 'pdf', 'json']) await exportFile(srv, { cookie: f.cookie }, `/decisions/${draftId}/exports`, { format, version: 1 });
    await exportFile(srv, { cookie: f.cookie }, `/sessions/${f.session.id}/exports`, { format: 'docx' });
  }, 180_000);
});

describe('exports are safe by construction', () => {
  it('javascript:, data: and file: links never reach Markdown, DOCX relationships, PDF URI actions or JSON; typed Markdown stays text', async () => {
    const srv = await start();
    const f = await freshSession(srv);
    const auth = { cookie: f.cookie };
    let card = '';
    await storeChange(srv, f.doc('swot'), (doc) => {
      card = addSwotCard(doc, ctx, { quadrant: 'staerken', text: 'Starke Schulen' });
    });
    const created = await createDraft(srv, f.session.id, auth, [{ board: 'swot', itemId: card }]);
    expect(created.status).toBe(201);
    const draftId = created.body.draft.id;
    const links: [string, string][] = [
      ['eins', 'javascript:alert(1)'],
      ['zwei', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
      ['drei', 'file:///etc/passwd'],
      ['vier', 'https://example.org/ok'],
    ];
    await storeChange(srv, f.doc('decisions'), (doc) => {
      const fragment = getProseFragment(doc, draftId, 'begruendung');
      const p1 = new Y.XmlElement('paragraph');
      const p2 = new Y.XmlElement('paragraph');
      const p3 = new Y.XmlElement('paragraph');
      const p4 = new Y.XmlElement('paragraph');
      fragment.insert(0, [p1, p2, p3, p4]);
      const t1 = new Y.XmlText();
      p1.insert(0, [t1]);
      let at = 0;
      for (const [text, href] of links) {
        t1.insert(at, `${text} `, { link: { href } });
        at += text.length + 1;
      }
      const t2 = new Y.XmlText();
      p2.insert(0, [t2]);
      t2.insert(0, '```', { code: {} });
      t2.insert(3, '<img src=x onerror=alert(1)><script>alert(2)</script>', { code: null });
      const t3 = new Y.XmlText();
      p3.insert(0, [t3]);
      t3.insert(0, '1. Punkt');
      const t4 = new Y.XmlText();
      p4.insert(0, [t4]);
      t4.insert(0, '=====');
      setDraftChoices(doc, ctx, draftId, { verbindlichkeitsstufe: 'lose_koordination' });
    });
    expect((await api(srv.baseUrl, 'POST', `/decisions/${draftId}/handover`, auth, {})).status).toBe(201);
    // The reader already dropped the unsafe targets: version 1 holds only the https link.
    const v1 = await api<VersionResponse>(srv.baseUrl, 'GET', `/decisions/${draftId}/versions/1`, auth);
    const v1Json = JSON.stringify(v1.body.version.content.begruendung);
    expect(v1Json).toContain('https://example.org/ok');
    expect(v1Json).not.toMatch(/javascript:|data:|file:/);

    // A version frozen before the reader refused such targets: straight into the store.
    const content = structuredClone(v1.body.version.content);
    const para = content.begruendung.content[0] as { content: { type: 'text'; text: string; marks?: unknown[] }[] };
    para.content = links.map(([text, href]) => ({ type: 'text', text: `${text} `, marks: [{ type: 'link', attrs: { href } }] }));
    const { json, hash } = freeze(content);
    const frozen = await srv.server.store.decisions.freezeVersion(draftId, ['uebergeben'], {
      contentJson: json,
      contentHash: hash,
      title: content.title,
      gremium: content.gremium,
      handedOverAt: new Date().toISOString(),
      handedOverBy: { kind: 'moderator', id: 'old', displayName: 'Alt' },
      findings: [],
      note: '',
    });
    expect(frozen?.version.number).toBe(2);

    for (const version of [1, 2]) {
      const md = (await exportFile(srv, auth, `/decisions/${draftId}/exports`, { format: 'md', version })).bytes.toString('utf8');
      expect(md).not.toMatch(/javascript:|data:|file:/);
      expect(md).toContain('[vier ](https://example.org/ok)');
      expect(md).toContain('eins zwei drei ');
      if (version === 1) {
        expect(md).toContain('```` ``` ````&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
        expect(md).toMatch(/^1\\\. Punkt$/m);
        expect(md).toMatch(/^\\=====$/m);
      }
      expect(md).not.toMatch(/<img|<script/);

      const docx = await docxParts((await exportFile(srv, auth, `/decisions/${draftId}/exports`, { format: 'docx', version })).bytes);
      expect(docx.targets).toEqual(['https://example.org/ok']);
      for (const t of docx.targets) expect(t).toMatch(SAFE);
      expect(docx.all).not.toMatch(/javascript:|data:text|file:\/\//);

      const pdf = (await exportFile(srv, auth, `/decisions/${draftId}/exports`, { format: 'pdf', version })).bytes;
      expect(pdfUris(pdf)).toEqual(['https://example.org/ok']);
      expect(pdf.toString('latin1')).not.toMatch(/javascript:|data:text|file:\/\//);
      expect(pdfText(pdf)).toMatch(/eins zwei drei vier/);

      const exported = (await exportFile(srv, auth, `/decisions/${draftId}/exports`, { format: 'json', version })).bytes.toString('utf8');
      expect(exported).not.toMatch(/javascript:|data:text|file:\/\//);
      expect(exported).toContain('https://example.org/ok');
    }
  }, 240_000);

  it('export limits: per caller and per session (429 too_many_exports), a time limit with a fresh worker, sessions take turns', async () => {
    const srv = await start({
      env: { WERKRAUM_EXPORT_WORKERS: '1', WERKRAUM_EXPORT_TIMEOUT_MS: '250', WERKRAUM_EXPORTS_PER_CALLER: '1', WERKRAUM_EXPORTS_PER_SESSION: '2' },
    });
    // Session A: a board far too large to render as PDF within a quarter of a second (a Protokoll of ~200 pages).
    const a = await freshSession(srv);
    const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `Befund${(i * 7 + seed) % 101}`).join(' ');
    let cardA = '';
    await storeChange(srv, a.doc('swot'), (doc) => {
      for (let i = 0; i < 400; i++) cardA = addSwotCard(doc, ctx, { quadrant: 'schwaechen', text: words(220, i) });
    });
    const draftA = await createDraft(srv, a.session.id, { cookie: a.cookie }, [{ board: 'swot', itemId: cardA }]);
    expect(draftA.status).toBe(201);
    const participantA = await joinSession(srv.baseUrl, a.session.joinCode, 'Anna');
    // Session B: small.
    const b = await freshSession(srv);
    let cardB = '';
    await storeChange(srv, b.doc('swot'), (doc) => {
      cardB = addSwotCard(doc, ctx, { quadrant: 'staerken', text: 'Kurz' });
    });
    const draftB = await createDraft(srv, b.session.id, { cookie: b.cookie }, [{ board: 'swot', itemId: cardB }]);
    const participantB = await joinSession(srv.baseUrl, b.session.joinCode, 'Bernd');

    const post = (auth: Auth, path: string, body: unknown) => api<ExportJobResponse>(srv.baseUrl, 'POST', path, auth, body);
    const slow = await post({ cookie: a.cookie }, `/sessions/${a.session.id}/exports`, { format: 'pdf' });
    expect(slow.status).toBe(202);
    // The same caller again: refused, with a retry hint.
    const again = await post({ cookie: a.cookie }, `/sessions/${a.session.id}/exports`, { format: 'docx' });
    expect(again.status).toBe(429);
    expect(errorId(again)).toBe('too_many_exports');
    // Another caller of session A (the moderator's token) may queue one more …
    const second = await post({ bearer: a.mod.token }, `/sessions/${a.session.id}/exports`, { format: 'docx' });
    expect(second.status).toBe(202);
    // … then session A is full, whoever asks.
    const full = await post({ bearer: participantA.token }, `/decisions/${draftA.body.draft.id}/exports`, { format: 'json', version: 'current' });
    expect(full.status).toBe(429);
    expect(errorId(full)).toBe('too_many_exports');
    expect((full.body as unknown as ApiErrorBody).error.message).toMatch(/per session/);
    // Session B is not blocked by A's jobs: accepted, and served before A's second job.
    const other = await post({ bearer: participantB.token }, `/decisions/${draftB.body.draft.id}/exports`, { format: 'json', version: 'current' });
    expect(other.status).toBe(202);

    const timedOut = await pollJob(srv, { cookie: a.cookie }, slow.body.job);
    expect(timedOut).toMatchObject({ status: 'failed', error: 'export_timeout' });
    expect(timedOut.errorMessage).toMatch(/longer than 0.3 s/);
    // A fresh worker takes the next job: B's.
    const done = await pollJob(srv, { bearer: participantB.token }, other.body.job);
    expect(done.status, `${done.error}: ${done.errorMessage}`).toBe('done');
    const secondFinal = await pollJob(srv, { bearer: a.mod.token }, second.body.job);
    expect(Date.parse(done.finishedAt!)).toBeLessThanOrEqual(Date.parse(secondFinal.finishedAt!));
    // Once A's jobs are finished, A may export again.
    const later = await post({ cookie: a.cookie }, `/decisions/${draftA.body.draft.id}/exports`, { format: 'json', version: 'current' });
    expect(later.status).toBe(202);
    expect((await pollJob(srv, { cookie: a.cookie }, later.body.job)).status).toBe('done');
  }, 180_000);
});
