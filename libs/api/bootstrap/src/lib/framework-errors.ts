import { errorBody } from '@mini-crm/api/core';

/** Fastify's default `maxParamLength`: a longer path parameter never matches its route. */
export const MAX_PARAM_LENGTH = 100;

const MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: a path segment is not correctly percent-encoded',
  FST_ERR_MAX_PARAM_LENGTH: `A path parameter is too long (${MAX_PARAM_LENGTH} characters at most)`,
};

/**
 * The answer Fastify's router gives an over-long path parameter, for a catch-all route that would
 * otherwise take the request (the console's SPA fallback): null when every segment fits.
 */
export function overlongParamError(path: string): ReturnType<typeof errorBody> | null {
  return path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH)
    ? errorBody(414, MESSAGES['FST_ERR_MAX_PARAM_LENGTH'])
    : null;
}

/**
 * Fastify's `frameworkErrors`: errors its router raises before any route or hook (a malformed
 * URL, an over-long path parameter) answered in the one error shape instead of Fastify's own.
 */
export function frameworkErrors(
  error: { statusCode?: number; code?: string; message: string },
  _req: unknown,
  reply: { code(c: number): { send(b: unknown): void } },
): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  reply.code(status).send(errorBody(status, MESSAGES[error.code ?? ''] ?? error.message));
}
