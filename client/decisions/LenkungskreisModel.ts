/**
 * Pure helpers of the Lenkungskreis views: invitation states, the outcomes a member may record,
 * the decision form's checks, short hashes and the invitation code from a link's fragment.
 * No DOM, no React: unit-tested in LenkungskreisModel.test.ts.
 */
import { DECISION_OUTCOMES, FINAL_STATUSES, type DecisionContent, type DecisionOutcome, type DraftStatus } from '../../shared/decision';
import { DecisionLimits, type LenkungskreisInvitation } from '../../shared/decisionApi';
import { richPlainText } from '../../shared/richText';

export type InvitationState = 'open' | 'used' | 'expired';

/** Used wins over expired: a redeemed invitation stays "used" after its validity ends. */
export function invitationState(inv: Pick<LenkungskreisInvitation, 'usedAt' | 'expiresAt'>, now: Date = new Date()): InvitationState {
  if (inv.usedAt !== null) return 'used';
  return Date.parse(inv.expiresAt) <= now.getTime() ? 'expired' : 'open';
}

/** The first 12 hex digits of a content hash: enough to tell versions apart when reading aloud. */
export function shortHash(hash: string, length = 12): string {
  return hash.slice(0, length);
}

/** The decision outcomes the server offers this caller now, in the order of DECISION_OUTCOMES. */
export function offeredOutcomes(nextStatuses: readonly DraftStatus[]): DecisionOutcome[] {
  return DECISION_OUTCOMES.filter((o) => nextStatuses.includes(o));
}

/** True when the draft reached a decision after which nothing changes any more. */
export function isFinal(status: DraftStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** The version's Beschlussvorschlag as plain text, to prefill the resolution text. */
export function proposalText(content: Pick<DecisionContent, 'beschlussvorschlag'>): string {
  return richPlainText(content.beschlussvorschlag).trim();
}

export interface DecisionInput {
  outcome: DecisionOutcome | '';
  decidedOn: string;
  resolutionText: string;
  conditions: string;
}

export type DecisionFieldError = 'required' | 'invalid' | 'tooLong' | 'unchanged';
export type DecisionErrors = Partial<Record<keyof DecisionInput, DecisionFieldError>>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (no 31 February). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Text compared as words: line breaks and spacing do not make a change. */
export function sameWording(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/**
 * The same rules as RecordDecisionRequest on the server, as field errors for the form.
 * `proposal`: the proposal's text; "geändert beschlossen" with exactly that text is refused.
 */
export function validateDecision(input: DecisionInput, proposal?: string): DecisionErrors {
  const errors: DecisionErrors = {};
  if (input.outcome === '') errors.outcome = 'required';
  if (input.decidedOn.trim() === '') errors.decidedOn = 'required';
  else if (!isIsoDate(input.decidedOn.trim())) errors.decidedOn = 'invalid';
  const text = input.resolutionText.trim();
  if (text.length > DecisionLimits.resolutionMaxLength) errors.resolutionText = 'tooLong';
  else if (input.outcome === 'geaendert_beschlossen' && text === '') errors.resolutionText = 'required';
  else if (input.outcome === 'geaendert_beschlossen' && proposal !== undefined && sameWording(text, proposal)) errors.resolutionText = 'unchanged';
  if (input.conditions.trim().length > DecisionLimits.conditionsMaxLength) errors.conditions = 'tooLong';
  return errors;
}

/** The invitation code from `location.hash` (`#<code>`), or '' when there is none. */
export function invitationCodeFromHash(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/** Whole days 1…60 from what a person typed; null when it is not such a number. */
export function parseValidDays(value: string): number | null {
  if (!/^\s*\d+\s*$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= DecisionLimits.invitationMaxDays ? n : null;
}

export type BadgeVariant = 'info' | 'success' | 'warning' | 'danger';

/** KERN badge colour of a draft status: decided green, refused red, waiting yellow, open blue. */
export function statusVariant(status: DraftStatus): BadgeVariant {
  switch (status) {
    case 'beschlossen':
    case 'geaendert_beschlossen':
      return 'success';
    case 'abgelehnt':
      return 'danger';
    case 'zurueckgestellt':
    case 'zurueckverwiesen':
      return 'warning';
    default:
      return 'info';
  }
}

/** An ISO timestamp for people, in the browser's time zone ("26.11.2026, 10:15"). */
export function formatDateTime(iso: string, lang: string, style: 'medium' | 'long' = 'medium'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: style, timeStyle: 'short' }).format(d);
}
