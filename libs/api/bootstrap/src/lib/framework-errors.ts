import { errorBody } from '@mini-crm/api/core';

const MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: a path segment is not correctly percent-encoded',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is too long (100 characters at most)',
};

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
