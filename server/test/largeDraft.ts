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
