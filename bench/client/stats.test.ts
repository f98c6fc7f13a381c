import { describe, expect, it } from 'vitest';
import { clippedTotal, latencyFigures, quantile, typingFigures, type EventEntry } from './stats';

const entry = (name: string, interactionId: number, duration: number, startTime = 0): EventEntry => ({
  name,
  interactionId,
  duration,
  startTime,
  processingStart: startTime,
  processingEnd: startTime,
});

describe('quantile', () => {
  it('uses the nearest rank', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantile(xs, 0.95)).toBe(19);
    expect(quantile(xs, 0.5)).toBe(10);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('typingFigures', () => {
  it('takes the longest event of each keystroke and counts keystrokes without an entry as 16 ms', () => {
    const entries = [entry('keydown', 1, 40), entry('keyup', 1, 24), entry('input', 0, 120), entry('keydown', 2, 200), entry('click', 3, 500)];
    const f = typingFigures(entries, 4);
    expect(f.entries).toBe(4); // the click is no typing event
    expect(f.withoutEntry).toBe(2);
    expect([...f.perKeystroke].sort((a, b) => a - b)).toEqual([16, 16, 40, 200]);
    expect(f.max).toBe(200);
    expect(f.maxEntry).toBe(200);
    expect(f.p95).toBe(200);
  });
});

describe('clippedTotal', () => {
  it('counts only the part of each task inside the window', () => {
    expect(clippedTotal([{ startTime: 0, duration: 100 }, { startTime: 150, duration: 20 }, { startTime: 190, duration: 100 }], 50, 200)).toBe(50 + 20 + 10);
  });
});

describe('latencyFigures', () => {
  it('times an edit the page never showed on its own by the later edit that replaced it', () => {
    const sent = [1000, 1250, 1500];
    const f = latencyFigures(sent, { '11': 1300, '12': 1560 }, 10);
    expect(f.values).toEqual([300, 50, 60]);
    expect(f.seen).toBe(2);
    expect(f.superseded).toBe(1);
    expect(f.missing).toBe(0);
  });

  it('reports edits that never showed as missing', () => {
    const f = latencyFigures([1000, 1250], { '0': 1010 });
    expect(f.values).toEqual([10]);
    expect(f.missing).toBe(1);
  });
});
