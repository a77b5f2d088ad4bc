import { missingVendorWarning } from './vendor-warning.util';

describe('missing VENDOR_URL warning', () => {
  const channels = ['sms', 'email'] as const;

  it('stays quiet when neither channel uses the vendor', () => {
    expect(missingVendorWarning(undefined, (c) => (c === 'email' ? 'smtp' : 'twilio'), channels)).toBeNull();
  });

  it('names the channels that still go through the vendor', () => {
    expect(missingVendorWarning(undefined, (c) => (c === 'email' ? 'smtp' : 'vendor'), channels)).toBe(
      'VENDOR_URL is not set: sms campaigns cannot be launched until it is',
    );
    expect(missingVendorWarning(undefined, () => 'vendor', channels)).toContain('sms and email campaigns');
  });

  it('stays quiet when VENDOR_URL is set', () => {
    expect(missingVendorWarning('http://127.0.0.1:4010', () => 'vendor', channels)).toBeNull();
  });
});
