import { ConfigError } from '@mini-crm/api/core';
import { loadDeliveryConfig } from './delivery.config';

const load = (env: Record<string, string>, nodeEnv: 'development' | 'production' | 'test' = 'test') =>
  loadDeliveryConfig({ env, nodeEnv });

describe('delivery config', () => {
  it('has defaults that do not slow a local campaign', () => {
    const c = load({});
    expect(c).toMatchObject({
      batchSize: 500,
      failureThreshold: 0.2,
      failureWindow: 500,
      failureMinAttempts: 100,
      vendorUrl: undefined,
      webhookToleranceMs: 300_000,
    });
    expect(load({ VENDOR_WEBHOOK_TOLERANCE_SECONDS: '60' }).webhookToleranceMs).toBe(60_000);
    expect(c.rateLimit.sms).toBeGreaterThanOrEqual(10_000);
  });

  it.each([
    ['DELIVERY_BATCH_SIZE', 'lots'],
    ['DELIVERY_BATCH_SIZE', '5000'],
    ['DELIVERY_CONCURRENCY', '0'],
    ['DELIVERY_RATE_LIMIT_SMS', '-1'],
    ['DELIVERY_RATE_LIMIT_EMAIL', '1.5'],
    ['DELIVERY_FAILURE_THRESHOLD', '1.5'],
    ['VENDOR_URL', 'not a url'],
    ['VENDOR_WEBHOOK_TOLERANCE_SECONDS', '0'],
    ['VENDOR_WEBHOOK_TOLERANCE_SECONDS', '86400'],
  ])('%s=%s throws a ConfigError naming it', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(ConfigError);
    expect(() => load({ [name]: value })).toThrow(name);
  });

  it('needs a webhook secret in production', () => {
    expect(() => load({}, 'production')).toThrow(/VENDOR_WEBHOOK_SECRET/);
    expect(load({ VENDOR_WEBHOOK_SECRET: 's3cret', VENDOR_URL: 'http://vendor:4010/' }, 'production')).toMatchObject({
      webhookSecret: 's3cret',
      vendorUrl: 'http://vendor:4010',
    });
  });
});
