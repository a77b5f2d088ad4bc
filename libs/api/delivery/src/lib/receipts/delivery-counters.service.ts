import { Injectable } from '@nestjs/common';
import type { DeliveryCountersDto } from '@mini-crm/contracts';

/** Webhook counters of this process (replays, unknown or mismatched ids, bad signatures are counted, not applied). */
@Injectable()
export class DeliveryCountersService {
  readonly counters: DeliveryCountersDto = {
    receiptsReceived: 0,
    receiptsApplied: 0,
    receiptsDuplicate: 0,
    receiptsUnknown: 0,
    receiptsMismatched: 0,
    inboundDuplicate: 0,
    signatureRejected: 0,
  };
}
