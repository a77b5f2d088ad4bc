import { AppConfig, readInt } from '@mini-crm/api/core';
import { trackingIpKey, trackingSecret } from '@mini-crm/api/campaigns';

export interface TrackingConfig {
  /** Hits this soon after the message was delivered (or sent) are machine (`too_fast`); 0 disables. */
  machineWindowSeconds: number;
  /** One message's every link (≥ 2) clicked within this span is a scanner burst. */
  burstSeconds: number;
  /** Stream entries per consumer batch (one statement each). */
  batchSize: number;
  /**
   * After a batch that was not full, the consumer waits this long before reading again, so under load
   * one statement carries many hits (a hot customer's row is updated once per batch, not per hit).
   */
  lingerMs: number;
  /** Pending entries idle this long (their consumer died) are claimed by another consumer. */
  claimIdleMs: number;
  /** HMAC key of client IP hashes. */
  ipKey: Buffer;
}

export const TRACKING_CONFIG = Symbol('TRACKING_CONFIG');

export function loadTrackingConfig(config: Pick<AppConfig, 'env' | 'auth'>): TrackingConfig {
  const env = config.env;
  return {
    machineWindowSeconds: readInt(env, 'TRACKING_MACHINE_WINDOW_SECONDS', 3, 0, 3600),
    burstSeconds: readInt(env, 'TRACKING_BURST_SECONDS', 2, 1, 600),
    batchSize: readInt(env, 'TRACKING_BATCH_SIZE', 2000, 1, 10_000),
    lingerMs: readInt(env, 'TRACKING_LINGER_MS', 250, 0, 10_000),
    claimIdleMs: readInt(env, 'TRACKING_CLAIM_IDLE_MS', 30_000, 100, 3_600_000),
    ipKey: trackingIpKey(trackingSecret(config)),
  };
}
