/**
 * The public OParl endpoint, crawled like a council information system does: from the System
 * object, following every URL found in the JSON (every list page included), on the real server
 * with a real SQLite file. Seeded: a public draft handed over twice and decided by the
 * Lenkungskreis, a nichtöffentlich one handed over, one never handed over.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DraftResponse } from '../../shared/decisionApi';
import { appendToXmlFragment, richDocFromText } from '../../shared/richText';
import { editDraftText, getProseFragment, readDecisionDraft, setDraftChoices } from '../../shared/schema';
import { api, seedDecisionSession, type Seeded } from '../test/decisionSeed';
import { createSession, synced, useRealServers, waitFor } from '../test/harness';
import { checkListPage, checkObject, DATE_TIME, expectedKind, shortType, urlsIn, type Json, type JsonObject } from '../test/oparlSpec';
import { enterAsModerator, useSockets } from '../test/sockets';

const { start, client, stop } = useRealServers();
const { connectSocket } = useSockets();

const SECRET = 'Geheimsache Kita-Schließung Nordviertel';
const UNSUBMITTED = 'Unfertiger Entwurf Schulwegsicherung';

async function createDraft(s: Seeded, title: string): Promise<string> {
  const r = await api<DraftResponse>(s.srv.baseUrl, 'POST', `/sessions/${s.session.id}/decisions`, { bearer: s.mod.token }, {
    title,
    picks: [{ roundId: s.round.roundId, optionId: 'o1' }, { board: 'goals', itemId: s.ids.goal }, { board: 'swot', itemId: s.ids.card }, { board: 'actions', itemId: s.ids.goal }],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.draft.id;
}

/** Edits the live draft as the moderator's browser would and waits until the server stored it. */
async function edit(s: Seeded, draftId: string, change: (doc: Parameters<typeof setDraftChoices>[0], ctx: Parameters<typeof setDraftChoices>[1]) => void, stored: (d: ReturnType<typeof readDecisionDraft>) => boolean) {
  const ctx = { origin: 'm', author: { participantId: s.mod.participantId, displayName: s.mod.displayName } };
  const c = client(s.srv.wsUrl, s.mod.docs.decisions, s.mod.token);
  await synced(c);
  change(c.doc, ctx);
  const probe = client(s.srv.wsUrl, s.mod.docs.decisions, s.mod.token);
  await synced(probe);
  await waitFor(() => stored(readDecisionDraft(probe.doc, draftId)), 'edit stored');
}

async function handover(s: Seeded, draftId: string) {
  const r = await api(s.srv.baseUrl, 'POST', `/decisions/${draftId}/handover`, { bearer: s.mod.token }, {});
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

interface Fetched {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function get(url: string): Promise<Fetched> {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('hex');

describe('OParl endpoint', () => {
  it('is crawlable from the System object without a dead link, and publishes only what is öffentlich and handed over', async () => {
    const s = await seedDecisionSession(await start({ env: { WERKRAUM_BODY_NAME: 'Stadt Musterstadt' } }), client, connectSocket);
    const base = s.srv.baseUrl;
    const root = `${base}/api/oparl/v1`;

    // A public draft: handed over, changed, handed over again, decided on its second version.
    const publicId = await createDraft(s, 'Übergang Schule–Beruf stärken');
    await edit(s, publicId, (doc, ctx) => setDraftChoices(doc, ctx, publicId, { verbindlichkeitsstufe: 'vertragliche_kooperation' }), (d) => d.verbindlichkeitsstufe === 'vertragliche_kooperation');
    await handover(s, publicId);
    await edit(s, publicId, (doc, ctx) => editDraftText(doc, ctx, publicId, 'betreff', 'Handlungskonzept Übergang Schule–Beruf 2027–2030'), (d) => d.betreff !== '');
    await handover(s, publicId);
    // A nichtöffentlich draft, handed over; and one never handed over.
    const secretId = await createDraft(s, SECRET);
    await edit(
      s,
      secretId,
      (doc, ctx) => setDraftChoices(doc, ctx, secretId, { verbindlichkeitsstufe: 'vertragliche_kooperation', oeffentlichkeit: 'nichtoeffentlich' }),
      (d) => d.oeffentlichkeit === 'nichtoeffentlich' && d.verbindlichkeitsstufe !== null,
    );
    await handover(s, secretId);
    const unsubmittedId = await createDraft(s, UNSUBMITTED);
    // An interfraktionelle Arbeitsgruppe writes an Informationsvorlage: taken note of, not resolved.
    const ag = await createSession(base, s.cookie, 'interfraktionelle_ag');
    const agMod = await enterAsModerator(base, s.cookie, ag.id);
    const info = await api<DraftResponse>(base, 'POST', `/sessions/${ag.id}/decisions`, { bearer: agMod.token }, { title: 'Bericht der interfraktionellen AG', gremium: 'Lenkungskreis' });
    expect(info.status, JSON.stringify(info.body)).toBe(201);
    const infoId = info.body.draft.id;
    await edit(
      { ...s, mod: agMod },
      infoId,
      (doc, ctx) => {
        setDraftChoices(doc, ctx, infoId, { verbindlichkeitsstufe: 'vertragliche_kooperation' });
        appendToXmlFragment(getProseFragment(doc, infoId, 'beschlussvorschlag'), richDocFromText('Der Lenkungskreis nimmt den Bericht zur Kenntnis.'));
      },
      (d) => d.verbindlichkeitsstufe !== null && JSON.stringify(d.beschlussvorschlag).includes('zur Kenntnis'),
    );
    const infoHandover = await api(base, 'POST', `/decisions/${infoId}/handover`, { bearer: agMod.token }, {});
    expect(infoHandover.status, JSON.stringify(infoHandover.body)).toBe(201);

    // The Lenkungskreis decides on the public draft's second version.
    const inv = await api<{ code: string }>(base, 'POST', '/lenkungskreis/invitations', { cookie: s.cookie }, { label: 'Dezernentin' });
    const joined = await api<{ token: string }>(base, 'POST', '/lenkungskreis/join', {}, { code: inv.body.code, name: 'Dr. Weber' });
    const lk = { bearer: joined.body.token };
    expect((await api(base, 'POST', `/decisions/${publicId}/status`, lk, { status: 'in_beratung' })).status).toBe(200);
    const decided = await api(base, 'POST', `/decisions/${publicId}/decision`, lk, { outcome: 'beschlossen', decidedOn: '2026-12-10', conditions: 'Bericht nach einem Jahr' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    expect((await api(base, 'POST', `/decisions/${infoId}/status`, lk, { status: 'in_beratung' })).status).toBe(200);
    expect((await api(base, 'POST', `/decisions/${infoId}/decision`, lk, { outcome: 'beschlossen', decidedOn: '2026-12-10', conditions: '' })).status).toBe(201);

    // Crawl: every URL of the endpoint found in any answer, lists page by page.
    const seen = new Map<string, JsonObject>();
    const bytesSeen = new Set<string>();
    const queue = [`${root}/system`];
    const problems: string[] = [];
    const texts: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url) || bytesSeen.has(url)) continue;
      const path = new URL(url).pathname;
      const kind = expectedKind(path);
      const r = await get(url);
      expect(r.status, url).toBe(200);
      // Anonymous: no cookie, no token was sent; anyone may read it from any origin.
      expect(r.headers.get('access-control-allow-origin'), url).toBe('*');
      if (kind === 'bytes') {
        bytesSeen.add(url);
        expect(r.headers.get('content-type'), url).toBe('application/pdf');
        continue;
      }
      expect(r.headers.get('content-type'), url).toMatch(/^application\/json/);
      const text = r.bytes.toString('utf8');
      texts.push(text);
      const json = JSON.parse(text) as JsonObject;
      seen.set(url, json);
      if (kind === 'list') {
        problems.push(...checkListPage(json, url));
        // The same list one object per page: every page reachable by `next`, the same objects.
        if (!url.includes('?')) {
          const ids: Json[] = [];
          let next: string | undefined = `${url}?limit=1`;
          let pages = 0;
          while (next) {
            const page = JSON.parse((await get(next)).bytes.toString('utf8')) as JsonObject;
            problems.push(...checkListPage(page, next));
            ids.push(...(page.data as JsonObject[]).map((o) => o.id!));
            next = (page.links as JsonObject).next as string | undefined;
            pages++;
            if (next) queue.push(next);
          }
          expect(ids, url).toEqual((json.data as JsonObject[]).map((o) => o.id));
          expect(pages, url).toBe(Math.max(1, ids.length));
        }
      } else {
        expect(shortType(json), url).toBe(kind);
        expect(json.id, 'an object is served at its id').toBe(url);
        problems.push(...checkObject(json, url));
      }
      for (const found of urlsIn(json, `${root}/`)) queue.push(found);
    }
    expect(problems).toEqual([]);

    // What the crawl found: every type, both public versions, the meeting of the decision.
    const objects = [...seen.values()].filter((o) => shortType(o) !== null);
    const byType = (t: string) => objects.filter((o) => shortType(o) === t);
    for (const t of ['System', 'Body', 'Organization', 'Meeting', 'AgendaItem', 'Consultation', 'Paper', 'File']) expect(byType(t).length, t).toBeGreaterThan(0);
    const system = seen.get(`${root}/system`)!;
    expect(system.oparlVersion).toBe('https://schema.oparl.org/1.1/');
    expect(byType('Body')[0]).toMatchObject({ name: 'Stadt Musterstadt', legislativeTerm: [], system: system.id });
    const papers = byType('Paper')
      .filter((p) => String(p.id).includes(publicId))
      .sort((a, b) => String(a.reference).localeCompare(String(b.reference)));
    expect(papers.map((p) => p.id)).toEqual([`${root}/paper/${publicId}/1`, `${root}/paper/${publicId}/2`]);
    expect(byType('Paper').map((p) => p.id).sort()).toEqual([...papers.map((p) => p.id), `${root}/paper/${infoId}/1`].sort());
    // The Informationsvorlage: not authoritative, taken note of, no resolution text.
    expect(seen.get(`${root}/paper/${infoId}/1`)).toMatchObject({ paperType: 'Informationsvorlage', originatorOrganization: [`${root}/organization/interfraktionelle_ag`] });
    expect(seen.get(`${root}/consultation/${infoId}/1`)).toMatchObject({ authoritative: false, role: 'Kenntnisnahme' });
    const infoItem = seen.get(`${root}/agendaitem/${infoId}/1`)!;
    expect(infoItem).toMatchObject({ result: 'Zur Kenntnis genommen' });
    expect(infoItem).not.toHaveProperty('resolutionText');
    const [v1, v2] = papers as [JsonObject, JsonObject];
    expect(v1).toMatchObject({ paperType: 'Beschlussvorlage', relatedPaper: [v2.id], subordinatedPaper: [v2.id] });
    expect(v2).toMatchObject({ relatedPaper: [v1.id], superordinatedPaper: [v1.id], name: 'Handlungskonzept Übergang Schule–Beruf 2027–2030' });
    expect(v1.created).toMatch(DATE_TIME);
    // The decision: the AgendaItem of the Lenkungskreis's meeting carries result and resolution text.
    const meeting = byType('Meeting')[0]!;
    expect(meeting.id).toBe(`${root}/meeting/2026-12-10`);
    const item = seen.get(`${root}/agendaitem/${publicId}/2`)!;
    expect(item).toMatchObject({ meeting: meeting.id, result: 'Unverändert beschlossen', public: true, consultation: `${root}/consultation/${publicId}/2` });
    expect((meeting.agendaItem as JsonObject[]).map((a) => a.id)).toEqual([item.id, `${root}/agendaitem/${infoId}/1`]);
    expect(item.resolutionText).toContain('Auflagen: Bericht nach einem Jahr');
    expect(String(item.resolutionText).length).toBeGreaterThan('Auflagen: Bericht nach einem Jahr'.length);
    expect(seen.get(`${root}/consultation/${publicId}/2`)).toMatchObject({ paper: v2.id, agendaItem: item.id, meeting: meeting.id, authoritative: true });
    expect(seen.get(`${root}/consultation/${publicId}/1`)).not.toHaveProperty('agendaItem');

    // Nothing of the nichtöffentlich or never handed-over draft, anywhere.
    const all = texts.join('\n');
    for (const canary of [SECRET, UNSUBMITTED, secretId, unsubmittedId]) expect(all).not.toContain(canary);
    // Their URLs answer exactly like an id that never existed: nothing tells they exist.
    const unknown = await get(`${root}/paper/no-such-draft/1`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBe('*');
    for (const id of [secretId, unsubmittedId]) {
      for (const kind of ['paper', 'file', 'consultation', 'agendaitem']) {
        const r = await get(`${root}/${kind}/${id}/1`);
        expect([r.status, r.bytes.toString('utf8')], `${kind} ${id}`).toEqual([404, unknown.bytes.toString('utf8')]);
      }
      for (const tail of ['access', 'download']) expect((await get(`${root}/file/${id}/1/${tail}`)).status).toBe(404);
    }

    // Files: size and checksum describe the bytes served, on every download from either URL.
    for (const file of byType('File')) {
      expect(file.accessUrl).not.toBe(file.downloadUrl);
      const downloads = [await get(String(file.accessUrl)), await get(String(file.downloadUrl)), await get(String(file.accessUrl)), await get(String(file.downloadUrl))];
      for (const d of downloads) {
        expect(d.bytes.subarray(0, 5).toString()).toBe('%PDF-');
        expect(d.bytes.byteLength).toBe(file.size);
        expect(sha512(d.bytes)).toBe(file.sha512Checksum);
      }
      expect(downloads[0]!.headers.get('content-disposition')).toMatch(/^inline; filename="[^"]+\.pdf"/);
      expect(downloads[1]!.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.pdf"/);
    }
    // The embedded mainFile is the File served at its id.
    const { paper: _backref, ...standalone } = seen.get(`${root}/file/${publicId}/2`)! as JsonObject & { paper?: Json };
    expect(v2.mainFile).toEqual(standalone);

    // Filters: kept in the links, a bad value is a clear 400.
    const recent = JSON.parse((await get(`${root}/body/1/papers?modified_since=2999-01-01T00%3A00%3A00%2B01%3A00`)).bytes.toString('utf8')) as JsonObject;
    expect(recent.data).toEqual([]);
    expect((recent.links as JsonObject).self).toContain('modified_since=');
    expect((await get(`${root}/body/1/papers?created_since=gestern`)).status).toBe(400);
    expect((await get(`${root}/body/1/papers?limit=0`)).status).toBe(400);

    // The signed-in per-version export returns the same Paper.
    const exported = await fetch(`${base}/api/decisions/${publicId}/versions/2/oparl`, { headers: { authorization: `Bearer ${s.mod.token}` } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(JSON.parse(await exported.text())).toEqual(v2);

    // Stored, not rendered again: after a restart on the same data the File and its bytes are the same.
    const before = byType('File').find((f) => f.id === `${root}/file/${publicId}/1`)!;
    await stop(s.srv);
    const again = await start({ dataDir: s.srv.dataDir, env: { WERKRAUM_BODY_NAME: 'Stadt Musterstadt' } });
    const rootAgain = `${again.baseUrl}/api/oparl/v1`;
    const fileAgain = JSON.parse((await get(`${rootAgain}/file/${publicId}/1`)).bytes.toString('utf8')) as JsonObject;
    expect([fileAgain.size, fileAgain.sha512Checksum, fileAgain.created]).toEqual([before.size, before.sha512Checksum, before.created]);
    expect(sha512((await get(String(fileAgain.downloadUrl))).bytes)).toBe(before.sha512Checksum);
  }, 240_000);
});
