/** Nothing was sent (5xx, 429, timeout, connection error): retry later with the same idempotency keys. */
export class VendorRetryableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VendorRetryableError';
  }
}

/** The vendor refused the whole request (4xx): retrying cannot help. */
export class VendorRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'VendorRequestError';
  }
}
