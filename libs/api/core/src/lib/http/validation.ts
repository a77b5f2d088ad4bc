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
      const details = flattenValidationErrors(errors);
      const summary = details
        .slice(0, 3)
        .map((d) => `${d.path}: ${d.message}`)
        .join('; ');
      return new BadRequestException({ message: `Validation failed: ${summary}`, details });
    },
  });
}
