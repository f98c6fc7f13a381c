/**
 * Every error becomes a sentence in one place: `errorMessage(t, err)` for what the HTTP client
 * throws (ApiError), what a socket.io command answers (CommandError), a server that cannot be
 * reached (`network`), a command without answer (`timeout`) and anything else (`unknown`). The
 * sentences are `errors.<id>` in client/locales/de.json and en.json, one per id of
 * shared/errors.ts plus the client's own ids; the server's message text is for developers only.
 */
import type { TFunction } from 'i18next';
import { ErrorId, type ErrorIdValue } from '../../shared/errors';
import { ApiError } from './http/api';

/** Ids only the client produces: the server is out of reach, a command got no answer, anything else. */
export const CLIENT_ERROR_IDS = ['network', 'timeout', 'unknown'] as const;
export type ClientErrorIdOnly = (typeof CLIENT_ERROR_IDS)[number];

/** Every id a person may be shown a sentence for. */
export type ShownErrorId = ErrorIdValue | ClientErrorIdOnly;
export const SHOWN_ERROR_IDS: readonly ShownErrorId[] = [...Object.values(ErrorId), ...CLIENT_ERROR_IDS];
const KNOWN = new Set<string>(SHOWN_ERROR_IDS);

/**
 * The id of an error: an ApiError's, a command error's (`{ id, message }`), an HTTP error body's
 * (`{ error: { id } }`); `unknown` for ids this client does not know and for everything else.
 */
export function errorIdOf(err: unknown): ShownErrorId {
  let id: unknown;
  if (err instanceof ApiError) id = err.id;
  else if (typeof err === 'object' && err !== null) {
    const o = err as { id?: unknown; error?: { id?: unknown } };
    id = typeof o.id === 'string' ? o.id : typeof o.error === 'object' && o.error !== null ? o.error.id : undefined;
  }
  return typeof id === 'string' && KNOWN.has(id) ? (id as ShownErrorId) : 'unknown';
}

/** The sentence to show a person for an error of the HTTP API, a socket.io command or anything else. */
export function errorMessage(t: TFunction, err: unknown): string {
  return t(`errors.${errorIdOf(err)}`);
}
