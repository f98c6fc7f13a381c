import { describe, expect, it } from 'vitest';
import { attainment, latestValue, pathValue, type IndicatorPlan } from './controlling';

// Übergangsquote in Ausbildung: 40 % (Ende 2024) → 60 % bis Ende 2028.
const RISING: IndicatorPlan = { baseline: 40, baselineDate: '2024-12-31', target: 60, deadline: '2028-12-31' };
// Schulabbrecherquote: 8 % → 4 % (a falling indicator).
const FALLING: IndicatorPlan = { baseline: 8, baselineDate: '2024-12-31', target: 4, deadline: '2028-12-31' };

describe('the path from baseline to target', () => {
  it('runs in a straight line and is held after the deadline', () => {
    expect(pathValue(RISING, '2024-12-31')).toBe(40);
    expect(pathValue(RISING, '2028-12-31')).toBe(60);
    expect(pathValue(RISING, '2030-01-01')).toBe(60);
    expect(pathValue(RISING, '2020-01-01')).toBe(40);
    expect(pathValue(RISING, '2026-12-31')).toBeCloseTo(50, 1);
    expect(pathValue({ ...RISING, target: null }, '2026-01-01')).toBeNull();
  });
});

describe('the state of an indicator', () => {
  const today = '2027-01-15';
  it('needs baseline, target and deadline, and a value', () => {
    expect(attainment({ ...RISING, deadline: null }, [{ date: '2026-12-31', value: 50 }], today).state).toBe('unvollstaendig');
    expect(attainment(RISING, [], today).state).toBe('keine_werte');
  });

  it('is on course, at risk or off course by the shortfall behind the path', () => {
    // Halfway in time, the path stands at 50.
    expect(attainment(RISING, [{ date: '2026-12-31', value: 50 }], today)).toMatchObject({ state: 'auf_kurs' });
    expect(attainment(RISING, [{ date: '2026-12-31', value: 49.2 }], today)).toMatchObject({ state: 'auf_kurs' }); // 4 % behind
    expect(attainment(RISING, [{ date: '2026-12-31', value: 47 }], today)).toMatchObject({ state: 'gefaehrdet' }); // 15 % behind
    expect(attainment(RISING, [{ date: '2026-12-31', value: 44 }], today)).toMatchObject({ state: 'nicht_auf_kurs' }); // 30 % behind
    // Ahead of the path.
    expect(attainment(RISING, [{ date: '2026-12-31', value: 55 }], today).shortfall).toBeCloseTo(-0.25, 2);
  });

  it('judges the latest value by date, whatever order they come in', () => {
    const values = [
      { date: '2026-12-31', value: 44 },
      { date: '2025-12-31', value: 45 },
    ];
    expect(latestValue(values)).toEqual({ date: '2026-12-31', value: 44 });
    expect(attainment(RISING, values, today).state).toBe('nicht_auf_kurs');
  });

  it('reads a falling indicator in its own direction', () => {
    expect(attainment(FALLING, [{ date: '2026-12-31', value: 6 }], today).state).toBe('auf_kurs');
    expect(attainment(FALLING, [{ date: '2026-12-31', value: 7 }], today).state).toBe('nicht_auf_kurs');
    // Getting worse than the baseline is off course.
    expect(attainment(FALLING, [{ date: '2025-06-30', value: 9 }], '2025-07-01').state).toBe('nicht_auf_kurs');
    expect(attainment(FALLING, [{ date: '2026-12-31', value: 3.9 }], today).state).toBe('erreicht');
  });

  it('counts a target already met as reached, before and after the deadline', () => {
    expect(attainment(RISING, [{ date: '2025-12-31', value: 61 }], today).state).toBe('erreicht');
    expect(attainment(RISING, [{ date: '2029-03-31', value: 60 }], '2029-04-01').state).toBe('erreicht');
  });

  it('is off course once the deadline has passed without the target', () => {
    expect(attainment(RISING, [{ date: '2028-06-30', value: 59 }], '2029-01-02').state).toBe('nicht_auf_kurs');
    expect(attainment(RISING, [{ date: '2028-12-31', value: 59.9 }], '2028-12-31').state).toBe('nicht_auf_kurs');
  });

  it('judges a level to be held by its deviation', () => {
    const hold: IndicatorPlan = { baseline: 95, baselineDate: '2024-12-31', target: 95, deadline: '2028-12-31' };
    expect(attainment(hold, [{ date: '2026-12-31', value: 93 }], today).state).toBe('erreicht');
    expect(attainment(hold, [{ date: '2026-12-31', value: 85 }], today).state).toBe('gefaehrdet');
    expect(attainment(hold, [{ date: '2026-12-31', value: 70 }], today).state).toBe('nicht_auf_kurs');
  });
});
