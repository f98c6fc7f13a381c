import type { TFunction } from 'i18next';
import type { GoalNode, MeasurabilityGap } from '../../../shared/schema/goals';

/** The node's title for lists and messages, with a placeholder when nobody named it yet. */
export function goalTitle(t: TFunction, node: Pick<GoalNode, 'title'> | undefined): string {
  const title = node?.title.trim() ?? '';
  return title === '' ? t('goals.outline.untitled') : title;
}

/** "kein Indikator, keine Verantwortung" */
export function gapList(t: TFunction, gaps: readonly MeasurabilityGap[]): string {
  return gaps.map((g) => t(`goals.gaps.${g}`)).join(', ');
}

/** Parses a number as people type it here: "12,5", "1.234,5", "12.5", " 40 ". Null for empty; NaN when invalid. */
export function parseNumber(input: string): number | null {
  const s = input.trim().replace(/\s/g, '');
  if (s === '') return null;
  let normalised = s;
  if (s.includes(',')) normalised = s.replace(/\./g, '').replace(',', '.');
  return /^[-+]?\d*\.?\d+$/.test(normalised) ? Number(normalised) : Number.NaN;
}

export function formatNumber(value: number | null, lang: string): string {
  if (value === null) return '';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 6, useGrouping: false }).format(value);
}
