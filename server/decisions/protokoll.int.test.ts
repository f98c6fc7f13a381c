/**
 * The Protokoll as a Niederschrift, from a session run through the real API and socket.io and a
 * real SQLite file: the session's facts edited over HTTP, agenda items called (their times kept
 * across a restart), a named and a secret round; then Markdown and PDF (through pdftotext).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionForModerator } from '../../shared/api';
import type { ExportJobResponse } from '../../shared/decisionApi';
import { api } from '../test/decisionSeed';
import { appendToXmlFragment, richDocFromText } from '../../shared/richText';
import { getNotesFragment } from '../../shared/schema';
import { createSession, type InProcess, joinSession, login, synced, tempDir, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, ok, useSockets } from '../test/sockets';

const { start, stop, client } = useRealServers();
const { connectSocket } = useSockets();

async function exportText(srv: InProcess, sessionId: string, cookie: string, format: 'md' | 'pdf'): Promise<{ fileName: string; text: string }> {
  const created = await api<ExportJobResponse>(srv.baseUrl, 'POST', `/sessions/${sessionId}/exports`, { cookie }, { format });
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  let job = created.body.job;
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 25));
    job = (await api<ExportJobResponse>(srv.baseUrl, 'GET', `/exports/${job.id}`, { cookie })).body.job;
  }
  expect(job.status, job.error ?? '').toBe('done');
  const res = await fetch(`${srv.baseUrl}${job.downloadUrl}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (format === 'md') return { fileName: job.fileName, text: bytes.toString('utf8') };
  const file = join(tempDir('werkraum-pdf-'), 'x.pdf');
  writeFileSync(file, bytes);
  return { fileName: job.fileName, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
}

/** The text from `from` up to the next heading of level ≤ 2 (Markdown). */
function sectionOf(md: string, from: string): string {
  const at = md.indexOf(from);
  expect(at, `${from} in the Protokoll`).toBeGreaterThanOrEqual(0);
  const rest = md.slice(at + from.length);
  const next = rest.search(/\n#{2,3} /);
  return next < 0 ? rest : rest.slice(0, next);
}

const PEOPLE = [
  ['Anna Arslan', 'schule'],
  ['Bernd Becker', 'schule'],
  ['Cem Çelik', 'schule'],
  ['Dora Dąbrowska', 'jugendhilfe'],
  ['Emil Engel', null],
  ['Frieda Fuchs', 'verwaltung'],
] as const;

describe('Protokoll as a Niederschrift', () => {
  it('names place, times, moderation, minute-taker, attendance, per-item times and named votes by person; a secret round names nobody', async () => {
    const first = await start();
    const cookie = await login(first.baseUrl);
    const session = await createSession(first.baseUrl, cookie);
    const patch = (body: unknown) => api<{ session: SessionForModerator }>(first.baseUrl, 'PATCH', `/sessions/${session.id}`, { cookie }, body);

    // The facts: bad input is refused with the field named, and changes nothing.
    const reversed = await patch({ title: 'Nicht übernommen', minutes: { place: 'Nicht übernommen', startTime: '12:00', endTime: '09:00' } });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ error: { id: 'validation_error', field: 'minutes.endTime' } });
    const badClock = await patch({ minutes: { startTime: '9.30' } });
    expect(badClock.status).toBe(400);
    expect(badClock.body).toMatchObject({ error: { id: 'validation_error', field: 'minutes.startTime' } });
    const unknownField = await patch({ minutes: { room: 'x' } });
    expect(unknownField.status).toBe(400);
    const unchanged = await api<{ session: SessionForModerator }>(first.baseUrl, 'GET', `/sessions/${session.id}`, { cookie });
    expect(unchanged.body.session.title).toBe('Bildungskonferenz Test');
    expect(unchanged.body.session.minutes).toEqual({ place: '', minuteTaker: '', startTime: null, endTime: null });
    const saved = await patch({
      title: 'Übergänge gestalten: Bildungskonferenz Süd',
      minutes: { place: 'Rathaus Musterstadt, Großer Saal', minuteTaker: 'Özlem Şahin', startTime: '09:30', endTime: '12:15' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.session.minutes).toEqual({ place: 'Rathaus Musterstadt, Großer Saal', minuteTaker: 'Özlem Şahin', startTime: '09:30', endTime: '12:15' });
    // A later change keeps what it leaves out; an end before the kept start is refused.
    expect((await patch({ minutes: { endTime: '09:00' } })).status).toBe(400);
    expect((await patch({ minutes: { endTime: '12:30' } })).body.session.minutes).toMatchObject({ place: 'Rathaus Musterstadt, Großer Saal', startTime: '09:30', endTime: '12:30' });

    const mod = await enterAsModerator(first.baseUrl, cookie, session.id);
    const modSocket = connectSocket(first.baseUrl, mod.token);
    const people = [];
    for (const [name, group] of PEOPLE) {
      const joined = await joinSession(first.baseUrl, session.joinCode, name);
      const socket = connectSocket(first.baseUrl, joined.token);
      await socket.welcome;
      if (group) await ok(socket, 'participant.setActorGroup', { actorGroup: group });
      people.push(socket);
    }
    await joinSession(first.baseUrl, session.observerCode, 'Presse Gast');
    await modSocket.welcome;

    const { itemId: top1 } = await ok(modSocket, 'agenda.add', { title: 'Begrüßung und Ausgangslage', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 30 });
    const { itemId: top2 } = await ok(modSocket, 'agenda.add', { title: 'Schwerpunkte wählen', phase: 'wo_wollen_wir_hin', board: 'priorities', plannedMinutes: 45 });
    await ok(modSocket, 'agenda.add', { title: 'Verschiedenes', phase: 'wo_stehen_wir', board: 'notes', plannedMinutes: 10 });

    // Notes: a heading naming an agenda item starts that item's notes.
    const notes = client(first.wsUrl, mod.docs.notes, mod.token);
    await synced(notes);
    notes.doc.transact(() =>
      appendToXmlFragment(getNotesFragment(notes.doc), {
        type: 'doc',
        content: [
          ...richDocFromText('Frau Dr. Weber begrüßt die Anwesenden.').content,
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'TOP 1' }] },
          ...richDocFromText('Das Leitbild wird vorgestellt und besprochen.').content,
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausblick' }] },
          ...richDocFromText('Nächste Sitzung im Frühjahr.').content,
        ],
      }),
    );
    const probe = client(first.wsUrl, mod.docs.notes, mod.token);
    await synced(probe);
    await waitFor(() => getNotesFragment(probe.doc).length === 5, 'notes stored');

    // TOP 1 is current when a named round opens (without naming its item): it belongs to TOP 1.
    await ok(modSocket, 'agenda.goto', { itemId: top1 });
    const named = await ok(modSocket, 'vote.open', {
      config: { method: 'konsenscheck', title: 'Leitbild annehmen', named: true, options: [{ label: 'Leitbild 2030' }] },
    });
    const levels = ['zustimmung', 'leichte_bedenken', 'zustimmung', 'zustimmung', 'schwere_bedenken', 'zustimmung'] as const;
    for (const [i, socket] of people.entries()) {
      const level = levels[i]!;
      await ok(socket, 'vote.cast', {
        roundId: named.round.id,
        ballot: { method: 'konsenscheck', levels: { o1: level === 'zustimmung' ? { level } : { level, reason: i === 1 ? 'Finanzierung offen' : 'Zu vage formuliert' } } },
      });
    }
    await ok(modSocket, 'vote.close', { roundId: named.round.id });
    await ok(modSocket, 'outcome.mark', { roundId: named.round.id, optionId: 'o1', outcome: 'konsens_mit_bedenken' });
    await new Promise((r) => setTimeout(r, 50));

    // TOP 2: a secret round, linked to its item.
    await ok(modSocket, 'agenda.goto', { itemId: top2 });
    const secret = await ok(modSocket, 'vote.open', {
      config: { method: 'meinungsbild', title: 'Geheimes Stimmungsbild', agendaItemId: top2, options: [{ label: 'Ganztag ausbauen' }, { label: 'Hort erhalten' }] },
    });
    const opinions = ['dafuer', 'dagegen', 'dafuer', 'unentschieden', 'dafuer', 'dagegen'] as const;
    for (const [i, socket] of people.entries()) {
      await ok(socket, 'vote.cast', { roundId: secret.round.id, ballot: { method: 'meinungsbild', opinions: { o1: opinions[i], o2: 'unentschieden' } } });
    }
    const closed = await ok(modSocket, 'vote.close', { roundId: secret.round.id });
    expect(closed.result.ballots).toBeNull();
    await ok(modSocket, 'agenda.goto', { itemId: null });
    for (const s of [modSocket, ...people]) s.socket.disconnect();

    // The times are in the SQLite file: a restarted server still knows them.
    await stop(first);
    const srv = await start({ dataDir: first.dataDir });
    const { text: md, fileName } = await exportText(srv, session.id, cookie, 'md');
    expect(fileName).toBe('Protokoll-Uebergaenge-gestalten-Bildungskonferenz-Sued-2026-11-26.md');

    // Head: place, times, moderation, minute-taker.
    expect(md).toContain('| **Ort** | Rathaus Musterstadt, Großer Saal |');
    expect(md).toContain('| **Beginn** | 09:30 Uhr |');
    expect(md).toContain('| **Ende** | 12:30 Uhr |');
    expect(md).toContain(`| **Moderation** | ${mod.displayName} |`);
    expect(md).toContain('| **Protokollführung** | Özlem Şahin |');

    // Attendance by name in the groups the counts show: the lone Jugendhilfe and Verwaltung members are "Sonstige".
    const attendance = sectionOf(md, 'Anwesenheit');
    expect(attendance).toContain('| **Schule (3)** | Anna Arslan, Bernd Becker, Cem Çelik |');
    expect(attendance).toContain('| **Sonstige (3)** | Dora Dąbrowska, Emil Engel, Frieda Fuchs |');
    expect(attendance).toContain('| Schule | 3 |');
    expect(attendance).toContain('| Sonstige | 3 |');
    expect(md).not.toMatch(/Jugendhilfe|Verwaltung/);
    expect(md).not.toContain('Presse Gast');
    expect(attendance).toContain('dazu 1 Beobachtende(r) ohne Stimme');

    // Per item: when it was current, and the rounds it had.
    // The session's date lies in the future of the test: each stretch names its own date.
    const clock = /(\d{2}\.\d{2}\.\d{4}, )?\d{2}:\d{2}–\d{2}:\d{2} Uhr \((\d+ Minuten?|weniger als 1 Minute)\)/;
    const item1 = sectionOf(md, 'TOP 1: Begrüßung und Ausgangslage');
    expect(item1).toMatch(new RegExp(`\\*\\*Zeit\\*\\* \\| ${clock.source}`));
    expect(md.indexOf('Leitbild annehmen')).toBeGreaterThan(md.indexOf('TOP 1: Begrüßung und Ausgangslage'));
    expect(md.indexOf('Leitbild annehmen')).toBeLessThan(md.indexOf('TOP 2: Schwerpunkte wählen'));
    expect(sectionOf(md, 'TOP 2: Schwerpunkte wählen')).toMatch(clock);
    expect(sectionOf(md, 'TOP 3: Verschiedenes')).toContain('nicht aufgerufen');
    // TOP 1's notes stand with TOP 1; the rest in the notes section.
    expect(item1).toContain('Das Leitbild wird vorgestellt und besprochen.');
    const notesPart = md.slice(md.indexOf('. Notizen'));
    expect(notesPart.slice(0, notesPart.indexOf('. Ausgangslage (SWOT)'))).toMatch(/Frau Dr\. Weber begrüßt die Anwesenden\.[\s\S]*Ausblick[\s\S]*Nächste Sitzung im Frühjahr\./);
    expect(notesPart).not.toContain('Das Leitbild wird vorgestellt');
    // The agenda table shows the same times.
    expect(md).toMatch(/\| 1 \| Begrüßung und Ausgangslage \| .* \| 30 \| \d{2}:\d{2}–\d{2}:\d{2} \|/);

    // The named round: votes by person, objections with names, the outcome.
    const namedPart = sectionOf(md, 'Leitbild annehmen');
    expect(namedPart).toContain('namentliche Abstimmung');
    expect(namedPart).toContain('Konsens mit Bedenken');
    expect(namedPart).toContain('| Name | Leitbild 2030 |');
    expect(namedPart).toContain('| Anna Arslan | Zustimmung |');
    expect(namedPart).toContain('| Bernd Becker | leichte Bedenken („Finanzierung offen“) |');
    expect(namedPart).toContain('| Emil Engel | schwere Bedenken („Zu vage formuliert“) |');

    // The secret round: its result, no name of anyone.
    const secretPart = sectionOf(md, 'Geheimes Stimmungsbild');
    expect(secretPart).toContain('geheime Abstimmung');
    expect(secretPart).toContain('3 dafür, 1 unentschieden, 2 dagegen');
    for (const [name] of PEOPLE) expect(secretPart).not.toContain(name.split(' ')[0]!);
    expect(secretPart).not.toContain('Stimmabgabe namentlich');

    // No raw keys anywhere; the approval line at the end.
    expect(md).not.toMatch(/\b(dots|rank|total|mean|voters|dafuer|zustimmung|leichte_bedenken|schwere_bedenken|konsens_mit_bedenken|wo_stehen_wir|swot|priorities)\b/);
    const approval = sectionOf(md, 'Genehmigung');
    expect(approval).toContain('Genehmigt am');
    expect(approval).toContain(`Unterschrift Moderation (${mod.displayName})`);
    expect(approval).toContain('Unterschrift Protokollführung (Özlem Şahin)');
    expect(md.indexOf('Genehmigung')).toBeGreaterThan(md.indexOf('Beschlussvorlagen') === -1 ? md.indexOf('Handlungskonzept') : md.indexOf('Beschlussvorlagen'));

    // The PDF says the same (pdftotext).
    const { text: pdf, fileName: pdfName } = await exportText(srv, session.id, cookie, 'pdf');
    expect(pdfName).toBe('Protokoll-Uebergaenge-gestalten-Bildungskonferenz-Sued-2026-11-26.pdf');
    const flat = pdf.replace(/\s+/g, ' ');
    for (const expected of [
      'Rathaus Musterstadt, Großer Saal',
      '09:30 Uhr',
      '12:30 Uhr',
      'Protokollführung',
      'Özlem Şahin',
      'Anna Arslan, Bernd Becker, Cem Çelik',
      'TOP 1: Begrüßung und Ausgangslage',
      'Stimmabgabe namentlich',
      'Bernd Becker',
      'Genehmigt am',
      'Unterschrift Protokollführung',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).toMatch(/\d{2}:\d{2}–\d{2}:\d{2} Uhr/);
    expect(flat).not.toMatch(/Jugendhilfe|Verwaltung|Presse Gast/);
    const secretPdf = flat.slice(flat.indexOf('Geheimes Stimmungsbild'), flat.indexOf('Notizen', flat.indexOf('Geheimes Stimmungsbild')));
    expect(secretPdf).toContain('geheime Abstimmung');
    for (const [name] of PEOPLE) expect(secretPdf).not.toContain(name.split(' ')[0]!);
  }, 120_000);
});
