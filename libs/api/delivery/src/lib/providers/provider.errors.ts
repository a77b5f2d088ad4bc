/** Nothing was sent (5xx, 429, timeout, connection error): retry later with the same message ids. */
export class ProviderRetryableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderRetryableError';
  }
}

/** The provider refused the whole request (4xx): retrying cannot help. */
export class ProviderRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRequestError';
  }
}
