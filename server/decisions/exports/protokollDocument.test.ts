import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../../shared/moderation';
import { richPlainText, type RichDoc } from '../../../shared/richText';
import type { RoundResult } from '../../../shared/votes';
import { Course } from '../../realtime/state';
import { logItemTimes } from '../../realtime/moderation';
import { renderMarkdown } from './markdown';
import { buildProtokollDocument, notesByItem, type ProtokollInput } from './protokollDocument';

const item = (id: string, title: string): AgendaItem => ({ id, title, phase: 'wo_stehen_wir', board: 'notes', plannedMinutes: 20, timer: { status: 'idle', durationMs: 1_200_000 } });
const heading = (level: 1 | 2 | 3, text: string) => ({ type: 'heading' as const, attrs: { level }, content: [{ type: 'text' as const, text }] });
const para = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });

describe('agenda item times', () => {
  const course = () => new Course('s', { version: 0, agenda: [item('a', 'A'), item('b', 'B')], currentItemId: null, speakers: { current: null, queue: [], firstTimeFirst: false, turnMs: null, spoken: {} } });

  it('opens a stretch when an item becomes current and closes it when another (or none) does', () => {
    const c = course();
    logItemTimes(c, 'a', 1000);
    c.data.currentItemId = 'a';
    logItemTimes(c, 'a', 1500); // the same item again: nothing changes
    logItemTimes(c, 'b', 2000);
    c.data.currentItemId = 'b';
    logItemTimes(c, null, 3000);
    c.data.currentItemId = null;
    logItemTimes(c, 'a', 4000);
    expect(c.data.itemLog).toEqual([
      { itemId: 'a', startedAt: 1000, endedAt: 2000 },
      { itemId: 'b', startedAt: 2000, endedAt: 3000 },
      { itemId: 'a', startedAt: 4000, endedAt: null },
    ]);
  });
});

describe('notes by agenda item', () => {
  const agenda = [item('a', 'Begrüßung'), item('b', 'Schwerpunkte  wählen')];

  it('gives an item the blocks after a heading naming it (TOP n or its title), up to the next heading of its level', () => {
    const notes: RichDoc = {
      type: 'doc',
      content: [para('Vorab'), heading(2, 'TOP 1: Begrüßung'), para('Eins'), heading(3, 'Detail'), para('Zwei'), heading(2, 'schwerpunkte wählen'), para('Drei'), heading(2, 'Sonstiges'), para('Vier'), heading(2, 'TOP 9'), para('Fünf')],
    };
    const { general, byItem } = notesByItem(notes, agenda);
    expect(richPlainText(byItem.get('a')!)).toBe('Eins\nDetail\nZwei');
    expect(richPlainText(byItem.get('b')!)).toBe('Drei');
    // An unknown TOP number stays a heading of the general notes.
    expect(richPlainText(general)).toBe('Vorab\nSonstiges\nVier\nTOP 9\nFünf');
  });
});

describe('Protokoll document', () => {
  const base = (): ProtokollInput => ({
    session: { id: 's', title: 'Test', kind: 'bildungskonferenz', date: '2026-11-26' },
    generatedAt: '2026-11-26T15:00:00.000Z',
    agenda: [item('a', 'Begrüßung')],
    notes: { type: 'doc', content: [] },
    swot: [],
    priorities: [],
    goals: [],
    actions: [],
    canvas: [],
    rounds: [],
    cancelledRounds: 0,
    participation: { people: 3, byActorGroup: [], withoutGroup: 3, observers: 0, maxVoters: 3 },
    drafts: [],
  });
  const round = (named: boolean): RoundResult => ({
    roundId: 'r',
    method: 'punktabfrage',
    title: 'Schwerpunkte',
    named,
    agendaItemId: 'a',
    options: [
      { id: 'o1', label: 'Ganztag', source: null, statusQuo: false },
      { id: 'o2', label: 'Sprache', source: null, statusQuo: false },
    ],
    dotsPerPerson: 3,
    maxPerOption: null,
    nonBinding: false,
    label: null,
    openedAt: Date.parse('2026-11-26T09:10:00Z'),
    closedAt: Date.parse('2026-11-26T09:20:00Z'),
    voters: 3,
    minVoters: 3,
    withheld: false,
    tally: { method: 'punktabfrage', options: [{ optionId: 'o1', dots: 5, rank: 1 }, { optionId: 'o2', dots: 4, rank: 2 }] } as RoundResult['tally'],
    online: null,
    manual: null,
    byGroup: null,
    ballots: named
      ? [
          { participantId: 'p1', displayName: 'Anna', actorGroup: null, ballot: { method: 'punktabfrage', dots: { o1: 2, o2: 1 } } },
          { participantId: 'p2', displayName: 'Bernd', actorGroup: null, ballot: { method: 'punktabfrage', dots: { o1: 3 } } },
        ]
      : null,
    outcomes: [],
  });

  it('a named round lists each person’s dots in words; a secret one no names; no facts given reads "nicht angegeben"', () => {
    const named = renderMarkdown(buildProtokollDocument({ ...base(), rounds: [round(true)] }));
    expect(named).toContain('| Name | Ganztag | Sprache |');
    expect(named).toContain('| Anna | 2 Punkte | 1 Punkt |');
    expect(named).toContain('| Bernd | 3 Punkte | 0 Punkte |');
    expect(named).toContain('| **Ort** | nicht angegeben |');
    expect(named).toContain('| **Protokollführung** | nicht angegeben |');
    expect(named).not.toMatch(/\b(dots|rank)\b/);
    // No times recorded at all (a course from before they were kept): "not recorded", never "not called".
    expect(named).toContain('| **Zeit** | nicht erfasst |');
    expect(renderMarkdown(buildProtokollDocument({ ...base(), itemTimes: {} }))).toContain('| **Zeit** | nicht aufgerufen |');
    const secret = renderMarkdown(buildProtokollDocument({ ...base(), rounds: [round(false)], attendance: { groups: [{ label: null, names: ['Anna', 'Bernd', 'Cem'] }] } }));
    expect(secret).toContain('Anwesend: Anna, Bernd, Cem');
    const roundPart = secret.slice(secret.indexOf('Schwerpunkte ('), secret.indexOf('. Notizen'));
    expect(roundPart).toContain('geheime Abstimmung');
    expect(roundPart).not.toMatch(/Anna|Bernd|Stimmabgabe/);
  });

  it('without given times, start and end come from the agenda items’ calls, named as such', () => {
    const md = renderMarkdown(
      buildProtokollDocument({
        ...base(),
        meeting: { place: 'Rathaus', startTime: null, endTime: null, minuteTaker: 'Özlem', moderation: ['Mia'] },
        itemTimes: { a: [{ startedAt: '2026-11-26T08:05:00.000Z', endedAt: '2026-11-26T08:47:00.000Z' }] },
      }),
    );
    expect(md).toContain('| **Beginn** | 09:05 Uhr (Aufruf des ersten Tagesordnungspunkts) |');
    expect(md).toContain('| **Ende** | 09:47 Uhr (Ende des letzten Tagesordnungspunkts) |');
    expect(md).toContain('| **Zeit** | 09:05–09:47 Uhr (42 Minuten) |');
    expect(md).toContain('Unterschrift Moderation (Mia)');
  });
});
