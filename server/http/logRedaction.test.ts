import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from './logRedaction';

describe('redactSecrets', () => {
  it('replaces codes in join paths and every query value but harmless ones', () => {
    expect(redactUrl('/api/join/ABCDEF')).toBe('/api/join/[redacted]');
    expect(redactUrl('/api/lenkungskreis/join/abc_DEF-123')).toBe('/api/lenkungskreis/join/[redacted]');
    expect(redactUrl('/join/abc-def?x=1')).toBe('/join/[redacted]?x=[redacted]');
    expect(redactUrl('/yjs/s1:notes?token=abc&v=1')).toBe('/yjs/s1:notes?token=[redacted]&v=1');
    expect(redactUrl('/api/lenkungskreis/inbox?status=uebergeben')).toBe('/api/lenkungskreis/inbox?status=uebergeben');
    expect(redactUrl('/api/join')).toBe('/api/join');
    expect(redactUrl('/api/sessions/abc')).toBe('/api/sessions/abc');
  });

  it('replaces credentials in header-like text and invitation fragments', () => {
    expect(redactSecrets('authorization: Bearer abc.DEF_123')).toBe('authorization: Bearer [redacted]');
    expect(redactSecrets('cookie: werkraum_login=xyz; other=1')).toBe('cookie: werkraum_login=[redacted]; other=1');
    expect(redactSecrets('https://w.de/lenkungskreis/einladung#c0de')).toBe('https://w.de/lenkungskreis/einladung#[redacted]');
  });

  it('is stable when applied twice', () => {
    const once = redactSecrets('{"url":"/api/join/ABCDEF?token=x"}');
    expect(redactSecrets(once)).toBe(once);
  });
});
