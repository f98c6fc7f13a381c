// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { combineConnections } from './syncedDoc';
import { forgetUnsent, isForeground, markForeground, readUnsent, subscribeUnsent, unsentVersion, writeUnsent } from './unsent';

afterEach(() => localStorage.clear());

describe('unsent changes per document', () => {
  it('survive in localStorage and notify only when a document gains or loses unsent changes', () => {
    let calls = 0;
    const stop = subscribeUnsent(() => calls++);
    expect(readUnsent('s1:swot')).toBe(0);
    writeUnsent('s1:swot', 1);
    writeUnsent('s1:swot', 5);
    expect(readUnsent('s1:swot')).toBe(5);
    expect(localStorage.getItem('werkraum.unsent.s1:swot')).toBe('5');
    expect(calls).toBe(1);
    forgetUnsent(['s1:swot', 's1:notes']);
    expect(readUnsent('s1:swot')).toBe(0);
    expect(localStorage.getItem('werkraum.unsent.s1:swot')).toBeNull();
    expect(calls).toBe(2);
    stop();
  });

  it('ignores garbage in storage', () => {
    localStorage.setItem('werkraum.unsent.x', 'viele');
    expect(readUnsent('x')).toBe(0);
    localStorage.setItem('werkraum.unsent.x', '-3');
    expect(readUnsent('x')).toBe(0);
  });

  it('tracks documents shown on the page, counting every holder', () => {
    const v = unsentVersion();
    const release1 = markForeground('s1:notes');
    const release2 = markForeground('s1:notes');
    expect(isForeground('s1:notes')).toBe(true);
    release1();
    expect(isForeground('s1:notes')).toBe(true);
    release2();
    expect(isForeground('s1:notes')).toBe(false);
    expect(unsentVersion()).toBe(v + 4);
  });
});

describe('combineConnections', () => {
  it('shows the worst state and the sum of unsent changes of notes, board and background documents', () => {
    expect(
      combineConnections([
        { status: 'offline', pending: 3 },
        { status: 'offline', pending: 2 },
        { status: 'connecting', pending: 4 },
      ]),
    ).toEqual({ status: 'offline', pending: 9 });
    expect(combineConnections([{ status: 'connected', pending: 0 }, { status: 'reconnecting', pending: 1 }])).toEqual({
      status: 'reconnecting',
      pending: 1,
    });
  });
});
