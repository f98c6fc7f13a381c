import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './origin';

const policy = { allowedOrigins: ['https://dev.example.org:5173'], publicUrl: 'https://werkraum.kreis.de' };

describe('isOriginAllowed', () => {
  it('allows requests without Origin (non-browser clients)', () => {
    expect(isOriginAllowed(undefined, 'localhost:3000', policy)).toBe(true);
  });
  it('allows the own host, the public URL and listed origins', () => {
    expect(isOriginAllowed('http://localhost:3000', 'localhost:3000', policy)).toBe(true);
    expect(isOriginAllowed('http://LOCALHOST:3000', 'localhost:3000', policy)).toBe(true);
    expect(isOriginAllowed('https://werkraum.kreis.de', '10.0.0.5:3000', policy)).toBe(true);
    expect(isOriginAllowed('https://dev.example.org:5173', 'localhost:3000', policy)).toBe(true);
  });
  it('refuses foreign and malformed origins', () => {
    expect(isOriginAllowed('https://evil.example', 'localhost:3000', policy)).toBe(false);
    expect(isOriginAllowed('http://localhost:3001', 'localhost:3000', policy)).toBe(false);
    expect(isOriginAllowed('http://werkraum.kreis.de', 'localhost:3000', policy)).toBe(false);
    expect(isOriginAllowed('null', 'localhost:3000', policy)).toBe(false);
    expect(isOriginAllowed('https://evil.example', undefined, { allowedOrigins: [] })).toBe(false);
  });
});
