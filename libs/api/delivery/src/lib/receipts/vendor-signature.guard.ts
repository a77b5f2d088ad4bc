import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { VENDOR_SIGNATURE_HEADER, VENDOR_TIMESTAMP_HEADER, verifyVendorSignature } from '@mini-crm/vendor-protocol';
import { DELIVERY_CONFIG, DeliveryConfig } from '../delivery.config';
import { DeliveryCountersService } from './delivery-counters.service';

/**
 * Vendor webhooks are public routes whose only credential is the HMAC over timestamp + raw body; a
 * timestamp further than VENDOR_WEBHOOK_TOLERANCE_SECONDS from our clock is refused (401), so a
 * captured request cannot be replayed later (replays inside the window are deduplicated by id).
 */
@Injectable()
export class VendorSignatureGuard implements CanActivate {
  constructor(
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    private readonly counters: DeliveryCountersService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined>; rawBody?: Buffer }>();
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const raw = req.rawBody;
    const ok =
      !!raw &&
      verifyVendorSignature(
        this.config.webhookSecret,
        header(VENDOR_TIMESTAMP_HEADER),
        raw,
        header(VENDOR_SIGNATURE_HEADER),
        this.config.webhookToleranceMs,
      );
    if (!ok) {
      this.counters.counters.signatureRejected++;
      throw new UnauthorizedException('Missing or invalid vendor signature');
    }
    return true;
  }
}
