import { describe, expect, it } from 'vitest';
import { DecisionLimits } from '../../shared/decisionApi';
import { richDocFromText } from '../../shared/richText';
import {
  invitationCodeFromHash,
  invitationState,
  isFinal,
  isIsoDate,
  offeredOutcomes,
  parseValidDays,
  proposalText,
  shortHash,
  statusVariant,
  validateDecision,
} from './LenkungskreisModel';

const now = new Date('2026-11-26T10:00:00Z');

describe('invitationState', () => {
  it('is open before it expires, expired after, used once redeemed (even when expired since)', () => {
    expect(invitationState({ usedAt: null, expiresAt: '2026-12-10T10:00:00Z' }, now)).toBe('open');
    expect(invitationState({ usedAt: null, expiresAt: '2026-11-26T10:00:00Z' }, now)).toBe('expired');
    expect(invitationState({ usedAt: null, expiresAt: '2026-11-01T00:00:00Z' }, now)).toBe('expired');
    expect(invitationState({ usedAt: '2026-11-02T00:00:00Z', expiresAt: '2026-11-03T00:00:00Z' }, now)).toBe('used');
  });
});

describe('offeredOutcomes', () => {
  it('keeps only decision outcomes, in workflow order', () => {
    expect(offeredOutcomes(['abgelehnt', 'in_beratung', 'beschlossen', 'zurueckverwiesen'])).toEqual(['beschlossen', 'abgelehnt', 'zurueckverwiesen']);
    expect(offeredOutcomes(['in_beratung'])).toEqual([]);
  });
});

describe('validateDecision', () => {
  const base = { outcome: 'beschlossen' as const, decidedOn: '2026-12-10', resolutionText: '', conditions: '' };
  it('accepts a plain resolution without text (the server takes the proposal)', () => {
    expect(validateDecision(base)).toEqual({});
  });
  it('needs an outcome and a real date', () => {
    expect(validateDecision({ ...base, outcome: '' })).toEqual({ outcome: 'required' });
    expect(validateDecision({ ...base, decidedOn: '' })).toEqual({ decidedOn: 'required' });
    expect(validateDecision({ ...base, decidedOn: '2026-02-31' })).toEqual({ decidedOn: 'invalid' });
    expect(validateDecision({ ...base, decidedOn: '10.12.2026' })).toEqual({ decidedOn: 'invalid' });
  });
  it('needs the text as decided for a changed resolution', () => {
    expect(validateDecision({ ...base, outcome: 'geaendert_beschlossen', resolutionText: '   ' })).toEqual({ resolutionText: 'required' });
    expect(validateDecision({ ...base, outcome: 'geaendert_beschlossen', resolutionText: 'Neu gefasst' })).toEqual({});
  });
  it('refuses "geändert beschlossen" with the proposal unchanged (spacing aside)', () => {
    const proposal = 'Der Lenkungskreis Bildung beschließt:\n- die Praktikumsbörse';
    const changed = { ...base, outcome: 'geaendert_beschlossen' as const };
    expect(validateDecision({ ...changed, resolutionText: `  Der Lenkungskreis Bildung  beschließt: - die\nPraktikumsbörse ` }, proposal)).toEqual({ resolutionText: 'unchanged' });
    expect(validateDecision({ ...changed, resolutionText: `${proposal} bis 2028` }, proposal)).toEqual({});
    // A plain "beschlossen" may keep the proposal's words.
    expect(validateDecision({ ...base, resolutionText: proposal }, proposal)).toEqual({});
  });
  it('refuses texts over the server limits', () => {
    expect(validateDecision({ ...base, resolutionText: 'x'.repeat(DecisionLimits.resolutionMaxLength + 1) })).toEqual({ resolutionText: 'tooLong' });
    expect(validateDecision({ ...base, conditions: 'x'.repeat(DecisionLimits.conditionsMaxLength + 1) })).toEqual({ conditions: 'tooLong' });
  });
});

describe('small helpers', () => {
  it('isIsoDate knows the calendar', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
  });
  it('reads the code from the fragment', () => {
    expect(invitationCodeFromHash('#abc_DEF-123')).toBe('abc_DEF-123');
    expect(invitationCodeFromHash('')).toBe('');
    expect(invitationCodeFromHash('#%E0%A4%A')).toBe('%E0%A4%A');
    expect(invitationCodeFromHash('#%20x%20')).toBe('x');
  });
  it('parses validity days within 1…60', () => {
    expect(parseValidDays('14')).toBe(14);
    expect(parseValidDays(' 60 ')).toBe(60);
    expect(parseValidDays('0')).toBeNull();
    expect(parseValidDays('61')).toBeNull();
    expect(parseValidDays('1.5')).toBeNull();
    expect(parseValidDays('')).toBeNull();
  });
  it('shortens hashes, knows final statuses and badge colours', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
    expect(isFinal('beschlossen')).toBe(true);
    expect(isFinal('zurueckgestellt')).toBe(false);
    expect(statusVariant('abgelehnt')).toBe('danger');
    expect(statusVariant('geaendert_beschlossen')).toBe('success');
    expect(statusVariant('uebergeben')).toBe('info');
  });
  it('prefills the resolution with the proposal as plain text', () => {
    const doc = { type: 'doc' as const, content: [...richDocFromText('Der Lenkungskreis beschließt:').content, { type: 'bulletList' as const, content: [{ type: 'listItem' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Praktikumsbörse' }] }] }] }] };
    expect(proposalText({ beschlussvorschlag: doc })).toBe('Der Lenkungskreis beschließt:\n- Praktikumsbörse');
  });
});
