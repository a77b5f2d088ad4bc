import { Inject, Injectable } from '@nestjs/common';
import type { VendorBatchResponse, VendorBatchResult, VendorMessageRequest } from '@mini-crm/vendor-protocol';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { VendorRequestError, VendorRetryableError } from './vendor.errors';

/** HTTP client of the messaging vendor (contract: tools/vendor-stub/README.md). */
@Injectable()
export class VendorClient {
  constructor(@Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig) {}

  /** One result per message, in order. Throws VendorRetryableError or VendorRequestError. */
  async sendBatch(messages: VendorMessageRequest[]): Promise<VendorBatchResult[]> {
    if (!this.config.vendorUrl) throw new VendorRequestError(0, 'VENDOR_URL is not configured');
    let res: Response;
    try {
      res = await fetch(`${this.config.vendorUrl}/v1/messages/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
        signal: AbortSignal.timeout(this.config.vendorTimeoutMs),
      });
    } catch (e) {
      throw new VendorRetryableError(`vendor unreachable: ${(e as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 500 || res.status === 429 || res.status === 408)
      throw new VendorRetryableError(`vendor answered ${res.status}`);
    if (res.status >= 400)
      throw new VendorRequestError(res.status, `vendor answered ${res.status}: ${text.slice(0, 200)}`);
    let body: VendorBatchResponse;
    try {
      body = JSON.parse(text) as VendorBatchResponse;
    } catch {
      throw new VendorRetryableError('vendor answered with a malformed body');
    }
    if (!Array.isArray(body.results) || body.results.length !== messages.length)
      throw new VendorRetryableError('vendor answered a result count that does not match the request');
    return body.results;
  }
}
