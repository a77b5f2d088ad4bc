import { ProviderRequestError, ProviderRetryableError } from '../providers/provider.errors';

/** Nothing was sent (5xx, 429, timeout, connection error): retry later with the same idempotency keys. */
export class VendorRetryableError extends ProviderRetryableError {
  constructor(message: string) {
    super(message);
    this.name = 'VendorRetryableError';
  }
}

/** The vendor refused the whole request (4xx): retrying cannot help. */
export class VendorRequestError extends ProviderRequestError {
  constructor(status: number, message: string) {
    super(status, message);
    this.name = 'VendorRequestError';
  }
}
