/** The fields of a PostgreSQL error that callers map to answers (same on both drivers). */
export interface PgError {
  code: string;
  message?: string;
  detail?: string;
  constraint?: string;
}

/** The PostgreSQL error in `e` or its `cause` chain (drizzle wraps driver errors), or null. */
export function pgErrorOf(e: unknown): PgError | null {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; cause?: unknown; message?: string; detail?: string; constraint?: string };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code))
      return { code: c.code, message: c.message, detail: c.detail, constraint: c.constraint };
    cur = c.cause;
  }
  return null;
}

/** SQLSTATE of the PostgreSQL error in `e`, e.g. `23503` (foreign key) or `57014` (statement timeout). */
export function pgErrorCode(e: unknown): string | undefined {
  return pgErrorOf(e)?.code;
}

/** True when `e` is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(e: unknown): boolean {
  return pgErrorCode(e) === '23505';
}
