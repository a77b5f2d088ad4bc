import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@mini-crm/api/core';
import { trackingSecret } from './tracking.config';
import {
  signClickCode,
  signOpenCode,
  TrackedHitType,
  TrackingClaim,
  trackingCodeKey,
  verifyTrackingCode,
} from './tracking-code.util';

/** Signed per-recipient tracking URLs: `${PUBLIC_URL}/r/<code>` for links, `${PUBLIC_URL}/o/<code>.gif` for opens. */
@Injectable()
export class TrackingCodesService {
  private readonly key: Buffer;
  readonly publicUrl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = trackingCodeKey(trackingSecret(config));
    this.publicUrl = config.publicUrl;
  }

  clickUrl(messageId: string, linkId: number): string {
    return `${this.publicUrl}/r/${signClickCode(this.key, messageId, linkId)}`;
  }

  openUrl(messageId: string): string {
    return `${this.publicUrl}/o/${signOpenCode(this.key, messageId)}.gif`;
  }

  verify(code: string, type: TrackedHitType): TrackingClaim | null {
    return verifyTrackingCode(this.key, code, type);
  }
}
