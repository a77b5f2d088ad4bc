import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
import { CHANNELS_CONFIG, type ChannelsConfig } from '../channels.config';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../delivery.config';
import { DeliveryCountersService } from './delivery-counters.service';

/**
 * SendGrid's Event Webhook signs timestamp + raw body with ECDSA (P-256); the library verifies it
 * against SENDGRID_WEBHOOK_PUBLIC_KEY. A timestamp outside VENDOR_WEBHOOK_TOLERANCE_SECONDS is
 * refused too, so a captured post cannot be replayed later. Without a key every post is refused.
 */
@Injectable()
export class SendgridSignatureGuard implements CanActivate {
  private readonly verifier = new EventWebhook();
  private readonly key;

  constructor(
    @Inject(CHANNELS_CONFIG) channels: ChannelsConfig,
    @Inject(DELIVERY_CONFIG) private readonly delivery: DeliveryConfig,
    private readonly counters: DeliveryCountersService,
  ) {
    this.key = channels.sendgridPublicKey ? this.verifier.convertPublicKeyToECDSA(channels.sendgridPublicKey) : null;
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined>; rawBody?: Buffer }>();
    const signature = req.headers[EventWebhookHeader.SIGNATURE().toLowerCase()];
    const timestamp = req.headers[EventWebhookHeader.TIMESTAMP().toLowerCase()];
    const fresh =
      typeof timestamp === 'string' &&
      /^\d{1,12}$/.test(timestamp) &&
      Math.abs(Date.now() - Number(timestamp) * 1000) <= this.delivery.webhookToleranceMs;
    let ok = false;
    if (this.key && req.rawBody && typeof signature === 'string' && fresh) {
      try {
        ok = this.verifier.verifySignature(this.key, req.rawBody, signature, timestamp);
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      this.counters.counters.signatureRejected++;
      throw new UnauthorizedException('Missing or invalid SendGrid signature');
    }
    return true;
  }
}
