import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, isJoinCodeShaped } from '../../shared/domain';
import { hashToken, newId, newJoinCode, newToken } from './tokens';

describe('tokens', () => {
  it('are 256-bit base64url secrets, never repeated', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const t = newToken();
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(1000);
  });

  it('are stored only as a stable hash that differs from the token', () => {
    const t = newToken();
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).not.toBe(t);
    expect(hashToken(t)).not.toBe(hashToken(newToken()));
  });

  it('ids are URL-safe and fit the document-name pattern', () => {
    expect(newId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('join codes', () => {
  it('use only the unambiguous alphabet, with every character reachable', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const code = newJoinCode(JOIN_CODE_LENGTH);
      expect(isJoinCodeShaped(code, JOIN_CODE_LENGTH)).toBe(true);
      for (const ch of code) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe([...JOIN_CODE_ALPHABET].sort().join(''));
    // 18,000 draws over 31 characters: each ≈ 580; a biased generator would stray far.
    for (const n of counts.values()) expect(n).toBeGreaterThan(450);
  });
});
