/** A draft as a Landkreis writes it (13 goals, 37 indicators, 24 measures, 15 cost rows): what the export tests and the export benchmark render. */
import type { ConsensusRecord, DecisionContent, DraftCost, DraftGoal } from '../../shared/decision';
import { completeContent, testGoal } from '../../shared/decisionTestkit';
import { richDocFromText } from '../../shared/richText';

export const PEOPLE = ['Ayşe Yılmaz-Doğan', 'Łukasz Wróbel', 'Çağrı Şahin', 'Dr. Jürgen Groß'];
const OWNERS = ['Bildungsbüro', 'Jugendberufsagentur', 'Schulverwaltungsamt', 'Jobcenter', 'Kommunales Integrationszentrum'];

/** A draft as a Landkreis writes it: 13 goals, 37 indicators, 24 measures, 15 cost rows. */
export function largeContent(): DecisionContent {
  const c = completeContent();
  c.title = 'Übergang Schule–Beruf: Handlungskonzept 2027–2030';
  c.sachverhalt = richDocFromText(`Die Bildungskonferenz hat am 26.11.2026 unter Leitung von ${PEOPLE[0]} beraten.`);
  c.goals = Array.from({ length: 13 }, (_, g): DraftGoal => {
    const count = g < 11 ? 3 : 2;
    return testGoal({
      id: `g${g}`,
      title: `Ziel ${g + 1}: Übergangsquote in Ausbildung erhöhen`,
      owner: `${OWNERS[g % OWNERS.length]} (${PEOPLE[g % PEOPLE.length]})`,
      zielfeld: (['wirkungen', 'leistungen', 'prozesse', 'ressourcen'] as const)[g % 4],
      indicators: Array.from({ length: count }, (_, i) => ({
        id: `g${g}i${i}`,
        name: `Übergangsquote Kennzahl ${i + 1}`,
        unit: '%',
        baseline: 61.5,
        target: 70,
        deadline: '2028-07-31',
        dataSource: 'Schulstatistik IT.NRW',
      })),
    });
  });
  c.measures = Array.from({ length: 24 }, (_, m) => ({
    id: `m${m}`,
    title: `Maßnahme ${m + 1}: Praxistage für Schülerinnen und Schüler`,
    description: '',
    zielfeld: (['wirkungen', 'leistungen', 'prozesse', 'ressourcen'] as const)[m % 4]!,
    owner: PEOPLE[m % PEOPLE.length]!,
    goalId: `g${m % 13}`,
    due: '2028-12-31',
    source: null,
    consensusIds: [],
  }));
  const periods = ['jährlich', 'einmalig', '2027', 'jährlich', 'einmalig'];
  c.costs = Array.from({ length: 15 }, (_, k): DraftCost => ({
    id: `k${k}`,
    label: `Kostenposition ${k + 1}`,
    category: (['personal', 'sach', 'investition'] as const)[k % 3]!,
    amountEur: k === 0 ? 4_096_578.97 : k === 14 ? null : 10_000 * (k + 1),
    period: periods[k % periods.length]!,
    fundedBy: k % 2 === 0 ? 'Landkreis' : 'Land NRW (KAoA)',
  }));
  // A record stored with a board slot's raw numbers.
  const legacy: ConsensusRecord = {
    ...c.consensus[0]!,
    id: 'r0:o1',
    roundId: 'r0',
    method: 'punktabfrage',
    outcome: null,
    participants: 12,
    result: { method: 'totals', totals: { dots: 3, rank: 2 } },
    summary: 'Punktabfrage (12 Teilnehmende): dots: 3, rank: 2',
    objections: [],
  };
  c.consensus.push(legacy);
  c.responsibilities.push({ id: 'r2', actor: PEOPLE[1]!, task: 'Berufsorientierung koordinieren', source: null });
  return c;
}

const PROSE = [
  'Der Anteil der Schulabgängerinnen und Schulabgänger, die direkt in eine duale oder schulische Ausbildung einmünden, liegt im Kreisgebiet bei 61,5 % → Zielwert ≥ 70 % bis 2028. Landesweit liegt er deutlich höher; die Abbrüche im ersten Ausbildungsjahr sollen ≤ 5 % betragen (heute ≈ 9 %).',
  'Die Bildungskonferenz hat in drei Arbeitsgruppen Handlungsfelder beschrieben: Berufsorientierung ab Klasse 8, Begleitung an der ersten Schwelle und Unterstützung in der Ausbildung. Die Ergebnisse sind in den folgenden Abschnitten zusammengefasst; Verantwortliche sind je Ziel benannt.',
  'Grundlage sind die Schulstatistik von IT.NRW, die Daten der Agentur für Arbeit und die Rückmeldungen der Kammern. Die Daten werden jährlich im Bildungsbericht fortgeschrieben; Abweichungen ≠ 0 werden im Lenkungskreis beraten.',
];

/** The large draft with the prose a Vorlage of about ten pages holds (Sachverhalt, Begründung with a list and a link, "Anführungszeichen" and symbols). */
export function tenPageContent(): DecisionContent {
  const c = largeContent();
  const para = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });
  const sachverhalt = Array.from({ length: 12 }, (_, i) => para(`${i + 1}. ${PROSE[i % PROSE.length]!} „Übergang gestalten“ – ‚kein Abschluss ohne Anschluss‘ – «Schule & Beruf» ✓ ✗ ← §\u00a04 SchulG, ${PEOPLE[i % PEOPLE.length]}.`));
  c.sachverhalt = {
    type: 'doc',
    content: [
      ...sachverhalt,
      { type: 'bulletList', content: PROSE.map((text) => ({ type: 'listItem', content: [para(text)] })) },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Quelle: ' },
          { type: 'text', text: 'Bildungsbericht des Kreises', marks: [{ type: 'link', attrs: { href: 'https://www.example.org/bildungsbericht' } }] },
          { type: 'text', text: '.' },
        ],
      },
    ],
  } as DecisionContent['sachverhalt'];
  c.begruendung = { type: 'doc', content: Array.from({ length: 8 }, (_, i) => para(PROSE[(i + 1) % PROSE.length]!)) } as DecisionContent['begruendung'];
  return c;
}
