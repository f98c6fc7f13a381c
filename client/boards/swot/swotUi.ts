import type { TFunction } from 'i18next';
import type { Assessment, CardColor, Evidence, SwotCard, SwotQuadrant, Timing } from '../../../shared/schema/swot';

/**
 * Card colours as light backgrounds with a stronger edge: text on them stays dark (well above
 * 4.5:1), and the edge keeps cards distinguishable for people who see colours differently.
 */
export const CARD_COLOR_STYLE: Record<CardColor, { background: string; edge: string }> = {
  yellow: { background: '#FFF3C4', edge: '#A66F00' },
  green: { background: '#DDF2E3', edge: '#1E7A3C' },
  blue: { background: '#DCE8FA', edge: '#1A3DA5' },
  pink: { background: '#FBE1EC', edge: '#A3195B' },
  orange: { background: '#FFE3CC', edge: '#B04A00' },
  grey: { background: '#ECEDF1', edge: '#5A607F' },
};

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 3 }).format(value);
}

/** "Beleg: Schulabbrüche 6,2 % (2023, Bildungsmonitoring)". */
export function evidenceLine(t: TFunction, evidence: Evidence, lang: string): string {
  const value = evidence.value === null ? '' : `${formatNumber(evidence.value, lang)}${evidence.unit ? ` ${evidence.unit}` : ''}`;
  const main = [evidence.indicator, value].filter((s) => s !== '').join(': ');
  const extra = [evidence.year === null ? '' : String(evidence.year), evidence.source].filter((s) => s !== '').join(', ');
  return `${main}${extra ? ` (${extra})` : ''}`;
}

export function timingLabel(t: TFunction, timing: Timing, lang: string): string {
  if (typeof timing === 'string') return t(`swot.timing.${timing}`);
  const [y, m, d] = timing.date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).toLocaleDateString(lang === 'en' ? 'en-GB' : 'de-DE', { timeZone: 'UTC' });
}

/** The assessment of an external factor as short labelled parts, or [] when nothing is judged. */
export function assessmentParts(t: TFunction, a: Assessment, lang: string): string[] {
  const parts: string[] = [];
  if (a.probability) parts.push(`${t('swot.assessment.probabilityShort')}: ${t(`swot.levels.${a.probability}`)}`);
  if (a.timing) parts.push(`${t('swot.assessment.timingShort')}: ${timingLabel(t, a.timing, lang)}`);
  if (a.impact) parts.push(`${t('swot.assessment.impactShort')}: ${t(`swot.levels.${a.impact}`)}`);
  return parts;
}

export function cardSummary(card: SwotCard, max = 40): string {
  const text = card.text.trim().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function quadrantName(t: TFunction, q: SwotQuadrant): string {
  return t(`swot.quadrants.${q}.name`);
}

/** The card's author and the authors of the duplicates merged into it, each once. */
export function cardAuthors(card: SwotCard): string[] {
  const names: string[] = [card.createdBy.displayName];
  for (const m of card.mergedFrom) if (!names.includes(m.createdBy.displayName)) names.push(m.createdBy.displayName);
  return names;
}
