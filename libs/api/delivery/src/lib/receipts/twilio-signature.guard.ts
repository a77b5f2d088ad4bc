import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import twilio from 'twilio';
import { APP_CONFIG, type AppConfig } from '@mini-crm/api/core';
import { CHANNELS_CONFIG, type ChannelsConfig } from '../channels.config';
import { DeliveryCountersService } from './delivery-counters.service';

/**
 * Twilio webhooks are public; their only credential is X-Twilio-Signature, an HMAC with the auth
 * token over the URL Twilio called (PUBLIC_URL + path and query) and the form fields, checked with
 * the SDK's own validator. Without Twilio configured every call is refused.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(
    @Inject(CHANNELS_CONFIG) private readonly channels: ChannelsConfig,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counters: DeliveryCountersService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<{
      headers: Record<string, string | string[] | undefined>;
      url: string;
      body?: unknown;
    }>();
    const token = this.channels.twilio.authToken;
    const signature = req.headers['x-twilio-signature'];
    const params = req.body && typeof req.body === 'object' ? (req.body as Record<string, string>) : null;
    const ok =
      !!token &&
      typeof signature === 'string' &&
      !!params &&
      twilio.validateRequest(token, signature, `${this.config.publicUrl}${req.url}`, params);
    if (!ok) {
      this.counters.counters.signatureRejected++;
      throw new UnauthorizedException('Missing or invalid Twilio signature');
    }
    return true;
  }
}
