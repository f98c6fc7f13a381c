/**
 * Stable error ids returned by the HTTP API (`{ error: { id, message, field? } }`) and by
 * socket.io acknowledgements. Clients and tests match on the id, never on the message text.
 */
export const ErrorId = {
  validation: 'validation_error',
  invalidJson: 'invalid_json',
  payloadTooLarge: 'payload_too_large',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  invalidCredentials: 'invalid_credentials',
  setupNotAvailable: 'setup_not_available',
  unknownJoinCode: 'unknown_join_code',
  tooManyRequests: 'too_many_requests',
  protocolTooOld: 'protocol_too_old',
  internal: 'internal_error',
} as const;

export type ErrorIdValue = (typeof ErrorId)[keyof typeof ErrorId];

export interface ApiErrorBody {
  error: {
    id: ErrorIdValue;
    message: string;
    /** The offending input field, for validation errors (dotted path, e.g. `title`). */
    field?: string;
  };
}
