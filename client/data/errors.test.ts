import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ErrorId } from '../../shared/errors';
import de from '../locales/de.json';
import en from '../locales/en.json';
import { CLIENT_ERROR_IDS, errorIdOf, errorMessage, SHOWN_ERROR_IDS } from './errors';
import { ApiError } from './http/api';
import type { CommandError } from './session/sessionClient';

// A stand-in for i18next that shows which key was asked for.
const t = ((key: string) => key) as unknown as TFunction;

describe('error messages', () => {
  it.each([
    ['de', de.errors],
    ['en', en.errors],
  ])('%s has a sentence for every id of shared/errors.ts and of the client', (_lang, messages) => {
    const texts = messages as Record<string, unknown>;
    const ids = [...Object.values(ErrorId), ...CLIENT_ERROR_IDS];
    const missing = ids.filter((id) => typeof texts[id] !== 'string' || (texts[id] as string).trim() === '');
    expect(missing).toEqual([]);
  });

  it('has no sentence for an id nobody sends', () => {
    const known = new Set<string>([...SHOWN_ERROR_IDS, 'title']);
    expect(Object.keys(de.errors).filter((k) => !known.has(k))).toEqual([]);
    expect(Object.keys(en.errors).filter((k) => !known.has(k))).toEqual([]);
  });

  it('reads the id of HTTP errors, command errors and error bodies', () => {
    expect(errorMessage(t, new ApiError(422, 'unknown_source', 'x', 'picks.0'))).toBe('errors.unknown_source');
    expect(errorMessage(t, new ApiError(409, 'illegal_transition', 'x'))).toBe('errors.illegal_transition');
    const command: CommandError = { id: 'dot_budget_exceeded', message: 'too many dots' };
    expect(errorMessage(t, command)).toBe('errors.dot_budget_exceeded');
    expect(errorIdOf({ id: 'timeout', message: 'no answer' })).toBe('timeout');
    expect(errorIdOf({ error: { id: 'not_found', message: 'x' } })).toBe('not_found');
  });

  it('calls an unreachable server a network error and everything else unknown', () => {
    expect(errorMessage(t, new ApiError(0, 'network', 'Failed to fetch'))).toBe('errors.network');
    expect(errorIdOf(new ApiError(500, 'unknown', 'HTTP 500'))).toBe('unknown');
    expect(errorIdOf(new Error('boom'))).toBe('unknown');
    expect(errorIdOf({ id: 'export_failed' })).toBe('unknown');
    expect(errorIdOf('oops')).toBe('unknown');
    expect(errorIdOf(null)).toBe('unknown');
  });
});
