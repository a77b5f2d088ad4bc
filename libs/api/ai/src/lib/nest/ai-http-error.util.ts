import { HttpException } from '@nestjs/common';
import { AiError } from '../providers/ai.errors';

/** Provider errors become HttpExceptions carrying their status (502/504/422) and details; others pass through. */
export function toHttpError(e: unknown): unknown {
  if (!(e instanceof AiError)) return e;
  return new HttpException({ message: e.message, ...(e.details?.length ? { details: e.details } : {}) }, e.statusCode, {
    cause: e,
  });
}
