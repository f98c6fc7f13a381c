/** Small formatting helpers for vote results. */
import type { TFunction } from 'i18next';
import type { RoundDefinition, RoundOption, VotingMethod } from '../../shared/votes';

export function numberFormat(language: string, maxFraction = 2): Intl.NumberFormat {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: maxFraction });
}

/** The option's label; the automatic status-quo option in the reader's language. */
export function optionLabel(t: TFunction, option: RoundOption | undefined): string {
  if (!option) return '?';
  return option.statusQuo ? t('votes.statusQuo') : option.label;
}

export function optionById(def: RoundDefinition, id: string): RoundOption | undefined {
  return def.options.find((o) => o.id === id);
}

export function methodLabel(t: TFunction, method: VotingMethod): string {
  return t(`votes.methods.${method}.name`);
}
