import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { CompletenessFinding, ConsensusRecord } from '../../shared/decision';
import type { DecisionProvenance } from '../../shared/schema/decisions';
import {
  cellText,
  consensusResultText,
  countFindings,
  diffSides,
  findingTarget,
  parseCell,
  rowProvenance,
  rowSummary,
  shortHash,
  valueText,
} from './format';

// A stand-in for i18next that shows which key and values were asked for.
const t = ((key: string, opts?: Record<string, unknown>) => (opts ? `${key} ${JSON.stringify(opts)}` : key)) as unknown as TFunction;

const record = (id: string, over: Partial<ConsensusRecord> = {}): ConsensusRecord => ({
  id,
  roundId: 'r1',
  optionId: 'o1',
  roundTitle: 'Runde',
  optionLabel: 'Option',
  method: 'konsenscheck',
  nonBinding: false,
  outcome: 'konsens',
  participants: 5,
  result: { method: 'konsenscheck', zustimmung: 4, leichte_bedenken: 1, schwere_bedenken: 0, veto: 0 },
  summary: '',
  objections: [],
  closedAt: null,
  markedAt: null,
  source: null,
  ...over,
});

describe('findings', () => {
  const findings: CompletenessFinding[] = [
    { id: 'title_missing', severity: 'blocking', field: 'title' },
    { id: 'goal_not_measurable', severity: 'warning', field: 'goals', itemId: 'g1', gaps: ['no_target'] },
    { id: 'no_owner', severity: 'warning', field: 'measures', itemId: 'm1' },
    { id: 'consensus_dissent', severity: 'info', field: 'consensus', itemId: 'r1:o1' },
  ];
  it('counts by severity', () => {
    expect(countFindings(findings)).toEqual({ total: 4, blocking: 1, warning: 2, info: 1 });
    expect(countFindings([])).toEqual({ total: 0, blocking: 0, warning: 0, info: 0 });
  });
  it('points at the row for goal and measure findings, else at the field', () => {
    expect(findings.map(findingTarget)).toEqual(['decision-field-title', 'decision-row-g1', 'decision-row-m1', 'decision-field-consensus']);
  });
});

describe('consensus and provenance', () => {
  it('words each method', () => {
    expect(consensusResultText(t, record('a'), 'de')).toBe('decisions.results.konsenscheck {"zustimmung":4,"leichte":1,"schwere":0,"veto":0}');
    expect(consensusResultText(t, { result: { method: 'widerstandsabfrage', total: 7, mean: 1.75, rank: 1, options: 3 } }, 'de')).toContain('"mean":"1,75"');
    expect(consensusResultText(t, { result: { method: 'widerstandsabfrage', total: 0, mean: null, rank: 1, options: 3 } }, 'en')).toContain('"mean":"–"');
    // A board's result slot: labelled numbers; an unknown key is never shown raw.
    const labelled = ((key: string, opts?: Record<string, unknown>) =>
      key === 'priorities.vote.totals' ? { dots: 'Punkte', rank: 'Rang' } : `${key} ${JSON.stringify(opts)}`) as unknown as typeof t;
    const slot = consensusResultText(labelled, { result: { method: 'totals', totals: { dots: 1234, rank: 2, secretKey: 9 } } }, 'de');
    expect(slot).toBe('decisions.results.totals {"text":"Punkte: 1.234, Rang: 2"}');
  });
  it('finds the source and every record of a row, its own and its source item’s', () => {
    const provenance: DecisionProvenance = {
      sources: [{ ref: { board: 'goals', itemId: 'g1' }, label: 'Ziel', pickedAt: '', consensusIds: ['a'] }],
      consensus: [record('a'), record('b'), record('c')],
      participation: { people: 3, byActorGroup: [], withoutGroup: 3, observers: 0, maxVoters: 3 },
    };
    const { source, records } = rowProvenance({ source: { board: 'goals', itemId: 'g1' }, consensusIds: ['b'] }, provenance);
    expect(source?.label).toBe('Ziel');
    expect(records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rowProvenance({ source: { board: 'swot', itemId: 'x1' } }, provenance)).toEqual({ source: undefined, records: [] });
  });
});

describe('comparison helpers', () => {
  it('splits a word diff into the two sides', () => {
    const { before, after } = diffSides([
      { op: 'equal', text: 'Der ' },
      { op: 'delete', text: 'alte' },
      { op: 'insert', text: 'neue' },
      { op: 'equal', text: ' Text' },
    ]);
    expect(before.map((w) => w.text).join('')).toBe('Der alte Text');
    expect(after.map((w) => w.text).join('')).toBe('Der neue Text');
    expect(before.some((w) => w.op === 'insert')).toBe(false);
  });
  it('summarises rows and values', () => {
    expect(rowSummary({ id: 'x', title: '', name: 'Quote' })).toBe('Quote');
    expect(rowSummary({ id: 'x', ref: { board: 'swot', itemId: 'c1' } })).toBe('swot:c1');
    expect(valueText(null)).toBe('');
    expect(valueText(['a', 'b'])).toBe('a, b');
    expect(valueText(12.5)).toBe('12.5');
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
  });
});

describe('table cells', () => {
  it('parses numbers in German and English notation, and refuses half-typed ones', () => {
    expect(parseCell('number', '12,5')).toBe(12.5);
    expect(parseCell('number', '1.234,5')).toBe(1234.5);
    expect(parseCell('number', '')).toBeNull();
    expect(parseCell('number', '12,')).toBeUndefined();
    expect(parseCell('int', '2027')).toBe(2027);
    expect(parseCell('int', '20.5')).toBeUndefined();
    expect(parseCell('date', '')).toBeNull();
    expect(parseCell('text', ' a ')).toBe(' a ');
  });
  it('shows numbers in the reader’s notation', () => {
    expect(cellText('number', 12.5, 'de')).toBe('12,5');
    expect(cellText('number', 12.5, 'en')).toBe('12.5');
    expect(cellText('int', 2027, 'de')).toBe('2027');
    expect(cellText('text', null, 'de')).toBe('');
  });
});
