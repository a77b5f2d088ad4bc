import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * The route honours an `Idempotency-Key` header (IdempotencyInterceptor): a retry with the same key
 * and request gets the first answer again instead of doing the work twice.
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiExtension('x-idempotent', true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
      description:
        'Up to 255 printable characters chosen by the caller (e.g. a UUID). The first answer (2xx or 4xx) is kept ' +
        '24 h per caller: a retry with the same key, method, path and body answers it again with ' +
        '`Idempotent-Replayed: true` and does nothing; the same key with another request answers 422; a retry ' +
        'while the first is still running answers 409. A 5xx is not kept (the retry runs again).',
    }),
  );
