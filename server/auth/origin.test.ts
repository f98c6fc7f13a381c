import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isOriginAllowed, requestOriginResolver } from './origin';

const policy = { allowedOrigins: ['https://dev.example.org:5173'], publicUrl: 'https://werkraum.kreis.de' };
const none = { allowedOrigins: [] };

describe('isOriginAllowed', () => {
  it('allows requests without Origin (non-browser clients)', () => {
    expect(isOriginAllowed(undefined, 'http://localhost:3000', policy)).toBe(true);
  });

  it('allows the own origin, the public URL and listed origins', () => {
    expect(isOriginAllowed('http://localhost:3000', 'http://localhost:3000', policy)).toBe(true);
    expect(isOriginAllowed('http://LOCALHOST:3000', 'http://localhost:3000', policy)).toBe(true);
    expect(isOriginAllowed('https://werkraum.kreis.de', 'http://10.0.0.5:3000', policy)).toBe(true);
    expect(isOriginAllowed('https://werkraum.kreis.de:443', 'http://10.0.0.5:3000', policy)).toBe(true);
    expect(isOriginAllowed('https://dev.example.org:5173', 'http://localhost:3000', policy)).toBe(true);
    expect(isOriginAllowed('https://DEV.example.org:5173', 'http://localhost:3000', policy)).toBe(true);
  });

  it('compares scheme, host and port', () => {
    // The same host over plain http is another origin: a page anyone on the network can change.
    expect(isOriginAllowed('http://werkraum.kreis.de', 'https://werkraum.kreis.de', none)).toBe(false);
    expect(isOriginAllowed('http://localhost:3000', 'https://localhost:3000', none)).toBe(false);
    expect(isOriginAllowed('https://localhost:3001', 'https://localhost:3000', none)).toBe(false);
    expect(isOriginAllowed('https://localhost:3000', 'https://localhost:3000', none)).toBe(true);
    // TLS ended at a proxy the server does not trust: it sees http, the page is https.
    expect(isOriginAllowed('https://werkraum.kreis.de', 'http://werkraum.kreis.de', none)).toBe(true);
    // The public address's host only with the public address's scheme, whatever the server sees.
    expect(isOriginAllowed('http://werkraum.kreis.de', 'http://werkraum.kreis.de', policy)).toBe(false);
    expect(isOriginAllowed('http://dev.example.org:5173', 'http://localhost:3000', policy)).toBe(false);
    expect(isOriginAllowed('https://dev.example.org:5174', 'http://localhost:3000', policy)).toBe(false);
  });

  it('with a bare Host header, still refuses the public host over the wrong scheme', () => {
    expect(isOriginAllowed('http://localhost:3000', 'localhost:3000', policy)).toBe(true);
    expect(isOriginAllowed('http://werkraum.kreis.de', 'werkraum.kreis.de', policy)).toBe(false);
    expect(isOriginAllowed('https://werkraum.kreis.de', 'werkraum.kreis.de', policy)).toBe(true);
  });

  it('refuses foreign and malformed origins', () => {
    expect(isOriginAllowed('https://evil.example', 'http://localhost:3000', policy)).toBe(false);
    expect(isOriginAllowed('http://localhost:3001', 'http://localhost:3000', policy)).toBe(false);
    expect(isOriginAllowed('null', 'http://localhost:3000', policy)).toBe(false);
    expect(isOriginAllowed('file://localhost:3000', 'http://localhost:3000', none)).toBe(false);
    expect(isOriginAllowed('chrome-extension://abc', 'http://localhost:3000', none)).toBe(false);
    expect(isOriginAllowed('https://evil.example', undefined, none)).toBe(false);
  });
});

function rawRequest(headers: Record<string, string>, remoteAddress = '127.0.0.1', encrypted = false): IncomingMessage {
  return { headers, socket: { remoteAddress, ...(encrypted ? { encrypted } : {}) } } as unknown as IncomingMessage;
}

describe('requestOriginResolver', () => {
  it('takes the scheme from the socket and the host from the Host header', () => {
    const resolve = requestOriginResolver(false);
    expect(resolve(rawRequest({ host: 'localhost:3000' }))).toBe('http://localhost:3000');
    expect(resolve(rawRequest({ host: 'werkraum.kreis.de' }, '10.0.0.1', true))).toBe('https://werkraum.kreis.de');
    expect(resolve(rawRequest({}))).toBeUndefined();
  });

  it('believes X-Forwarded-Proto and -Host only from a trusted proxy', () => {
    const forwarded = { host: '127.0.0.1:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'werkraum.kreis.de' };
    expect(requestOriginResolver(false)(rawRequest(forwarded))).toBe('http://127.0.0.1:3000');
    expect(requestOriginResolver(['loopback'])(rawRequest(forwarded))).toBe('https://werkraum.kreis.de');
    expect(requestOriginResolver(['loopback'])(rawRequest(forwarded, '203.0.113.9'))).toBe('http://127.0.0.1:3000');
    expect(requestOriginResolver(true)(rawRequest({ ...forwarded, 'x-forwarded-proto': 'http, https' }))).toBe('https://werkraum.kreis.de');
    expect(requestOriginResolver((_address, hop) => hop < 1)(rawRequest(forwarded))).toBe('https://werkraum.kreis.de');
  });
});
