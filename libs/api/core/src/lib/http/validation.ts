import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldIssue } from './error-body';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const e of errors) {
    const path = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    for (const msg of Object.values(e.constraints ?? {})) out.push({ path, message: msg });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

/** Global pipe: unknown properties are errors, payloads are transformed into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      // The exception filter turns the messages into sentences for people and sums them up.
      return new BadRequestException({ message: 'Validation failed', details: flattenValidationErrors(errors) });
    },
  });
}
