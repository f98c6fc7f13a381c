import { describe, expect, it } from 'vitest';
import { MAX_LINK_LENGTH, safeLinkTarget } from './links';

describe('safeLinkTarget', () => {
  it.each([
    ['https://www.bildung.nrw.de/schule', 'https://www.bildung.nrw.de/schule'],
    ['http://example.org', 'http://example.org'],
    ['HTTPS://Example.org/Pfad?a=1#x', 'https://Example.org/Pfad?a=1#x'],
    ['  https://example.org/  ', 'https://example.org/'],
    ['https://de.wikipedia.org/wiki/Übergang', 'https://de.wikipedia.org/wiki/Übergang'],
    ['mailto:bildungsbuero@kreis.de', 'mailto:bildungsbuero@kreis.de'],
    ['MAILTO:a@b.de?subject=Vorlage', 'mailto:a@b.de?subject=Vorlage'],
  ])('keeps %j', (input, expected) => {
    expect(safeLinkTarget(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'blob:https://example.org/1',
    'ftp://example.org',
    'tel:+4930123',
    '//evil.example/x',
    '/relative/path',
    '../up',
    '#anchor',
    '?q=1',
    'example.org',
    'https://',
    'https:/example.org',
    'https:\\\\evil.example',
    'https://evil.example/\\x',
    'https://exa mple.org',
    'https://example.org/\u202egnp.exe',
    'https://example.org/\u200bx',
    'mailto:',
    '',
    `https://example.org/${'a'.repeat(MAX_LINK_LENGTH)}`,
  ])('refuses %j', (input) => {
    expect(safeLinkTarget(input)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const v of [null, undefined, 42, { href: 'https://x.de' }, ['https://x.de']]) expect(safeLinkTarget(v)).toBeNull();
  });
});
