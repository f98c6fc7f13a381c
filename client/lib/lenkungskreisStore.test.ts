import { describe, expect, it } from 'vitest';
import { parseStoredMember } from './lenkungskreisStore';

const member = { id: 'm1', displayName: 'Dr. Weber', createdAt: '2026-11-26T10:00:00.000Z', revokedAt: null };

describe('parseStoredMember', () => {
  it('reads back what was saved', () => {
    expect(parseStoredMember(JSON.stringify({ token: 't'.repeat(43), member }))).toEqual({ token: 't'.repeat(43), member });
  });
  it('treats missing, malformed or incomplete entries as no member', () => {
    expect(parseStoredMember(null)).toBeUndefined();
    expect(parseStoredMember('{')).toBeUndefined();
    expect(parseStoredMember(JSON.stringify({ token: '', member }))).toBeUndefined();
    expect(parseStoredMember(JSON.stringify({ token: 'x', member: { id: 'm1' } }))).toBeUndefined();
    expect(parseStoredMember(JSON.stringify({ token: 'x' }))).toBeUndefined();
  });
});
