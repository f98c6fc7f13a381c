import { describe, expect, it } from 'vitest';
import { CreateSessionRequest, JoinRequest, LoginRequest, SetupRequest } from './api';

describe('API request schemas', () => {
  it('accept valid input and normalise it', () => {
    expect(LoginRequest.parse({ email: ' Ada@Example.ORG ', password: 'x' })).toEqual({ email: 'ada@example.org', password: 'x' });
    expect(CreateSessionRequest.parse({ title: '  Bildungskonferenz 2026 ', kind: 'bildungskonferenz', date: '2026-11-26' })).toEqual({
      title: 'Bildungskonferenz 2026',
      kind: 'bildungskonferenz',
      date: '2026-11-26',
      template: 'steuerungskreislauf',
      prefillAgenda: false,
    });
    expect(JoinRequest.parse({ code: 'abc-def', name: ' Anna ' }).name).toBe('Anna');
  });

  it.each([
    [CreateSessionRequest, { title: '', kind: 'bildungskonferenz', date: '2026-11-26' }, 'title'],
    [CreateSessionRequest, { title: 'x', kind: 'stadtrat', date: '2026-11-26' }, 'kind'],
    [CreateSessionRequest, { title: 'x', kind: 'arbeitsgruppe', date: '26.11.2026' }, 'date'],
    [CreateSessionRequest, { title: 'x'.repeat(201), kind: 'arbeitsgruppe', date: '2026-11-26' }, 'title'],
    [JoinRequest, { code: 'ABCDEF', name: '   ' }, 'name'],
    [JoinRequest, { code: 'ABCDEF', name: 'x'.repeat(61) }, 'name'],
    [SetupRequest, { token: 't', email: 'a@b.de', password: 'short', displayName: 'A' }, 'password'],
    [LoginRequest, { email: 'not-an-email', password: 'x' }, 'email'],
  ] as const)('rejects bad input and names the field (%#)', (schema, input, field) => {
    const res = schema.safeParse(input);
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path.join('.')).toBe(field);
  });
});
