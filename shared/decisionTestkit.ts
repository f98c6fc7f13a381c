/** Test support: a decision draft content with nothing missing. Only tests import this file. */
import type { DecisionContent, DraftGoal } from './decision';
import { richDocFromText } from './richText';

export const testGoal = (over: Partial<DraftGoal> = {}): DraftGoal => ({
  id: 'g1',
  title: 'Übergangsquote erhöhen',
  description: '',
  level: 'operativ',
  zielfeld: 'wirkungen',
  targetGroup: '',
  area: '',
  owner: 'Bildungsbüro',
  indicators: [{ id: 'i1', name: 'Quote', unit: '%', baseline: 61, target: 70, deadline: '2028-07-31', dataSource: 'Schulstatistik' }],
  source: { board: 'goals', itemId: 'n1' },
  consensusIds: ['r1:o1'],
  ...over,
});

/** A content with nothing missing. */
export function completeContent(): DecisionContent {
  return {
    title: 'Übergang Schule–Beruf stärken',
    gremium: 'Lenkungskreis Bildung',
    vorlagenNr: 'BV/2026/014',
    datum: '2026-12-01',
    federfuehrung: 'Bildungsbüro',
    verfasser: 'Dana Wójcik',
    oeffentlichkeit: 'oeffentlich',
    betreff: 'Handlungskonzept Übergang Schule–Beruf',
    beratungsfolge: [{ id: 'b1', gremium: 'Lenkungskreis Bildung', date: '2027-01-20', zustaendigkeit: 'entscheidung' }],
    finanzielleAuswirkungen: 'ja',
    haushaltsjahr: '2027',
    produkt: '1.2.1.01 Bildungsmanagement',
    deckung: 'Mittel im Teilhaushalt 51',
    folgekosten: 'jährlich 65.000 € Personalkosten',
    anlagen: [{ id: 'a1', title: 'Zielbaum', link: 'https://example.org/zielbaum.pdf' }],
    sachverhalt: richDocFromText('Die Bildungskonferenz hat am 26.11.2026 beraten.'),
    beschlussvorschlag: richDocFromText('Der Lenkungskreis beschließt das Handlungskonzept.'),
    begruendung: richDocFromText('Die Übergangsquote liegt unter dem Landesschnitt.'),
    topics: [{ id: 't1', title: 'Übergang', description: '', rank: 1, role: 'gewaehrleisterin', source: { board: 'priorities', itemId: 'p1' }, consensusIds: ['r1:o1'] }],
    goals: [testGoal()],
    measures: (['wirkungen', 'leistungen', 'prozesse', 'ressourcen'] as const).map((z, i) => ({
      id: `m${i}`,
      title: `Maßnahme ${z}`,
      description: '',
      zielfeld: z,
      owner: 'Jugendamt',
      goalId: 'g1',
      due: null,
      source: null,
      consensusIds: [],
    })),
    evidence: [],
    responsibilities: [{ id: 'r1', actor: 'Bildungsbüro', task: 'Koordination', source: null }],
    municipalRole: 'gewaehrleisterin',
    verbindlichkeitsstufe: 'vertragliche_kooperation',
    costs: [{ id: 'k1', label: 'Koordinationsstelle', category: 'personal', amountEur: 65000, period: 'jährlich', fundedBy: 'Kreis' }],
    resourcesNote: '',
    timeline: [{ id: 'z1', title: 'Start', date: '2027-02-01', note: '' }],
    participation: { people: 42, byActorGroup: [{ group: 'schule', label: 'Schule', count: 12 }], withoutGroup: 30, observers: 2, maxVoters: 40, note: '' },
    sources: [
      { ref: { board: 'priorities', itemId: 'p1' }, label: 'Übergang', pickedAt: '2026-11-26T10:00:00.000Z', consensusIds: ['r1:o1'] },
      { ref: { board: 'goals', itemId: 'n1' }, label: 'Übergangsquote erhöhen', pickedAt: '2026-11-26T10:00:00.000Z', consensusIds: ['r1:o1'] },
    ],
    consensus: [
      {
        id: 'r1:o1',
        roundId: 'r1',
        optionId: 'o1',
        roundTitle: 'Schwerpunkte',
        optionLabel: 'Übergang',
        method: 'konsenscheck',
        nonBinding: false,
        outcome: 'konsens',
        participants: 40,
        result: { method: 'konsenscheck', zustimmung: 36, leichte_bedenken: 4, schwere_bedenken: 0, veto: 0 },
        summary: 'Konsenscheck: 36 Zustimmung, 4 leichte Bedenken, 0 schwere Bedenken, 0 Veto',
        objections: [{ level: 'leichte_bedenken', reason: 'Finanzierung unklar' }],
        closedAt: '2026-11-26T11:00:00.000Z',
        markedAt: '2026-11-26T11:05:00.000Z',
        source: { board: 'priorities', itemId: 'p1' },
      },
    ],
  };
}

