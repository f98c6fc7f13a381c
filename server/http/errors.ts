import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ErrorId, type ApiErrorBody, type ErrorIdValue } from '../../shared/errors';

/** An error with a stable id, thrown by handlers and hooks and answered as `{ error: {...} }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: ErrorIdValue,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { error: { id: this.id, message: this.message, ...(this.field !== undefined ? { field: this.field } : {}) } };
  }
}

export const unauthenticated = (message = 'Not logged in or token not valid') =>
  new ApiError(401, ErrorId.unauthenticated, message);
export const forbidden = (message = 'Not allowed') => new ApiError(403, ErrorId.forbidden, message);
export const notFound = (message = 'Not found') => new ApiError(404, ErrorId.notFound, message);

/**
 * Parses input with a zod schema; on failure throws 400 validation_error naming the first
 * offending field (dotted path, omitted when the whole body is wrong).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : 'Invalid input';
  throw new ApiError(400, ErrorId.validation, message, field);
}

/** Fastify's own errors (body parsing, limits) translated to API error ids. */
function fromFastifyError(err: { code?: unknown; statusCode?: unknown }): ApiError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, ErrorId.invalidJson, 'The request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, ErrorId.unsupportedMediaType, 'Send the request body as application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, ErrorId.payloadTooLarge, 'The request body is too large');
  }
  // Other client errors fastify raises itself (bad URL encoding, ...).
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    if (err.statusCode === 404) return notFound();
    if (err.statusCode === 413) return new ApiError(413, ErrorId.payloadTooLarge, 'The request is too large');
    return new ApiError(err.statusCode, ErrorId.validation, 'Bad request');
  }
  return undefined;
}

/** Error and not-found handlers for the /api scope: every failure is `{ error: { id, message } }`. */
export function installErrorHandlers(api: FastifyInstance): void {
  api.setErrorHandler((err: unknown, req, reply) => {
    const known =
      err instanceof ApiError ? err : typeof err === 'object' && err !== null ? fromFastifyError(err) : undefined;
    if (known) {
      return reply.code(known.status).headers(known.headers).send(known.toBody());
    }
    // Unexpected: log it with its stack, tell the client nothing about it.
    req.log.error({ err }, 'unhandled error in API route');
    const body: ApiErrorBody = { error: { id: ErrorId.internal, message: 'Internal server error' } };
    return reply.code(500).send(body);
  });

  api.setNotFoundHandler((req, reply) => {
    const body: ApiErrorBody = {
      error: { id: ErrorId.notFound, message: `No route ${req.method} ${req.url.split('?')[0]}` },
    };
    return reply.code(404).send(body);
  });
}
