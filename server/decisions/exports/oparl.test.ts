import { describe, expect, it } from 'vitest';
import { decisionResult, oparlDateTime, oparlListPage, resolutionText, type OparlVersion } from './oparl';

describe('OParl objects', () => {
  it('writes timestamps with the German offset and whole seconds, in winter and in summer', () => {
    expect(oparlDateTime('2026-12-08T09:15:00.123Z')).toBe('2026-12-08T10:15:00+01:00');
    expect(oparlDateTime('2026-07-01T22:30:59.999Z')).toBe('2026-07-02T00:30:59+02:00');
    // The hour the clocks go back is told apart by its offset.
    expect(oparlDateTime('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30:00+02:00');
    expect(oparlDateTime('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30:00+01:00');
    expect(() => oparlDateTime('gestern')).toThrow();
  });

  const version = (kind: OparlVersion['sessionKind'], outcome: NonNullable<OparlVersion['decision']>['outcome'], text = 'Der Lenkungskreis beschließt das Konzept.'): OparlVersion => ({
    draftId: 'd',
    reference: 'LK-2026-001',
    sessionKind: kind,
    meta: { draftId: 'd', number: 1, contentHash: 'x', handedOverAt: '2026-12-01T10:00:00.000Z', handedOverBy: { kind: 'moderator', id: 'm', displayName: 'M' }, findings: [], note: '' },
    content: {} as OparlVersion['content'],
    decision: { outcome, decidedOn: '2026-12-10', resolutionText: text, conditions: 'Bericht nach einem Jahr', version: 1, recordedAt: '2026-12-10T12:00:00.000Z', recordedBy: { kind: 'lenkungskreis', id: 'l', displayName: 'L' } },
    siblings: [],
    siblingsChangedAt: null,
  });

  it('gives a decision its result and resolution text; an information paper is taken note of, without a resolution', () => {
    expect(decisionResult(version('bildungskonferenz', 'beschlossen'))).toBe('Unverändert beschlossen');
    expect(resolutionText(version('bildungskonferenz', 'beschlossen'))).toBe('Der Lenkungskreis beschließt das Konzept.\n\nAuflagen: Bericht nach einem Jahr');
    expect(decisionResult(version('bildungskonferenz', 'abgelehnt'))).toBe('Abgelehnt');
    expect(resolutionText(version('bildungskonferenz', 'abgelehnt'))).toBeNull();
    expect(decisionResult(version('interfraktionelle_ag', 'beschlossen'))).toBe('Zur Kenntnis genommen');
    expect(resolutionText(version('interfraktionelle_ag', 'beschlossen'))).toBeNull();
  });

  it('pages a list with next on every page but the last, keeping the filters', () => {
    const all = [1, 2, 3].map((i) => ({ id: `x/${i}` }));
    const q = { limit: 2, filters: { modified_since: '2026-01-01T00:00:00+01:00' } };
    const p1 = oparlListPage('https://w.example/l', all, { ...q, page: 1 });
    const p2 = oparlListPage('https://w.example/l', all, { ...q, page: 2 });
    expect(p1.data).toEqual(all.slice(0, 2));
    expect(p1.links).toEqual({
      first: 'https://w.example/l?modified_since=2026-01-01T00%3A00%3A00%2B01%3A00&limit=2',
      self: 'https://w.example/l?modified_since=2026-01-01T00%3A00%3A00%2B01%3A00&limit=2',
      next: 'https://w.example/l?modified_since=2026-01-01T00%3A00%3A00%2B01%3A00&limit=2&page=2',
      last: 'https://w.example/l?modified_since=2026-01-01T00%3A00%3A00%2B01%3A00&limit=2&page=2',
    });
    expect(p2.links).not.toHaveProperty('next');
    expect(p2.pagination).toEqual({ totalElements: 3, elementsPerPage: 2, currentPage: 2, totalPages: 2 });
  });
});
