import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, canEdit, formatJoinCode, isJoinCodeShaped, normalizeJoinCode } from './domain';

describe('join code handling', () => {
  it('normalises what people type', () => {
    expect(normalizeJoinCode(' abc-def ')).toBe('ABCDEF');
    expect(normalizeJoinCode('ab c d-ef')).toBe('ABCDEF');
  });

  it('formats for the projector and round-trips through normalisation', () => {
    expect(formatJoinCode('ABCDEF')).toBe('ABC-DEF');
    expect(normalizeJoinCode(formatJoinCode('XYZ234'))).toBe('XYZ234');
  });

  it('excludes characters that are easily confused', () => {
    for (const ch of '01OIL') expect(JOIN_CODE_ALPHABET).not.toContain(ch);
    expect(isJoinCodeShaped('ABCDE0', 6)).toBe(false);
    expect(isJoinCodeShaped('ABCDEF', 6)).toBe(true);
    expect(isJoinCodeShaped('ABCDE', 6)).toBe(false);
  });

  it('lets only moderators and participants edit', () => {
    expect(canEdit('moderator')).toBe(true);
    expect(canEdit('participant')).toBe(true);
    expect(canEdit('observer')).toBe(false);
  });
});
