import { ConfigError } from '@mini-crm/api/core';
import { loadChannelsConfig } from './channels.config';
import { loadDeliveryConfig, withProviderRateLimits } from './delivery.config';

const load = (env: Record<string, string>) => loadChannelsConfig({ env });

describe('channels config', () => {
  it('defaults both channels to the vendor', () => {
    expect(load({})).toMatchObject({ email: 'vendor', sms: 'vendor', softBounceLimit: 3, testSendsPerHour: 30 });
  });

  it('keeps the test-send limit at no fewer messages than one test may address', () => {
    expect(load({ TEST_SEND_LIMIT_PER_HOUR: '12' }).testSendsPerHour).toBe(12);
    expect(() => load({ TEST_SEND_LIMIT_PER_HOUR: '4' })).toThrow('TEST_SEND_LIMIT_PER_HOUR');
  });

  it('requires what the chosen provider needs, naming the variable', () => {
    expect(() => load({ EMAIL_PROVIDER: 'smtp' })).toThrow('SMTP_URL is required when EMAIL_PROVIDER=smtp');
    expect(() => load({ EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtp://h:587' })).toThrow('EMAIL_FROM is required');
    expect(() => load({ EMAIL_PROVIDER: 'smtp', SMTP_URL: 'http://h', EMAIL_FROM: 'a@b.c' })).toThrow(ConfigError);
    expect(() => load({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1' })).toThrow('TWILIO_AUTH_TOKEN');
    expect(() => load({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' })).toThrow(
      'TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID',
    );
    expect(() => load({ EMAIL_PROVIDER: 'ses' })).toThrow('EMAIL_PROVIDER must be one of vendor, smtp');
    expect(() => load({ SMTP_DKIM_PRIVATE_KEY: 'k' })).toThrow('SMTP_DKIM_DOMAIN is required');
  });

  it("lowers a channel's send rate to its provider's limit", () => {
    const env = { EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtp://h:587', EMAIL_FROM: 'a@b.c', SMTP_RATE_LIMIT: '14' };
    const delivery = withProviderRateLimits(loadDeliveryConfig({ env, nodeEnv: 'test' }), load(env));
    expect(delivery.rateLimit).toEqual({ email: 14, sms: 100_000 });
  });
});
