import { describe, expect, it } from 'vitest';
import type { DecisionContent } from './decision';
import { canonicalJson } from './decision';
import { compareDecisionContent, diffTokens, diffWords, tokenize, type WordOp } from './decisionDiff';
import { completeContent } from './decisionTestkit';
import { richDocFromText } from './richText';
import { Rng } from './schema/testkit';

const side = (ops: WordOp[], which: 'before' | 'after') =>
  ops
    .filter((o) => o.op === 'equal' || o.op === (which === 'before' ? 'delete' : 'insert'))
    .map((o) => o.text)
    .join('');

/** Length of the longest common subsequence, by dynamic programming (the reference). */
function lcs(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}

describe('word diff', () => {
  it('marks inserted and deleted words', () => {
    expect(diffWords('Der Lenkungskreis beschließt das Konzept', 'Der Lenkungskreis beschließt das geänderte Konzept')).toEqual([
      { op: 'equal', text: 'Der Lenkungskreis beschließt das ' },
      { op: 'insert', text: 'geänderte ' },
      { op: 'equal', text: 'Konzept' },
    ]);
    expect(diffWords('a b c', 'a c')).toEqual([
      { op: 'equal', text: 'a ' },
      { op: 'delete', text: 'b ' },
      { op: 'equal', text: 'c' },
    ]);
    expect(diffWords('', 'neu')).toEqual([{ op: 'insert', text: 'neu' }]);
    expect(diffWords('alt', '')).toEqual([{ op: 'delete', text: 'alt' }]);
    expect(diffWords('gleich', 'gleich')).toEqual([{ op: 'equal', text: 'gleich' }]);
  });

  it('reconstructs both texts and is minimal (seeded random texts, checked against an LCS)', () => {
    const rng = new Rng(20261126);
    const words = ['Ziel', 'Kita', 'Schule', 'Quote', 'und', 'der', 'die', '2027', '€'];
    for (let round = 0; round < 300; round++) {
      const make = () => Array.from({ length: rng.int(14) }, () => rng.pick(words)!).join(rng.bool(0.8) ? ' ' : '  ');
      const a = make();
      const b = rng.bool(0.5) ? a.replace(/Kita/g, 'Schule') + (rng.bool() ? ' neu' : '') : make();
      const ops = diffWords(a, b);
      expect(side(ops, 'before')).toBe(a);
      expect(side(ops, 'after')).toBe(b);
      const ta = tokenize(a);
      const tb = tokenize(b);
      const kept = diffTokens(ta, tb)
        .filter((o) => o.op === 'equal')
        .reduce((n, o) => n + tokenize(o.text).length, 0);
      expect(kept).toBe(lcs(ta, tb));
    }
  });
});

describe('comparing contents', () => {
  it('the same content compares empty', () => {
    expect(compareDecisionContent(completeContent(), completeContent())).toEqual([]);
  });

  it('reports values, prose word by word and rows by id, in field order', () => {
    const a = completeContent();
    const b = completeContent();
    b.title = 'Übergang Schule–Beruf gemeinsam stärken';
    b.beschlussvorschlag = richDocFromText('Der Lenkungskreis beschließt das geänderte Handlungskonzept.');
    b.verbindlichkeitsstufe = 'oeffentlich_rechtliche_vereinbarung';
    b.goals[0] = { ...b.goals[0]!, owner: 'Schulamt' };
    b.costs.push({ id: 'k2', label: 'Sachmittel', category: 'sach', amountEur: 5000, period: '2027', fundedBy: 'Land' });
    b.measures = [b.measures[1]!, b.measures[0]!, ...b.measures.slice(2, 3)];
    const changes = compareDecisionContent(a, b);
    expect(changes.map((c) => c.field)).toEqual(['title', 'beschlussvorschlag', 'goals', 'measures', 'verbindlichkeitsstufe', 'costs']);
    const title = changes[0]!;
    expect(title.kind === 'value' && title.words).toContainEqual({ op: 'insert', text: 'gemeinsam ' });
    const prose = changes[1]!;
    expect(prose.kind).toBe('prose');
    expect(prose.kind === 'prose' && prose.words.filter((w) => w.op !== 'equal')).toEqual([
      { op: 'insert', text: 'geänderte ' },
    ]);
    const goals = changes[2]!;
    expect(goals.kind === 'rows' && goals.rows).toEqual([
      { id: 'g1', change: 'changed', cells: [{ key: 'owner', before: 'Bildungsbüro', after: 'Schulamt', words: [{ op: 'delete', text: 'Bildungsbüro' }, { op: 'insert', text: 'Schulamt' }] }] },
    ]);
    const measures = changes[3]!;
    expect(measures.kind === 'rows' && measures.rows.map((r) => `${r.change}:${r.id}`)).toEqual(['removed:m3', 'moved:m1', 'moved:m0']);
    const costs = changes[5]!;
    expect(costs.kind === 'rows' && costs.rows).toEqual([{ id: 'k2', change: 'added', after: b.costs[1] }]);
    // The comparison itself is plain JSON (the API sends it).
    expect(() => canonicalJson(changes)).not.toThrow();
  });

  it('covers the Vorlage fields, and a version frozen before they existed compares by their defaults', () => {
    const a = completeContent();
    const b = completeContent();
    b.federfuehrung = 'Jugendamt';
    b.oeffentlichkeit = 'nichtoeffentlich';
    b.datum = '2026-12-15';
    b.beratungsfolge = [...b.beratungsfolge, { id: 'b2', gremium: 'Kreistag', date: '2027-03-01', zustaendigkeit: 'kenntnisnahme' }];
    b.finanzielleAuswirkungen = 'keine';
    b.deckung = '';
    b.anlagen = [{ ...b.anlagen[0]!, title: 'Zielbaum (Stand Dezember)' }];
    const changes = compareDecisionContent(a, b);
    expect(changes.map((c) => c.field)).toEqual(['datum', 'federfuehrung', 'oeffentlichkeit', 'beratungsfolge', 'finanzielleAuswirkungen', 'deckung', 'anlagen']);
    expect(changes.find((c) => c.field === 'beratungsfolge')).toMatchObject({ kind: 'rows', rows: [{ id: 'b2', change: 'added' }] });
    expect(changes.find((c) => c.field === 'anlagen')).toMatchObject({ kind: 'rows', rows: [{ id: 'a1', change: 'changed', cells: [{ key: 'title' }] }] });

    // A content as frozen before: no Vorlage fields at all.
    const old = completeContent() as Partial<DecisionContent>;
    for (const k of ['vorlagenNr', 'datum', 'federfuehrung', 'verfasser', 'oeffentlichkeit', 'betreff', 'beratungsfolge', 'finanzielleAuswirkungen', 'haushaltsjahr', 'produkt', 'deckung', 'folgekosten', 'anlagen'] as const) delete old[k];
    const now = completeContent();
    now.vorlagenNr = '';
    now.datum = null;
    now.verfasser = '';
    now.betreff = '';
    now.beratungsfolge = [{ id: 'gremium', gremium: now.gremium, date: null, zustaendigkeit: 'entscheidung' }];
    now.finanzielleAuswirkungen = null;
    now.haushaltsjahr = '';
    now.produkt = '';
    now.deckung = '';
    now.folgekosten = '';
    now.anlagen = [];
    expect(compareDecisionContent(old as DecisionContent, now).map((c) => c.field)).toEqual(['federfuehrung']);
  });
});
