/**
 * Every export format, produced from a seeded session through the real API and its worker
 * thread, and checked by parsing it back: DOCX with jszip, JSON with ajv against
 * docs/decision-draft.schema.json, OParl against OParl 1.1's fields, PDF through pdftotext.
 */
import Ajv from 'ajv';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/decision';
import type { DraftResponse, ExportJob, ExportJobResponse } from '../../shared/decisionApi';
import { addDraftRow, editDraftText, readDecisionDraft, setDraftChoices } from '../../shared/schema';
import { api, seedDecisionSession, type Seeded } from '../test/decisionSeed';
import { synced, tempDir, useRealServers, waitFor } from '../test/harness';
import { useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket } = useSockets();

interface Produced {
  job: ExportJob;
  bytes: Buffer;
  ms: number;
  polls: number;
}

async function produce(s: Seeded, path: string, auth: { cookie?: string; bearer?: string }, body: unknown): Promise<Produced> {
  const t0 = performance.now();
  const created = await api<ExportJobResponse>(s.srv.baseUrl, 'POST', path, auth, body);
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  let job = created.body.job;
  let polls = 0;
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 25));
    job = (await api<ExportJobResponse>(s.srv.baseUrl, 'GET', `/exports/${job.id}`, auth)).body.job;
    polls++;
  }
  expect(job.status, job.error ?? '').toBe('done');
  const headers: Record<string, string> = auth.cookie ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.bearer}` };
  const res = await fetch(`${s.srv.baseUrl}${job.downloadUrl}`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain(job.mimeType.split(';')[0]!);
  expect(res.headers.get('content-disposition')).toContain('attachment');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.byteLength).toBe(job.size);
  return { job, bytes, ms: performance.now() - t0, polls };
}

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml;
}

/** The text of every paragraph of a given style, and every table row, from document.xml. */
function docxParts(xml: string) {
  const text = (fragment: string) => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const paragraphs = [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => m[0]);
  const styled = (style: string) => paragraphs.filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`)).map(text);
  const rows = [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [^>]*>([\s\S]*?)<\/w:tr>/g)].map((m) =>
    [...m[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!)),
  );
  return { headings1: styled('Heading1'), headings2: styled('Heading2'), headings3: styled('Heading3'), title: styled('Title'), rows };
}

function pdfText(bytes: Buffer): string {
  const dir = tempDir('werkraum-pdf-');
  const file = join(dir, 'x.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('exports', () => {
  it('every format from a seeded session, parsed back', async () => {
    const s = await seedDecisionSession(await start(), client, connectSocket);
    const mod = { bearer: s.mod.token };
    const created = await api<DraftResponse>(s.srv.baseUrl, 'POST', `/sessions/${s.session.id}/decisions`, mod, {
      title: 'Übergang Schule–Beruf stärken',
      picks: [{ roundId: s.round.roundId, optionId: 'o1' }, { roundId: s.round.roundId, optionId: 'o2' }, { board: 'swot', itemId: s.ids.card }, { board: 'actions', itemId: s.ids.goal }],
    });
    const draftId = created.body.draft.id;
    const ctx = { origin: 'm', author: { participantId: s.mod.participantId, displayName: s.mod.displayName } };
    const c = client(s.srv.wsUrl, s.mod.docs.decisions, s.mod.token);
    await synced(c);
    setDraftChoices(c.doc, ctx, draftId, { verbindlichkeitsstufe: 'vertragliche_kooperation' });
    // The Vorlage's header, as the editor writes it (the server's rules accept every write).
    setDraftChoices(c.doc, ctx, draftId, { datum: '2026-12-01', oeffentlichkeit: 'nichtoeffentlich', finanzielleAuswirkungen: 'ja' });
    editDraftText(c.doc, ctx, draftId, 'vorlagenNr', 'BV/2026/014');
    editDraftText(c.doc, ctx, draftId, 'federfuehrung', 'Bildungsbüro');
    editDraftText(c.doc, ctx, draftId, 'verfasser', 'Dana Wójcik');
    editDraftText(c.doc, ctx, draftId, 'betreff', 'Handlungskonzept Übergang Schule–Beruf 2027–2030');
    editDraftText(c.doc, ctx, draftId, 'haushaltsjahr', '2027');
    editDraftText(c.doc, ctx, draftId, 'produkt', '1.2.1.01 Bildungsmanagement');
    editDraftText(c.doc, ctx, draftId, 'deckung', 'Mittel im Teilhaushalt 51');
    addDraftRow(c.doc, ctx, draftId, 'beratungsfolge', { gremium: 'Jugendhilfeausschuss', date: '2027-01-12', zustaendigkeit: 'vorberatung' }, 'start');
    addDraftRow(c.doc, ctx, draftId, 'anlagen', { title: 'Zielbaum der Bildungskonferenz', link: 'https://werkraum.example/zielbaum.pdf' });
    addDraftRow(c.doc, ctx, draftId, 'costs', { label: 'Koordinationsstelle (1,0 VZÄ)', category: 'personal', amountEur: 68000, period: 'jährlich', fundedBy: 'Landkreis' });
    addDraftRow(c.doc, ctx, draftId, 'milestones', { title: 'Start der Praktikumsbörse', date: '2027-03-01', note: '' });
    const probe = client(s.srv.wsUrl, s.mod.docs.decisions, s.mod.token);
    await synced(probe);
    await waitFor(() => {
      const d = readDecisionDraft(probe.doc, draftId);
      return d.costs.length === 1 && d.timeline.length === 1 && d.anlagen.length === 1 && d.beratungsfolge.length === 2 && d.deckung !== '' && d.oeffentlichkeit === 'nichtoeffentlich';
    }, 'edits stored');
    expect((await api(s.srv.baseUrl, 'POST', `/decisions/${draftId}/handover`, mod, {})).status).toBe(201);

    const figures: Record<string, { bytes: number; ms: number; polls: number }> = {};
    const run = async (name: string, path: string, body: unknown, auth: { cookie?: string; bearer?: string } = mod) => {
      const p = await produce(s, path, auth, body);
      figures[name] = { bytes: p.bytes.byteLength, ms: Math.round(p.ms), polls: p.polls };
      return p;
    };

    // DOCX: a Beschlussvorlage with its heading block, sections and tables.
    const docx = await run('decision.docx', `/decisions/${draftId}/exports`, { format: 'docx' });
    expect(docx.job.fileName).toMatch(/^Beschlussvorlage-LK-\d{4}-001-Fassung-1\.docx$/);
    const parts = docxParts(await docxText(docx.bytes));
    expect(parts.title).toEqual(['Übergang Schule–Beruf stärken']);
    // Betreff and Beratungsfolge below the header block, the Beschlussvorschlag first, the
    // Finanzielle Auswirkungen and Anlagen in the body, provenance and checks in the annex last.
    const order = ['Betreff', 'Beratungsfolge', '1. Beschlussvorschlag', '2. Sachverhalt', '3. Begründung'];
    expect(parts.headings1.slice(0, order.length)).toEqual(order);
    const bare = parts.headings1.map((t) => t.replace(/^\d+\. /, ''));
    for (const later of ['Ziele und Indikatoren', 'Maßnahmen', 'Rolle der Kommune und Verbindlichkeit', 'Finanzielle Auswirkungen', 'Zeitplan', 'Beteiligung', 'Konsensfindung', 'Anlagen']) {
      expect(bare.indexOf(later), later).toBeGreaterThan(bare.indexOf('Begründung'));
    }
    expect(bare.indexOf('Finanzielle Auswirkungen')).toBeLessThan(bare.indexOf('Anlagen'));
    expect(parts.headings1.at(-1)).toBe('Anhang: Herkunft und Prüfung');
    expect(parts.headings2.slice(-3)).toEqual(['Übergabe', 'Herkunft', 'Hinweise der Vollständigkeitsprüfung']);
    const rowText = parts.rows.map((r) => r.join(' | '));
    // The header block: the first table, two columns.
    expect(parts.rows.slice(0, 9).map((r) => r.length)).toEqual(Array(9).fill(2));
    expect(rowText.slice(0, 9)).toEqual([
      'Vorlagen-Nr. | BV/2026/014',
      expect.stringMatching(/^Werkraum-Referenz \| LK-\d{4}-001 \(Fassung 1\)$/),
      'Datum | 01.12.2026',
      'Federführung | Bildungsbüro',
      'Verfasser/in | Dana Wójcik',
      'Öffentlichkeit | nichtöffentlich',
      'Gremium | Lenkungskreis Bildung',
      'Status | übergeben',
      expect.stringMatching(/^Vorgelegt von \| Bildungskonferenz/),
    ]);
    // The Lenkungskreis row came with the draft, from its Gremium; the committee before it was added.
    expect(rowText).toContain('Gremium | Sitzungsdatum | Zuständigkeit');
    expect(rowText).toContain('Jugendhilfeausschuss | 12.01.2027 | Vorberatung');
    expect(rowText).toContain('Lenkungskreis Bildung | — | Entscheidung');
    expect(rowText.indexOf('Jugendhilfeausschuss | 12.01.2027 | Vorberatung')).toBeLessThan(rowText.indexOf('Lenkungskreis Bildung | — | Entscheidung'));
    for (const fact of ['Finanzielle Auswirkungen | ja', 'Haushaltsjahr | 2027', 'Produkt/Kostenstelle | 1.2.1.01 Bildungsmanagement', 'Deckung | Mittel im Teilhaushalt 51', 'Folgekosten | —']) {
      expect(rowText).toContain(fact);
    }
    expect(rowText).toContain('Ziel | Verantwortlich | Indikator | Ausgangswert | Zielwert | Frist | Datenquelle');
    expect(rowText).toContain('Übergangsquote erhöhen (Ergebnisse/Wirkungen) | Bildungsbüro | Übergangsquote (%) | 61,5 | 70 | 31.07.2028 | Schulstatistik');
    expect(rowText).toContain('Leistungsangebote/Produkte | Praktikumsbörse aufbauen | IHK | — | Übergangsquote erhöhen');
    expect(rowText.some((r) => r.startsWith('Verbindlichkeitsstufe | Stufe 3'))).toBe(true);
    expect(rowText).toContain('Koordinationsstelle (1,0 VZÄ) | Personal | 68.000,00\u00a0€ | jährlich | Landkreis');
    expect(rowText).toContain('Summe jährlich |  | 68.000,00\u00a0€ | jährlich | ');
    expect(rowText.some((r) => r.includes('Konsenscheck (3 Teilnehmende): 2 Zustimmung, 1 leichte Bedenken') && r.endsWith('Konsens mit Bedenken'))).toBe(true);

    // PDF: the same document, through pdftotext.
    const pdf = await run('decision.pdf', `/decisions/${draftId}/exports`, { format: 'pdf' });
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.bytes);
    for (const expected of ['BESCHLUSSVORLAGE', 'Übergang Schule–Beruf stärken', 'Sachverhalt', 'Beschlussvorschlag', 'Konsensfindung', 'Zielwert', 'Finanzierung ab 2028 offen', 'Seite 1 von']) {
      expect(text).toContain(expected);
    }
    // The sections in reading order, as pdftotext extracts them (headings stand on lines of their own).
    const lines = text.split('\n').map((l) => l.trim());
    const lineOf = (heading: string) => lines.findIndex((l) => l === heading);
    const pdfOrder = [
      'Vorlagen-Nr. BV/2026/014',
      'Betreff',
      'Handlungskonzept Übergang Schule–Beruf 2027–2030',
      'Beratungsfolge',
      '1. Beschlussvorschlag',
      '2. Sachverhalt',
      '3. Begründung',
      `${bare.indexOf('Finanzielle Auswirkungen') - 1}. Finanzielle Auswirkungen`,
      `${bare.indexOf('Anlagen') - 1}. Anlagen`,
      'Anlage 1: Zielbaum der Bildungskonferenz – https://werkraum.example/zielbaum.pdf',
      'Anhang: Herkunft und Prüfung',
      'Herkunft',
    ].map((l) => [l, lines.findIndex((x) => x.replace(/\s+/g, ' ') === l)] as const);
    for (const [l, i] of pdfOrder) expect(i, l).toBeGreaterThanOrEqual(0);
    expect(pdfOrder.map(([, i]) => i)).toEqual([...pdfOrder.map(([, i]) => i)].sort((a, b) => a - b));
    expect(lineOf('Anhang: Herkunft und Prüfung')).toBeGreaterThan(lineOf(`${bare.indexOf('Konsensfindung') - 1}. Konsensfindung`));

    // Markdown.
    const md = (await run('decision.md', `/decisions/${draftId}/exports`, { format: 'md' })).bytes.toString('utf8');
    expect(md).toContain('# Übergang Schule–Beruf stärken');
    expect(md).toMatch(/## \d+\. Beschlussvorschlag/);
    expect(md).toContain('| Ziel | Verantwortlich | Indikator |');

    // JSON against its schema; its content hashes to the version's hash.
    const json = JSON.parse((await run('decision.json', `/decisions/${draftId}/exports`, { format: 'json' })).bytes.toString('utf8')) as {
      content: unknown;
      version: { contentHash: string };
    };
    const ajv = new Ajv({ allErrors: true });
    ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)) && /T/.test(v));
    ajv.addFormat('uri', (v: string) => /^https?:\/\//.test(v));
    const validate = ajv.compile(JSON.parse(readFileSync('docs/decision-draft.schema.json', 'utf8')) as object);
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(createHash('sha256').update(canonicalJson(json.content)).digest('hex')).toBe(json.version.contentHash);
    // The schema is not a rubber stamp.
    expect(validate({ ...json, content: { ...(json.content as object), verbindlichkeitsstufe: 'stufe_5' } })).toBe(false);
    expect(validate({ ...json, content: { ...(json.content as object), oeffentlichkeit: 'geheim' } })).toBe(false);
    expect(validate({ ...json, content: { ...(json.content as object), anlagen: [{ id: 'a', title: 'x', link: 'javascript:alert(1)' }] } })).toBe(false);
    expect((json.content as { anlagen: unknown[] }).anlagen).toEqual([{ id: expect.any(String), title: 'Zielbaum der Bildungskonferenz', link: 'https://werkraum.example/zielbaum.pdf' }]);
    // A version frozen before the Vorlage fields existed still validates.
    const { vorlagenNr: _n, datum: _d, federfuehrung: _f, verfasser: _v, oeffentlichkeit: _o, betreff: _b, beratungsfolge: _r, finanzielleAuswirkungen: _a, haushaltsjahr: _h, produkt: _p, deckung: _c, folgekosten: _k, anlagen: _l, ...older } =
      json.content as Record<string, unknown>;
    expect(validate({ ...json, content: older }), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    // OParl 1.1 Paper with a Consultation and the PDF as mainFile.
    const paper = JSON.parse((await run('decision.oparl.json', `/decisions/${draftId}/exports`, { format: 'oparl' })).bytes.toString('utf8')) as Record<string, unknown>;
    for (const key of ['id', 'type', 'body', 'name', 'reference', 'date', 'paperType', 'mainFile', 'consultation']) expect(paper, key).toHaveProperty(key);
    expect(paper.type).toBe('https://schema.oparl.org/1.1/Paper');
    expect(paper.paperType).toBe('Beschlussvorlage');
    expect(paper.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const mainFile = paper.mainFile as Record<string, unknown>;
    expect(mainFile).toMatchObject({ type: 'https://schema.oparl.org/1.1/File', mimeType: 'application/pdf' });
    expect(mainFile.accessUrl).toBe(`${s.srv.baseUrl}/api/oparl/v1/file/${draftId}/1/access`);
    expect(mainFile.downloadUrl).toBe(`${s.srv.baseUrl}/api/oparl/v1/file/${draftId}/1/download`);
    expect(mainFile.sha512Checksum).toMatch(/^[0-9a-f]{128}$/);
    const consultation = (paper.consultation as Record<string, unknown>[])[0]!;
    // Embedded: no back-reference to the Paper.
    expect(consultation).toMatchObject({ type: 'https://schema.oparl.org/1.1/Consultation', authoritative: true });
    expect(consultation).not.toHaveProperty('paper');
    expect(consultation.organization).toEqual([`${s.srv.baseUrl}/api/oparl/v1/organization/lenkungskreis`]);
    // This Vorlage is nichtöffentlich: the public endpoint does not know it, not even its file.
    for (const url of [paper.id as string, mainFile.id as string, mainFile.accessUrl as string, mainFile.downloadUrl as string]) expect((await fetch(url)).status, url).toBe(404);

    // Protokoll: agenda, notes, boards, rounds.
    const protoDocx = await run('protokoll.docx', `/sessions/${s.session.id}/exports`, { format: 'docx' }, { cookie: s.cookie });
    expect(protoDocx.job.fileName).toBe('Protokoll-Bildungskonferenz-Test-2026-11-26.docx');
    const proto = docxParts(await docxText(protoDocx.bytes));
    expect(proto.headings1.map((t) => t.replace(/^\d+\. /, ''))).toEqual(
      expect.arrayContaining(['Tagesordnung', 'Notizen', 'Ausgangslage (SWOT)', 'Prioritäten', 'Zielbaum', 'Handlungskonzept', 'Verlauf und Ergebnisse', 'Anwesenheit', 'Beschlussvorlagen', 'Genehmigung']),
    );
    expect(proto.headings2).toEqual(expect.arrayContaining(['Schwächen', 'Übergangsquote erhöhen']));
    // The notes' own heading (h2 in the editor) sits below the section heading; a round opened
    // while no agenda item was current sits below "Abstimmungen ohne Tagesordnungspunkt".
    expect(proto.headings2).toContain('Abstimmungen ohne Tagesordnungspunkt');
    expect(proto.headings3).toEqual([expect.stringMatching(/^Schwerpunkt und Ziel \(Konsenscheck, /), 'Begrüßung']);
    const protoRows = proto.rows.map((r) => r.join(' | '));
    expect(protoRows).toContain('1 | Ausgangslage | Wo stehen wir? | Ausgangslage | 30 | nicht aufgerufen');
    expect(protoRows.some((r) => r.startsWith('Übergang Schule–Beruf | 2 Zustimmung, 1 leichte Bedenken') && r.endsWith('Konsens mit Bedenken'))).toBe(true);
    expect(protoRows.some((r) => r.includes('Praktikumsbörse aufbauen'))).toBe(true);
    const protoPdf = await run('protokoll.pdf', `/sessions/${s.session.id}/exports`, { format: 'pdf' }, { cookie: s.cookie });
    const protoText = pdfText(protoPdf.bytes);
    for (const expected of ['PROTOKOLL', 'Tagesordnung', 'Frau Dr. Weber eröffnet die Konferenz.', 'Übergangsquote in Ausbildung unter Landesschnitt', 'Zielwert zu ehrgeizig']) {
      expect(protoText).toContain(expected);
    }

    // Jobs belong to their creator; participants cannot export the Protokoll.
    const someoneElse = await api(s.srv.baseUrl, 'GET', `/exports/${docx.job.id}`, { bearer: s.people[0]!.token });
    expect(someoneElse.status).toBe(404);
    const refused = await api(s.srv.baseUrl, 'POST', `/sessions/${s.session.id}/exports`, { bearer: s.people[0]!.token }, { format: 'pdf' });
    expect(refused.status).toBe(403);
    console.log('export figures', JSON.stringify(figures));
  }, 120_000);
});
