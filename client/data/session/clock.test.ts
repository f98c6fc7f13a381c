import { describe, expect, it } from 'vitest';
import { addSample, bestSample, CLOCK_SAMPLES_KEPT, displaySeconds, formatClock, sampleFromPing } from './clock';

describe('clock offset', () => {
  it('takes the answer as halfway through the round trip', () => {
    // Sent at 1000, answered with server time 5060, received at 1100: the server read 5060 at ~1050.
    const s = sampleFromPing(1000, 5060, 1100);
    expect(s.offsetMs).toBe(4010);
    expect(s.rttMs).toBe(100);
  });

  it('prefers the sample with the shortest round trip', () => {
    let samples = addSample([], sampleFromPing(0, 1000, 400));
    samples = addSample(samples, sampleFromPing(1000, 2010, 1020));
    samples = addSample(samples, sampleFromPing(2000, 3100, 2300));
    expect(bestSample(samples)?.rttMs).toBe(20);
    expect(bestSample(samples)?.offsetMs).toBe(1000);
  });

  it('keeps only the newest samples', () => {
    let samples = addSample([], sampleFromPing(0, 0, 1));
    for (let i = 1; i <= CLOCK_SAMPLES_KEPT; i++) samples = addSample(samples, sampleFromPing(i * 100, i * 100, i * 100 + 50));
    expect(samples).toHaveLength(CLOCK_SAMPLES_KEPT);
    expect(bestSample(samples)?.rttMs).toBe(50);
  });

  it('has no estimate without samples', () => {
    expect(bestSample([])).toBeNull();
  });
});

describe('timer display', () => {
  it('rounds remaining time up to whole seconds', () => {
    expect(displaySeconds(0)).toBe(0);
    expect(displaySeconds(-500)).toBe(0);
    expect(displaySeconds(1)).toBe(1);
    expect(displaySeconds(1000)).toBe(1);
    expect(displaySeconds(1001)).toBe(2);
  });

  it('formats mm:ss', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(65)).toBe('01:05');
    expect(formatClock(75 * 60)).toBe('75:00');
  });
});
