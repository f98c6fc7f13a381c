/**
 * Controlling of goal attainment: where an indicator stands against the path from its baseline to
 * its target by the deadline ("Es muss ein laufendes Controlling des Zielerreichungsgrades … stattfinden").
 *
 * The rule, in full (the same words stand in the UI's explanation and in docs/controlling.md):
 * 1. The **path** runs in a straight line from the baseline (value and the date it applies to) to
 *    the target value at the deadline.
 * 2. The **state** is judged on the latest measured value (by date):
 *    - without baseline, target or deadline the indicator cannot be judged: `unvollstaendig`;
 *    - without a measured value: `keine_werte`;
 *    - the target is reached (at or beyond it in the wanted direction; for a level to be held,
 *      within 5 % of it): `erreicht`;
 *    - the deadline has passed and the target is not reached: `nicht_auf_kurs`;
 *    - otherwise the **shortfall** is how far the value lags behind the path at its date, as a
 *      share of the whole distance from baseline to target (negative when ahead):
 *      up to 5 % `auf_kurs`, up to 20 % `gefaehrdet`, more `nicht_auf_kurs`;
 *    - a level to be held (baseline = target) is `erreicht` within 5 % of it, `gefaehrdet` within
 *      15 %, else `nicht_auf_kurs`.
 * Falling indicators (a dropout rate to be halved) work the same way: the wanted direction is
 * from the baseline towards the target.
 */

export const ATTAINMENT_STATES = ['auf_kurs', 'gefaehrdet', 'nicht_auf_kurs', 'erreicht', 'keine_werte', 'unvollstaendig'] as const;
export type AttainmentState = (typeof ATTAINMENT_STATES)[number];

/** Shortfall (share of the whole distance) up to which an indicator is on course, and at risk. */
export const ON_COURSE_SHORTFALL = 0.05;
export const AT_RISK_SHORTFALL = 0.2;
/** For a level to be held: deviation (share of the target) up to which it is held, and at risk. */
export const HOLD_ON_COURSE = 0.05;
export const HOLD_AT_RISK = 0.15;

export interface MeasuredValue {
  /** ISO date `YYYY-MM-DD`. */
  readonly date: string;
  readonly value: number;
}

export interface IndicatorPlan {
  readonly baseline: number | null;
  /** The date the baseline applies to (ISO); the path starts here. */
  readonly baselineDate: string | null;
  readonly target: number | null;
  /** ISO date by which the target is to be reached. */
  readonly deadline: string | null;
}

export interface Attainment {
  readonly state: AttainmentState;
  /** The value judged (the latest by date), if any. */
  readonly latest: MeasuredValue | null;
  /** Where the path stands at the latest value's date. */
  readonly expected: number | null;
  /** Share of the whole distance the latest value lags behind the path (negative: ahead). */
  readonly shortfall: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** The path's value at `date`: linear from (baselineDate, baseline) to (deadline, target), held after the deadline. */
export function pathValue(plan: IndicatorPlan, date: string): number | null {
  const { baseline, baselineDate, target, deadline } = plan;
  if (baseline === null || target === null || baselineDate === null || deadline === null) return null;
  const span = dayNumber(deadline) - dayNumber(baselineDate);
  if (span <= 0) return target;
  const t = Math.min(1, Math.max(0, (dayNumber(date) - dayNumber(baselineDate)) / span));
  return baseline + (target - baseline) * t;
}

/** The latest value by date (on equal dates, the one listed last). */
export function latestValue(values: readonly MeasuredValue[]): MeasuredValue | null {
  let latest: MeasuredValue | null = null;
  for (const v of values) if (!latest || v.date >= latest.date) latest = v;
  return latest;
}

/** Judges an indicator by the rule above; `today` (ISO date) decides whether the deadline has passed. */
export function attainment(plan: IndicatorPlan, values: readonly MeasuredValue[], today: string): Attainment {
  const { baseline, baselineDate, target, deadline } = plan;
  const latest = latestValue(values);
  if (baseline === null || target === null || baselineDate === null || deadline === null) return { state: 'unvollstaendig', latest, expected: null, shortfall: null };
  if (!latest) return { state: 'keine_werte', latest: null, expected: null, shortfall: null };
  const expected = pathValue(plan, latest.date);
  const direction = Math.sign(target - baseline);
  if (direction === 0) {
    const deviation = Math.abs(latest.value - target) / Math.max(Math.abs(target), Number.EPSILON);
    const state: AttainmentState = deviation <= HOLD_ON_COURSE ? 'erreicht' : deviation <= HOLD_AT_RISK ? 'gefaehrdet' : 'nicht_auf_kurs';
    return { state, latest, expected, shortfall: deviation };
  }
  if ((latest.value - target) * direction >= 0) return { state: 'erreicht', latest, expected, shortfall: 0 };
  const shortfall = ((expected! - latest.value) * direction) / Math.abs(target - baseline);
  if (today > deadline || latest.date >= deadline) return { state: 'nicht_auf_kurs', latest, expected, shortfall };
  const state: AttainmentState = shortfall <= ON_COURSE_SHORTFALL ? 'auf_kurs' : shortfall <= AT_RISK_SHORTFALL ? 'gefaehrdet' : 'nicht_auf_kurs';
  return { state, latest, expected, shortfall };
}
