import type { TFunction } from 'i18next';
import { ApiError } from './http/api';

const KNOWN = new Set([
  'network',
  'validation_error',
  'invalid_json',
  'payload_too_large',
  'unauthenticated',
  'forbidden',
  'not_found',
  'invalid_credentials',
  'setup_not_available',
  'unknown_join_code',
  'too_many_requests',
  'protocol_too_old',
  'internal_error',
] as const);

type KnownId = typeof KNOWN extends Set<infer T> ? T : never;

/** The sentence to show a person for any error thrown by the API client. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && KNOWN.has(err.id as KnownId)) return t(`errors.${err.id as KnownId}`);
  return t('errors.unknown');
}
