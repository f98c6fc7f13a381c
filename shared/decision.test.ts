import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  checkCompleteness,
  checkTransition,
  COMPLETENESS_IDS,
  DECISION_FIELDS,
  DRAFT_STATUSES,
  DECISION_ROLES,
  hasBlocking,
  isMeasurableGoal,
  nextStatuses,
  betreffOf,
  withVorlageDefaults,
  type DecisionContent,
} from './decision';
import { completeContent, testGoal as goal } from './decisionTestkit';
import { emptyRichDoc, richDocFromText } from './richText';

describe('status workflow', () => {
  it('allows the documented path and nothing that skips a step', () => {
    expect(checkTransition('entwurf', 'uebergeben', 'moderator')).toBeNull();
    expect(checkTransition('uebergeben', 'in_beratung', 'lenkungskreis')).toBeNull();
    for (const outcome of ['beschlossen', 'geaendert_beschlossen', 'zurueckgestellt', 'abgelehnt', 'zurueckverwiesen'] as const) {
      expect(checkTransition('in_beratung', outcome, 'lenkungskreis')).toBeNull();
      expect(checkTransition('uebergeben', outcome, 'lenkungskreis')?.id).toBe('illegal_transition');
      expect(checkTransition('entwurf', outcome, 'lenkungskreis')?.id).toBe('illegal_transition');
    }
    expect(checkTransition('zurueckverwiesen', 'uebergeben', 'moderator')).toBeNull();
    expect(checkTransition('zurueckgestellt', 'in_beratung', 'lenkungskreis')).toBeNull();
    expect(checkTransition('entwurf', 'in_beratung', 'lenkungskreis')?.id).toBe('illegal_transition');
  });

  it('refuses the wrong role with role_required, whatever the status', () => {
    for (const from of DRAFT_STATUSES) {
      expect(checkTransition(from, 'beschlossen', 'moderator')?.id).toBe('role_required');
      expect(checkTransition(from, 'in_beratung', 'moderator')?.id).toBe('role_required');
      expect(checkTransition(from, 'uebergeben', 'lenkungskreis')?.id).toBe('role_required');
      expect(checkTransition(from, 'entwurf', 'moderator')?.id).toBe('role_required');
    }
  });

  it('final decisions are final', () => {
    for (const from of ['beschlossen', 'geaendert_beschlossen', 'abgelehnt'] as const) {
      for (const role of DECISION_ROLES) expect(nextStatuses(from, role)).toEqual([]);
    }
    expect(checkTransition('beschlossen', 'uebergeben', 'moderator')?.id).toBe('illegal_transition');
    expect(checkTransition('in_beratung', 'uebergeben', 'moderator')?.id).toBe('illegal_transition');
  });

  it('nextStatuses matches checkTransition everywhere', () => {
    for (const from of DRAFT_STATUSES) {
      for (const role of DECISION_ROLES) {
        for (const to of DRAFT_STATUSES) {
          expect(nextStatuses(from, role).includes(to)).toBe(checkTransition(from, to, role) === null);
        }
      }
    }
  });
});

describe('completeness check', () => {
  it('finds nothing in a complete draft', () => {
    expect(checkCompleteness(completeContent())).toEqual([]);
  });

  it('reports what a Lenkungskreis would send back, as ids with fields and rows', () => {
    const c = completeContent();
    c.title = ' ';
    c.verbindlichkeitsstufe = null;
    c.beschlussvorschlag = emptyRichDoc();
    c.goals = [goal({ owner: '', indicators: [{ id: 'i1', name: 'Quote', unit: '%', baseline: null, target: 70, deadline: null, dataSource: '' }] })];
    c.measures = c.measures.slice(0, 2).map((m) => ({ ...m, owner: m.id === 'm0' ? '' : m.owner }));
    c.costs = [{ ...c.costs[0]!, amountEur: null }];
    c.consensus = [];
    const findings = checkCompleteness(c);
    const ids = findings.map((f) => f.id);
    expect(ids).toEqual([
      'title_missing',
      'beschlussvorschlag_missing',
      'no_measurable_goal',
      'goal_not_measurable',
      'zielfeld_not_covered',
      'no_owner',
      'verbindlichkeitsstufe_missing',
      'no_cost_estimate',
      'consensus_not_recorded',
    ]);
    expect(findings.find((f) => f.id === 'goal_not_measurable')).toMatchObject({ itemId: 'g1', gaps: ['no_baseline', 'no_deadline', 'no_owner'] });
    expect(findings.find((f) => f.id === 'zielfeld_not_covered')?.zielfelder).toEqual(['prozesse', 'ressourcen']);
    expect(findings.find((f) => f.id === 'no_owner')?.itemId).toBe('m0');
    expect(hasBlocking(findings)).toBe(true);
    expect(findings.filter((f) => f.severity === 'blocking').map((f) => f.id)).toEqual(['title_missing', 'beschlussvorschlag_missing', 'verbindlichkeitsstufe_missing']);
    for (const f of findings) expect(COMPLETENESS_IDS).toContain(f.id);
    for (const f of findings) expect(DECISION_FIELDS).toContain(f.field);
  });

  it('names the source whose consensus was not recorded, and marks dissent and opinion pictures as info', () => {
    const c = completeContent();
    c.sources.push({ ref: { board: 'swot', itemId: 'c9' }, label: 'Karte', pickedAt: '2026-11-26T10:00:00.000Z', consensusIds: [] });
    c.consensus[0] = { ...c.consensus[0]!, outcome: 'dissens', nonBinding: true, method: 'meinungsbild', result: { method: 'meinungsbild', dafuer: 3, unentschieden: 2, dagegen: 9 } };
    const findings = checkCompleteness(c);
    expect(findings).toContainEqual({ id: 'consensus_not_recorded', severity: 'warning', field: 'consensus', itemId: 'swot:c9' });
    expect(findings).toContainEqual({ id: 'consensus_dissent', severity: 'info', field: 'consensus', itemId: 'r1:o1' });
    expect(findings).toContainEqual({ id: 'non_binding_only', severity: 'info', field: 'consensus' });
    expect(hasBlocking(findings)).toBe(false);
  });

  it('hints at a missing Betreff and Federführung of a Beschlussvorlage, not of the interfraktionelle AG’s information paper', () => {
    const c = completeContent();
    c.betreff = ' ';
    c.federfuehrung = '';
    const vorlage = checkCompleteness(c, { sessionKind: 'bildungskonferenz' });
    expect(vorlage.filter((f) => f.field === 'betreff' || f.field === 'federfuehrung')).toEqual([
      { id: 'federfuehrung_missing', severity: 'warning', field: 'federfuehrung' },
      { id: 'betreff_missing', severity: 'info', field: 'betreff' },
    ]);
    // Neither blocks the hand-over: the title stands in for the Betreff.
    expect(hasBlocking(vorlage)).toBe(false);
    expect(betreffOf(c)).toBe(c.title);
    expect(checkCompleteness(c, { sessionKind: 'interfraktionelle_ag' }).map((f) => f.id)).not.toEqual(expect.arrayContaining(['betreff_missing']));
    expect(checkCompleteness(c, { sessionKind: 'interfraktionelle_ag' }).map((f) => f.id)).not.toContain('federfuehrung_missing');
    c.betreff = 'Handlungskonzept';
    c.federfuehrung = 'Bildungsbüro';
    expect(checkCompleteness(c, { sessionKind: 'bildungskonferenz' })).toEqual([]);
    expect(betreffOf(c)).toBe('Handlungskonzept');
  });

  it('blocks resolution wording in a draft of an interfraktionelle Arbeitsgruppe, not an information paper', () => {
    const c = completeContent();
    c.beschlussvorschlag = richDocFromText('Der Lenkungskreis Bildung beschließt: den Ganztag auszubauen.');
    const blocking = (kind?: 'interfraktionelle_ag' | 'bildungskonferenz') => checkCompleteness(c, { sessionKind: kind }).filter((f) => f.severity === 'blocking').map((f) => f.id);
    expect(blocking('interfraktionelle_ag')).toEqual(['resolution_on_opinion']);
    expect(blocking('bildungskonferenz')).toEqual([]);
    expect(blocking()).toEqual([]);
    c.beschlussvorschlag = richDocFromText('Der Lenkungskreis Bildung nimmt das Meinungsbild zur Kenntnis: Ganztag.');
    expect(blocking('interfraktionelle_ag')).toEqual([]);
  });

  it('a goal is measurable with an owner and a complete indicator; a Leitbild is not measured', () => {
    expect(isMeasurableGoal(goal())).toBe(true);
    expect(isMeasurableGoal(goal({ indicators: [] }))).toBe(false);
    expect(isMeasurableGoal(goal({ owner: '' }))).toBe(false);
    const c = completeContent();
    c.goals.push(goal({ id: 'g2', level: 'leitbild', indicators: [], owner: '' }));
    expect(checkCompleteness(c)).toEqual([]);
  });
});

describe('canonical JSON', () => {
  it('is independent of key order and drops undefined members', () => {
    const a = { b: 1, a: [1, { z: 'ü', y: null }], c: undefined };
    const b = { a: [1, { y: null, z: 'ü' }], b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":[1,{"y":null,"z":"ü"}],"b":1}');
  });

  it('keeps array order and refuses what JSON cannot carry', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
    expect(() => canonicalJson({ f: () => 1 })).toThrow();
  });

  it('a content rebuilt with other key orders has the same canonical form', () => {
    const c = completeContent();
    const reversed = JSON.parse(JSON.stringify(c), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as DecisionContent;
    expect(Object.keys(reversed)[0]).toBe('consensus');
    expect(canonicalJson(reversed)).toBe(canonicalJson(c));
  });
});

describe('Vorlage defaults', () => {
  it('a content frozen before the Vorlage fields existed reads with defaults; one that has them stays as it is', () => {
    const old = completeContent() as Partial<DecisionContent>;
    for (const k of ['vorlagenNr', 'datum', 'federfuehrung', 'verfasser', 'oeffentlichkeit', 'betreff', 'beratungsfolge', 'finanzielleAuswirkungen', 'haushaltsjahr', 'produkt', 'deckung', 'folgekosten', 'anlagen'] as const) delete old[k];
    const read = withVorlageDefaults(old as DecisionContent);
    expect(read).toMatchObject({
      vorlagenNr: '',
      datum: null,
      federfuehrung: '',
      verfasser: '',
      oeffentlichkeit: 'oeffentlich',
      betreff: '',
      beratungsfolge: [{ id: 'gremium', gremium: 'Lenkungskreis Bildung', date: null, zustaendigkeit: 'entscheidung' }],
      finanzielleAuswirkungen: null,
      haushaltsjahr: '',
      produkt: '',
      deckung: '',
      folgekosten: '',
      anlagen: [],
    });
    expect(read.title).toBe(old.title);
    expect(read.costs).toBe(old.costs);
    expect(withVorlageDefaults({ ...(old as DecisionContent), gremium: ' ' }).beratungsfolge).toEqual([]);
    const current = completeContent();
    expect(withVorlageDefaults(current)).toBe(current);
  });
});
