/** The upload is not a CSV file (binary content, a known non-text signature, or an unreadable header). */
export class NotCsvError extends Error {
  override readonly name = 'NotCsvError';
  constructor(message: string) {
    super(message);
  }
}

/** A user mapping names a field that does not exist for the import kind. */
export class ImportMappingError extends Error {
  override readonly name = 'ImportMappingError';
  constructor(
    message: string,
    /** Header → reason. */
    readonly details: Record<string, string>,
  ) {
    super(message);
  }
}
