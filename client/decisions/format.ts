/**
 * Pure helpers of the decision-draft UI: finding counts and jump targets, consensus
 * summaries in the reader's language, and the two sides of a word diff.
 */
import type { TFunction } from 'i18next';
import type { CompletenessFinding, ConsensusRecord, DecisionField, DraftSource, SourceRef } from '../../shared/decision';
import { sourceKey } from '../../shared/decision';
import type { WordOp } from '../../shared/decisionDiff';
import { isAttachmentLink, type DecisionProvenance } from '../../shared/schema/decisions';
import type { RoundResult } from '../../shared/votes';
import { formatNumber, parseNumber } from '../boards/goals/labels';

export interface FindingCounts {
  total: number;
  blocking: number;
  warning: number;
  info: number;
}

export function countFindings(findings: readonly CompletenessFinding[]): FindingCounts {
  const out: FindingCounts = { total: findings.length, blocking: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** The element id of a field's section in the editor. */
export function fieldAnchor(field: DecisionField): string {
  return `decision-field-${field}`;
}

/** The element id of a table row in the editor. */
export function rowAnchor(rowId: string): string {
  return `decision-row-${rowId}`;
}

/** Where a finding points: the row it names (goal, measure) if any, else its field's section. */
export function findingTarget(f: CompletenessFinding): string {
  if (f.itemId && (f.id === 'goal_not_measurable' || f.id === 'no_owner')) return rowAnchor(f.itemId);
  return fieldAnchor(f.field);
}

/** The first 12 hex digits of a content hash, as shown next to a version. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

function num(language: string, n: number | null): string {
  if (n === null) return '–';
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 2 }).format(n);
}

/** A consensus record's result in words ("3 Zustimmung, 1 leichte Bedenken, …"). */
export function consensusResultText(t: TFunction, record: Pick<ConsensusRecord, 'result'>, language: string): string {
  const r = record.result;
  switch (r.method) {
    case 'punktabfrage':
      return t('decisions.results.punktabfrage', { count: r.dots, dots: r.dots, rank: r.rank, options: r.options });
    case 'widerstandsabfrage':
      return t('decisions.results.widerstandsabfrage', { total: r.total, mean: num(language, r.mean), rank: r.rank, options: r.options });
    case 'konsenscheck':
      return t('decisions.results.konsenscheck', { zustimmung: r.zustimmung, leichte: r.leichte_bedenken, schwere: r.schwere_bedenken, veto: r.veto });
    case 'meinungsbild':
      return t('decisions.results.meinungsbild', { dafuer: r.dafuer, unentschieden: r.unentschieden, dagegen: r.dagegen });
    case 'totals': {
      // A board's result slot: each number with its label ("Punkte: 3, Rang: 2"); a key without
      // a label is left out, never shown raw.
      const labels = t('priorities.vote.totals', { returnObjects: true }) as Record<string, string> | string;
      const known = typeof labels === 'object' ? labels : {};
      const text = Object.entries(r.totals)
        .filter(([k]) => Object.hasOwn(known, k))
        .map(([k, v]) => `${known[k]}: ${num(language, v)}`)
        .join(', ');
      return t('decisions.results.totals', { text: text || '–' });
    }
    case 'withheld':
      return t('decisions.results.withheld', { min: r.minVoters });
  }
}

/** One option's result in a closed round, in words (for the source picker). */
export function roundOptionResultText(t: TFunction, round: RoundResult, optionId: string, language: string): string {
  const tally = round.tally;
  if (!tally) return t('decisions.results.withheld', { min: round.minVoters });
  switch (tally.method) {
    case 'punktabfrage': {
      const o = tally.options.find((x) => x.optionId === optionId);
      return o ? t('decisions.results.punktabfrage', { count: o.dots, dots: o.dots, rank: o.rank, options: tally.options.length }) : '';
    }
    case 'widerstandsabfrage': {
      const o = tally.options.find((x) => x.optionId === optionId);
      return o ? t('decisions.results.widerstandsabfrage', { total: o.total, mean: num(language, o.mean), rank: o.rank, options: tally.options.length }) : '';
    }
    case 'konsenscheck': {
      const o = tally.options.find((x) => x.optionId === optionId);
      return o
        ? t('decisions.results.konsenscheck', {
            zustimmung: o.counts.zustimmung,
            leichte: o.counts.leichte_bedenken,
            schwere: o.counts.schwere_bedenken,
            veto: o.counts.veto,
          })
        : '';
    }
    case 'meinungsbild': {
      const o = tally.options.find((x) => x.optionId === optionId);
      return o ? t('decisions.results.meinungsbild', { dafuer: o.counts.dafuer, unentschieden: o.counts.unentschieden, dagegen: o.counts.dagegen }) : '';
    }
  }
}

/** What the server recorded about a row's source: the picked item and its consensus records. */
export function rowProvenance(
  row: { source: SourceRef | null; consensusIds?: readonly string[] },
  provenance: DecisionProvenance,
): { source: DraftSource | undefined; records: ConsensusRecord[] } {
  const source = row.source ? provenance.sources.find((s) => sourceKey(s.ref) === sourceKey(row.source!)) : undefined;
  const ids = new Set([...(row.consensusIds ?? []), ...(source?.consensusIds ?? [])]);
  return { source, records: provenance.consensus.filter((r) => ids.has(r.id)) };
}

/**
 * The two sides of a word diff for a side-by-side view: the left shows what was (equal and
 * deleted words), the right what is (equal and inserted words).
 */
export function diffSides(words: readonly WordOp[]): { before: WordOp[]; after: WordOp[] } {
  return { before: words.filter((w) => w.op !== 'insert'), after: words.filter((w) => w.op !== 'delete') };
}

/** A short line for a row object of a comparison (its title, name, text, label or actor). */
export function rowSummary(row: unknown): string {
  if (typeof row !== 'object' || row === null) return String(row ?? '');
  const r = row as Record<string, unknown>;
  for (const key of ['title', 'name', 'text', 'label', 'actor', 'optionLabel', 'roundTitle']) {
    const v = r[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  if (typeof r.ref === 'object' && r.ref !== null) return sourceKey(r.ref as SourceRef);
  return typeof r.id === 'string' ? r.id : '';
}

/** A cell or value of a comparison as text. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  return rowSummary(value) || JSON.stringify(value);
}

/** An ISO timestamp as date and time in the reader's language ("26.11.2026, 10:15"). */
export function formatDateTime(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** The kinds of table cells of a draft. */
export type ColumnKind = 'text' | 'number' | 'int' | 'date' | 'enum' | 'link';

/** A cell's value as the input shows it (numbers in the reader's notation). */
export function cellText(kind: ColumnKind, value: unknown, language: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return kind === 'int' ? String(value) : formatNumber(value, language);
  return String(value);
}

/**
 * Parses what was typed into a cell: `null` clears it, `undefined` means "not a valid value
 * (yet)" — the person is still typing, nothing is written.
 */
export function parseCell(kind: ColumnKind, text: string): unknown {
  const s = text.trim();
  switch (kind) {
    case 'text':
      return text;
    case 'link':
      // Written only once it is an http(s) address (or cleared): the rules refuse anything else.
      return isAttachmentLink(s) ? s : undefined;
    case 'enum':
    case 'date':
      return s === '' ? null : s;
    case 'number': {
      const n = parseNumber(s);
      return n === null || Number.isFinite(n) ? n : undefined;
    }
    case 'int': {
      if (s === '') return null;
      return /^[-+]?\d+$/.test(s) ? Number(s) : undefined;
    }
  }
}
