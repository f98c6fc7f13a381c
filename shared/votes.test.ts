import { describe, expect, it } from 'vitest';
import type { ActorGroup } from './moderation';
import { VoteResultSchema } from './schema/priorities';
import {
  assignGroups,
  BallotSchema,
  buildRoundDefinition,
  checkBallot,
  checkManualVotes,
  checkRoundConfig,
  ManualVotesSchema,
  MEINUNGSBILD_LABEL,
  objectionsOf,
  RoundConfigSchema,
  STATUS_QUO_OPTION_ID,
  tally,
  tallyByGroup,
  tallyRound,
  leadingOption,
  slotTotals,
  toVoteSlot,
  type Ballot,
  type RoundConfig,
  type RoundDefinition,
  type TallyBallot,
} from './votes';

function round(config: RoundConfig): RoundDefinition {
  return buildRoundDefinition(RoundConfigSchema.parse(config));
}

const options = (...labels: string[]) => labels.map((label) => ({ label }));
let n = 0;
function voter(ballot: Ballot, actorGroup: ActorGroup | null = null, displayName = `P${++n}`): TallyBallot {
  return { participantId: `id-${displayName}`, displayName, actorGroup, ballot };
}
const times = { openedAt: 1000, closedAt: 2000 };

const dots = (d: Record<string, number>): Ballot => ({ method: 'punktabfrage', dots: d });
const resist = (r: Record<string, number>): Ballot => ({ method: 'widerstandsabfrage', resistance: r });
const opinions = (o: Record<string, 'dafuer' | 'unentschieden' | 'dagegen'>): Ballot => ({ method: 'meinungsbild', opinions: o });

describe('round configuration', () => {
  it('numbers the options and adds the status quo to a Widerstandsabfrage, last', () => {
    const def = round({ method: 'widerstandsabfrage', title: 'Schwerpunkte', options: options('A', 'B') });
    expect(def.options.map((o) => [o.id, o.label, o.statusQuo])).toEqual([
      ['o1', 'A', false],
      ['o2', 'B', false],
      [STATUS_QUO_OPTION_ID, 'Status quo beibehalten', true],
    ]);
    expect(def.named).toBe(false);
    expect(def.nonBinding).toBe(false);
    expect(round({ method: 'punktabfrage', title: 'x', options: options('A'), dotsPerPerson: 3, maxPerOption: 2 }).options).toHaveLength(1);
  });

  it('labels every Meinungsbild as non-binding', () => {
    const def = round({ method: 'meinungsbild', title: 'x', options: options('A') });
    expect(def).toMatchObject({ nonBinding: true, label: MEINUNGSBILD_LABEL });
  });

  it('an interfraktionelle AG takes Meinungsbilder only, and no named ones', () => {
    const parse = (c: RoundConfig) => RoundConfigSchema.parse(c);
    for (const method of ['punktabfrage', 'widerstandsabfrage', 'konsenscheck'] as const) {
      const config = method === 'punktabfrage' ? parse({ method, title: 't', options: options('A'), dotsPerPerson: 3, maxPerOption: 1 }) : parse({ method, title: 't', options: options('A') });
      expect(checkRoundConfig(config, 'interfraktionelle_ag')?.id).toBe('method_not_allowed');
      expect(checkRoundConfig(config, 'bildungskonferenz')).toBeNull();
    }
    expect(checkRoundConfig(parse({ method: 'meinungsbild', title: 't', options: options('A') }), 'interfraktionelle_ag')).toBeNull();
    expect(checkRoundConfig(parse({ method: 'meinungsbild', title: 't', options: options('A'), named: true }), 'interfraktionelle_ag')?.id).toBe(
      'method_not_allowed',
    );
  });

  it('refuses more dots per option than per person, empty option lists and unknown methods', () => {
    const c = RoundConfigSchema.parse({ method: 'punktabfrage', title: 't', options: options('A'), dotsPerPerson: 2, maxPerOption: 3 });
    expect(checkRoundConfig(c, 'arbeitsgruppe')?.id).toBe('validation_error');
    expect(RoundConfigSchema.safeParse({ method: 'punktabfrage', title: 't', options: [], dotsPerPerson: 2, maxPerOption: 1 }).success).toBe(false);
    expect(RoundConfigSchema.safeParse({ method: 'rangfolge', title: 't', options: options('A') }).success).toBe(false);
  });
});

describe('ballot checks', () => {
  const punkt = round({ method: 'punktabfrage', title: 't', options: options('A', 'B', 'C'), dotsPerPerson: 5, maxPerOption: 3 });

  it('keeps a Punktabfrage within the budget and the maximum per option', () => {
    expect(checkBallot(punkt, dots({ o1: 3, o2: 2 }))).toBeNull();
    expect(checkBallot(punkt, dots({ o1: 3, o2: 3 }))?.id).toBe('dot_budget_exceeded');
    expect(checkBallot(punkt, dots({ o1: 4 }))?.id).toBe('dot_budget_exceeded');
    expect(checkBallot(punkt, dots({ o9: 1 }))?.id).toBe('invalid_ballot');
    expect(checkBallot(punkt, dots({}))?.id).toBe('invalid_ballot');
    expect(checkBallot(punkt, resist({ o1: 1 }))?.id).toBe('invalid_ballot');
  });

  it('requires an answer for every option (the status quo included) in the other methods', () => {
    const w = round({ method: 'widerstandsabfrage', title: 't', options: options('A') });
    expect(checkBallot(w, resist({ o1: 3 }))?.id).toBe('invalid_ballot');
    expect(checkBallot(w, resist({ o1: 3, status_quo: 10 }))).toBeNull();
    const m = round({ method: 'meinungsbild', title: 't', options: options('A', 'B') });
    expect(checkBallot(m, opinions({ o1: 'dafuer' }))?.id).toBe('invalid_ballot');
  });

  it('schema: ranges, levels, and no prototype keys', () => {
    expect(BallotSchema.safeParse(resist({ o1: 11 })).success).toBe(false);
    expect(BallotSchema.safeParse(resist({ o1: -1 })).success).toBe(false);
    expect(BallotSchema.safeParse(resist({ o1: 2.5 })).success).toBe(false);
    expect(BallotSchema.safeParse({ method: 'konsenscheck', levels: { o1: { level: 'enthaltung' } } }).success).toBe(false);
    // zod drops a `__proto__` key instead of assigning it: nothing reaches a prototype.
    const proto = BallotSchema.parse(JSON.parse('{"method":"punktabfrage","dots":{"__proto__":{"polluted":1},"o1":1}}'));
    expect(proto.method === 'punktabfrage' && Object.keys(proto.dots)).toEqual(['o1']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('manual votes: method, known options, no more answers than voters', () => {
    const m = round({ method: 'meinungsbild', title: 't', options: options('A') });
    const ok = ManualVotesSchema.parse({ method: 'meinungsbild', voters: 5, counts: { o1: { dafuer: 3, unentschieden: 1, dagegen: 1 } } });
    expect(checkManualVotes(m, ok)).toBeNull();
    const tooMany = ManualVotesSchema.parse({ method: 'meinungsbild', voters: 2, counts: { o1: { dafuer: 3, unentschieden: 0, dagegen: 0 } } });
    expect(checkManualVotes(m, tooMany)?.id).toBe('invalid_ballot');
    const overBudget = ManualVotesSchema.parse({ method: 'punktabfrage', voters: 2, dots: { o1: 6, o2: 5 } });
    expect(checkManualVotes(punkt, overBudget)?.id).toBe('dot_budget_exceeded');
  });
});

describe('Punktabfrage tally', () => {
  const def = round({ method: 'punktabfrage', title: 't', options: options('A', 'B', 'C', 'D'), dotsPerPerson: 3, maxPerOption: 3 });

  it('counts dots, ranks with shared ranks on ties, ties keep option order', () => {
    const t = tally(def, [voter(dots({ o2: 2, o3: 1 })), voter(dots({ o3: 2, o1: 1 })), voter(dots({ o4: 3 }))]);
    expect(t).toEqual({
      method: 'punktabfrage',
      voters: 3,
      options: [
        { optionId: 'o1', dots: 1, rank: 4 },
        { optionId: 'o2', dots: 2, rank: 3 },
        { optionId: 'o3', dots: 3, rank: 1 },
        { optionId: 'o4', dots: 3, rank: 1 },
      ],
      ranking: ['o3', 'o4', 'o2', 'o1'],
    });
  });

  it('an empty round: zero everywhere, everyone tied first, in option order', () => {
    const t = tally(def, []);
    expect(t.voters).toBe(0);
    expect(t.method === 'punktabfrage' && t.options.map((o) => [o.dots, o.rank])).toEqual([[0, 1], [0, 1], [0, 1], [0, 1]]);
    expect(t.method === 'punktabfrage' && t.ranking).toEqual(['o1', 'o2', 'o3', 'o4']);
  });

  it('adds manual (hand/paper) votes to the total and shows them separately', () => {
    const manual = ManualVotesSchema.parse({ method: 'punktabfrage', voters: 4, dots: { o1: 9, o2: 1 }, note: 'Klebepunkte am Flipchart' });
    const r = tallyRound('r1', def, [voter(dots({ o2: 3 })), voter(dots({ o2: 1, o4: 2 })), voter(dots({ o3: 1 }))], manual, times);
    expect(r.voters).toBe(7);
    expect(r.withheld).toBe(false);
    expect(r.tally?.method === 'punktabfrage' && r.tally.options.map((o) => o.dots)).toEqual([9, 5, 1, 2]);
    expect(r.online?.method === 'punktabfrage' && r.online.options.map((o) => o.dots)).toEqual([0, 4, 1, 2]);
    expect(r.manual?.note).toBe('Klebepunkte am Flipchart');
    expect(r.manual?.voters).toBe(4);
    expect(r.manual?.tally?.voters).toBe(4);
    expect(r.manual?.tally?.method === 'punktabfrage' && r.manual.tally.options.map((o) => o.dots)).toEqual([9, 1, 0, 0]);
    expect(r.tally?.method === 'punktabfrage' && r.tally.ranking[0]).toBe('o1');
  });

  it('two online ballots with hand votes: only the merged total, never the two on their own', () => {
    const manual = ManualVotesSchema.parse({ method: 'punktabfrage', voters: 4, dots: { o1: 9, o2: 1 } });
    const r = tallyRound('r1', def, [voter(dots({ o2: 3 })), voter(dots({ o2: 1, o4: 2 }))], manual, times);
    expect(r).toMatchObject({ voters: 6, withheld: false, online: null, manual: { voters: 4, tally: null } });
    expect(r.tally?.method === 'punktabfrage' && r.tally.options.map((o) => o.dots)).toEqual([9, 5, 0, 2]);
  });
});

describe('minimum of voters for a secret result', () => {
  const def = round({ method: 'widerstandsabfrage', title: 't', options: options('A', 'B') });
  const r = (n: number) => resist({ o1: n, o2: 10 - n, status_quo: 5 });

  it('a secret round with two voters publishes only their number', () => {
    const res = tallyRound('r', def, [voter(r(1), 'schule'), voter(r(9), 'kita')], null, times);
    expect(res).toMatchObject({ voters: 2, withheld: true, minVoters: 3, tally: null, online: null, byGroup: null, ballots: null });
    expect(leadingOption(res)).toBeNull();
    expect(slotTotals(res, 'o1')).toEqual({});
  });

  it('also when hand votes make up the rest: 1 online + 1 by hand', () => {
    const manual = ManualVotesSchema.parse({ method: 'widerstandsabfrage', voters: 1, distribution: { o1: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } });
    const res = tallyRound('r', def, [voter(r(3))], manual, times);
    expect(res).toMatchObject({ voters: 2, withheld: true, tally: null, manual: { voters: 1, tally: null } });
  });

  it('three voters show the distribution; a named round shows it with two', () => {
    expect(tallyRound('r', def, [voter(r(1)), voter(r(2)), voter(r(3))], null, times).withheld).toBe(false);
    const named = round({ method: 'widerstandsabfrage', title: 't', options: options('A', 'B'), named: true });
    const res = tallyRound('r', named, [voter(r(1)), voter(r(2))], null, times);
    expect(res.withheld).toBe(false);
    expect(res.tally?.voters).toBe(2);
  });

  it('a higher minimum from the installation applies to results and groups alike', () => {
    const four = [voter(r(1), 'schule'), voter(r(2), 'schule'), voter(r(3), 'schule'), voter(r(4), 'kita')];
    expect(tallyRound('r', def, four, null, times, 5)).toMatchObject({ withheld: true, minVoters: 5 });
    const five = [...four, voter(r(5), 'kita')];
    const res = tallyRound('r', def, five, null, times, 5);
    expect(res.withheld).toBe(false);
    // Groups of 3 and 2 are both below 5: everyone is shown as "Sonstige".
    expect(res.byGroup?.map((g) => [g.group, g.voters])).toEqual([['sonstige', 5]]);
    expect(tallyRound('r', def, four, null, times, 1).minVoters).toBe(2);
  });
});

describe('leading option', () => {
  it('least resistance, most dots, fewest objections, most in favour', () => {
    const w = round({ method: 'widerstandsabfrage', title: 't', options: options('A', 'B') });
    const res = tallyRound('r', w, [0, 1, 2].map(() => voter(resist({ o1: 8, o2: 1, status_quo: 5 }))), null, times);
    expect(leadingOption(res)).toBe('o2');
    const k = round({ method: 'konsenscheck', title: 't', options: options('A', 'B', 'C') });
    type L = 'zustimmung' | 'leichte_bedenken' | 'veto';
    const lv = (a: L, b: L, c: L) => voter({ method: 'konsenscheck', levels: { o1: { level: a }, o2: { level: b }, o3: { level: c } } });
    const kres = tallyRound('r', k, [lv('veto', 'leichte_bedenken', 'zustimmung'), lv('zustimmung', 'zustimmung', 'leichte_bedenken'), lv('zustimmung', 'zustimmung', 'zustimmung')], null, times);
    expect(leadingOption(kres)).toBe('o2');
    const p = round({ method: 'punktabfrage', title: 't', options: options('A', 'B'), dotsPerPerson: 3, maxPerOption: 3 });
    expect(leadingOption(tallyRound('r', p, [voter(dots({ o2: 3 })), voter(dots({ o1: 1 })), voter(dots({ o2: 1 }))], null, times))).toBe('o2');
  });
});

describe('Widerstandsabfrage tally', () => {
  const def = round({ method: 'widerstandsabfrage', title: 't', options: options('A', 'B', 'C') });

  it('ranks by total, then mean; shows the distribution; the status quo is an option like any other', () => {
    const t = tally(def, [
      voter(resist({ o1: 0, o2: 5, o3: 2, status_quo: 10 })),
      voter(resist({ o1: 4, o2: 5, o3: 2, status_quo: 8 })),
      voter(resist({ o1: 10, o2: 0, o3: 2, status_quo: 0 })),
    ]);
    if (t.method !== 'widerstandsabfrage') throw new Error('method');
    expect(t.voters).toBe(3);
    const byId = Object.fromEntries(t.options.map((o) => [o.optionId, o]));
    expect(byId.o3).toMatchObject({ total: 6, mean: 2, voters: 3, rank: 1 });
    expect(byId.o2).toMatchObject({ total: 10, mean: 3.33, rank: 2 });
    expect(byId.o1).toMatchObject({ total: 14, mean: 4.67, rank: 3 });
    expect(byId.status_quo).toMatchObject({ total: 18, mean: 6, rank: 4 });
    expect(t.ranking).toEqual(['o3', 'o2', 'o1', 'status_quo']);
    expect(byId.o3!.distribution).toEqual([0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(byId.o1!.distribution).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('the status quo can win', () => {
    const t = tally(def, [voter(resist({ o1: 8, o2: 9, o3: 7, status_quo: 1 }))]);
    expect(t.method === 'widerstandsabfrage' && t.ranking[0]).toBe(STATUS_QUO_OPTION_ID);
  });

  it('ties: equal total and mean share a rank; order stays the option order', () => {
    const t = tally(def, [voter(resist({ o1: 3, o2: 3, o3: 1, status_quo: 3 }))]);
    if (t.method !== 'widerstandsabfrage') throw new Error('method');
    expect(t.ranking).toEqual(['o3', 'o1', 'o2', 'status_quo']);
    expect(t.options.map((o) => o.rank)).toEqual([2, 2, 1, 2]);
  });

  it('with manual votes, an equal total is broken by the lower mean', () => {
    // o1: online 6 (one voter) + manual 0 from two voters → total 6, mean 2; o2: online 6, no manual → mean 6.
    const manual = ManualVotesSchema.parse({
      method: 'widerstandsabfrage',
      voters: 2,
      distribution: { o1: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    });
    const t = tally(def, [voter(resist({ o1: 6, o2: 6, o3: 9, status_quo: 10 }))], manual);
    if (t.method !== 'widerstandsabfrage') throw new Error('method');
    expect(t.voters).toBe(3);
    expect(t.ranking.slice(0, 2)).toEqual(['o1', 'o2']);
    expect(t.options[0]).toMatchObject({ total: 6, mean: 2, voters: 3, rank: 1 });
    expect(t.options[1]).toMatchObject({ total: 6, mean: 6, voters: 1, rank: 2 });
  });

  it('an empty round has no mean, and all options tie', () => {
    const t = tally(def, []);
    if (t.method !== 'widerstandsabfrage') throw new Error('method');
    expect(t.options.every((o) => o.mean === null && o.total === 0 && o.rank === 1)).toBe(true);
    expect(t.ranking).toEqual(['o1', 'o2', 'o3', 'status_quo']);
  });
});

describe('Konsenscheck tally', () => {
  const def = round({ method: 'konsenscheck', title: 't', options: options('Leitbild', 'Ziel') });
  const ballots = [
    voter({ method: 'konsenscheck', levels: { o1: { level: 'zustimmung', reason: 'ignored' }, o2: { level: 'veto', reason: 'Zu teuer' } } }, null, 'Zora'),
    voter({ method: 'konsenscheck', levels: { o1: { level: 'leichte_bedenken', reason: 'Formulierung' }, o2: { level: 'zustimmung' } } }, null, 'Anna'),
    voter({ method: 'konsenscheck', levels: { o1: { level: 'schwere_bedenken', reason: 'Kita fehlt' }, o2: { level: 'leichte_bedenken', reason: '  ' } } }, null, 'Bernd'),
  ];

  it('counts per level and lists the reasons by severity, without names in a secret round', () => {
    const t = tally(def, ballots);
    if (t.method !== 'konsenscheck') throw new Error('method');
    expect(t.options[0]).toEqual({
      optionId: 'o1',
      counts: { zustimmung: 1, leichte_bedenken: 1, schwere_bedenken: 1, veto: 0 },
      objections: [
        { level: 'schwere_bedenken', reason: 'Kita fehlt' },
        { level: 'leichte_bedenken', reason: 'Formulierung' },
      ],
    });
    expect(t.options[1]!.counts).toEqual({ zustimmung: 1, leichte_bedenken: 1, schwere_bedenken: 0, veto: 1 });
    expect(t.options[1]!.objections).toEqual([{ level: 'veto', reason: 'Zu teuer' }]);
    expect(JSON.stringify(t)).not.toMatch(/Zora|Anna|Bernd/);
  });

  it('the reasons do not follow the voting order', () => {
    const a = tally(def, ballots);
    const b = tally(def, [...ballots].reverse());
    expect(a).toEqual(b);
  });

  it('a named round names the objectors and lists the ballots by name', () => {
    const named = round({ method: 'konsenscheck', title: 't', options: options('Leitbild', 'Ziel'), named: true });
    const r = tallyRound('r', named, ballots, null, times);
    expect(r.ballots?.map((b) => b.displayName)).toEqual(['Anna', 'Bernd', 'Zora']);
    expect(objectionsOf(r, 'o1')).toEqual([
      { level: 'schwere_bedenken', reason: 'Kita fehlt', displayName: 'Bernd' },
      { level: 'leichte_bedenken', reason: 'Formulierung', displayName: 'Anna' },
    ]);
    const secret = tallyRound('r', def, ballots, null, times);
    expect(secret.ballots).toBeNull();
    expect(JSON.stringify(secret)).not.toMatch(/Zora|Anna|Bernd|id-/);
  });

  it('adds paper counts and reasons, marked as manual', () => {
    const manual = ManualVotesSchema.parse({
      method: 'konsenscheck',
      voters: 2,
      counts: { o1: { zustimmung: 2, leichte_bedenken: 0, schwere_bedenken: 0, veto: 0 }, o2: { zustimmung: 1, leichte_bedenken: 0, schwere_bedenken: 0, veto: 1 } },
      reasons: { o2: [{ level: 'veto', reason: 'Abstimmung mit dem Land fehlt' }] },
    });
    const r = tallyRound('r', def, ballots, manual, times);
    expect(r.voters).toBe(5);
    if (r.tally?.method !== 'konsenscheck') throw new Error('method');
    expect(r.tally.options[1]!.counts.veto).toBe(2);
    expect(r.tally.options[1]!.objections).toEqual([
      { level: 'veto', reason: 'Abstimmung mit dem Land fehlt', manual: true },
      { level: 'veto', reason: 'Zu teuer' },
    ]);
  });
});

describe('Meinungsbild tally', () => {
  it('counts dafür / unentschieden / dagegen and is flagged non-binding', () => {
    const def = round({ method: 'meinungsbild', title: 't', options: options('Ganztag') });
    const r = tallyRound('r', def, [voter(opinions({ o1: 'dafuer' })), voter(opinions({ o1: 'dafuer' })), voter(opinions({ o1: 'dagegen' }))], null, times);
    expect(r.tally).toEqual({ method: 'meinungsbild', voters: 3, options: [{ optionId: 'o1', counts: { dafuer: 2, unentschieden: 0, dagegen: 1 } }] });
    expect(r).toMatchObject({ nonBinding: true, label: MEINUNGSBILD_LABEL, outcomes: [], manual: null });
  });
});

describe('actor groups', () => {
  const g = (...xs: (ActorGroup | null)[]) => xs;

  it('shows groups of 3 or more, merges smaller ones into Sonstige', () => {
    expect(assignGroups(g('schule', 'schule', 'schule', 'kita', 'kita', 'politik', 'jugendhilfe', 'jugendhilfe', 'jugendhilfe'))).toEqual([
      'schule', 'schule', 'schule', 'sonstige', 'sonstige', 'sonstige', 'jugendhilfe', 'jugendhilfe', 'jugendhilfe',
    ]);
  });

  it('counts people without a group in Sonstige', () => {
    expect(assignGroups(g('schule', 'schule', 'schule', null, null, 'kita'))).toEqual(['schule', 'schule', 'schule', 'sonstige', 'sonstige', 'sonstige']);
  });

  it('never leaves 1–2 voters in Sonstige: the smallest shown group joins them (else total minus groups would reveal them)', () => {
    // schule 4, kita 3, politik 1: politik alone would be shown as nothing and be computable.
    const out = assignGroups(g('schule', 'schule', 'schule', 'schule', 'kita', 'kita', 'kita', 'politik'));
    expect(out).toEqual(['schule', 'schule', 'schule', 'schule', 'sonstige', 'sonstige', 'sonstige', 'sonstige']);
    // Every voter is shown in exactly one group of at least 3.
    const sizes = new Map<string, number>();
    for (const x of out!) sizes.set(x, (sizes.get(x) ?? 0) + 1);
    expect([...sizes.values()].every((s) => s >= 3)).toBe(true);
  });

  it('no breakdown below 3 voters, or when nobody gave a group', () => {
    expect(assignGroups(g('schule', 'kita'))).toBeNull();
    expect(assignGroups(g(null, null, null, null))).toBeNull();
    expect(assignGroups(g('politik', 'politik', null))).toEqual(['sonstige', 'sonstige', 'sonstige']);
  });

  it('tallies per shown group, in the fixed group order, without objection texts', () => {
    const def = round({ method: 'konsenscheck', title: 't', options: options('A') });
    const k = (level: 'zustimmung' | 'veto', group: ActorGroup | null) =>
      voter({ method: 'konsenscheck', levels: { o1: level === 'veto' ? { level, reason: 'Nein' } : { level } } }, group);
    const all = tallyByGroup(def, [k('veto', 'verwaltung'), k('zustimmung', 'schule'), k('zustimmung', 'verwaltung'), k('zustimmung', 'schule'), k('zustimmung', 'verwaltung'), k('zustimmung', 'schule'), k('veto', 'kita')]);
    // kita (1) goes to Sonstige; Sonstige (1) then takes the smallest shown group — of the equal
    // schule and verwaltung, the one later in the list.
    expect(all?.map((x) => [x.group, x.voters])).toEqual([
      ['schule', 3],
      ['sonstige', 4],
    ]);
    const sonstige = all?.find((x) => x.group === 'sonstige')?.tally;
    expect(sonstige?.method === 'konsenscheck' && sonstige.options[0]!.counts).toEqual({ zustimmung: 2, leichte_bedenken: 0, schwere_bedenken: 0, veto: 2 });
    for (const grp of all ?? []) {
      expect(grp.voters).toBeGreaterThanOrEqual(3);
      if (grp.tally.method === 'konsenscheck') expect(grp.tally.options[0]!.objections).toEqual([]);
    }
  });

  it('the group breakdown covers online ballots only; manual votes stay in their own part', () => {
    const def = round({ method: 'meinungsbild', title: 't', options: options('A') });
    const manual = ManualVotesSchema.parse({ method: 'meinungsbild', voters: 10, counts: { o1: { dafuer: 10, unentschieden: 0, dagegen: 0 } } });
    const r = tallyRound('r', def, [voter(opinions({ o1: 'dagegen' }), 'schule'), voter(opinions({ o1: 'dagegen' }), 'schule'), voter(opinions({ o1: 'dagegen' }), 'schule')], manual, times);
    expect(r.byGroup).toEqual([{ group: 'schule', voters: 3, tally: { method: 'meinungsbild', voters: 3, options: [{ optionId: 'o1', counts: { dafuer: 0, unentschieden: 0, dagegen: 3 } }] } }]);
    expect(r.voters).toBe(13);
  });
});

describe('board slot', () => {
  it('writes a result the priorities board accepts', () => {
    const def = round({
      method: 'punktabfrage',
      title: 't',
      options: [{ label: 'Ganztag', source: { board: 'priorities', itemId: 'topic-1' } }, { label: 'Übergänge' }],
      dotsPerPerson: 3,
      maxPerOption: 3,
    });
    const r = tallyRound('r1', def, [voter(dots({ o1: 3 })), voter(dots({ o1: 1, o2: 2 })), voter(dots({ o2: 1 }))], null, times);
    const slot = toVoteSlot(r, 'o1', 5000);
    expect(VoteResultSchema.parse(slot)).toEqual({
      roundId: 'r1',
      method: 'punktabfrage',
      totals: { dots: 4, rank: 1 },
      participants: 3,
      outcome: null,
      meinungsbild: false,
      publishedAt: 5000,
    });
    const mb = tallyRound('r2', round({ method: 'meinungsbild', title: 't', options: options('A') }), [], null, times);
    expect(VoteResultSchema.parse(toVoteSlot(mb, 'o1', 1))).toMatchObject({ method: 'meinungsbild', meinungsbild: true, totals: { dafuer: 0 } });
  });
});
