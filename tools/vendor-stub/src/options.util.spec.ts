import { resolveVendorStubOptions, vendorStubOptionsFromArgv, vendorStubOptionsFromEnv } from './options.util';

describe('vendor stub options', () => {
  it('has the documented defaults', () => {
    expect(resolveVendorStubOptions()).toMatchObject({
      port: 0,
      failRate: 0.1,
      retryableRate: 0,
      latencyMs: 0,
      receiptDelayMs: 200,
      receiptUrl: null,
      inboundUrl: null,
      secret: 'dev-vendor-secret',
      openRate: 0.4,
      clickRate: 0.1,
      receiptBatchSize: 500,
    });
  });

  it('reads flags in both spellings', () => {
    expect(
      vendorStubOptionsFromArgv([
        '--port',
        '0',
        '--fail-rate=0.2',
        '--receipt-url',
        'http://127.0.0.1:3000/api/delivery/receipts',
      ]),
    ).toEqual({
      port: 0,
      failRate: 0.2,
      receiptUrl: 'http://127.0.0.1:3000/api/delivery/receipts',
    });
    expect(() => vendorStubOptionsFromArgv(['--fail-rate', 'lots'])).toThrow(/--fail-rate must be a number/);
    expect(() => vendorStubOptionsFromArgv(['--nope', '1'])).toThrow();
  });

  it('reads VENDOR_STUB_* and VENDOR_WEBHOOK_SECRET', () => {
    expect(
      vendorStubOptionsFromEnv({
        VENDOR_STUB_RETRYABLE_RATE: '0.5',
        VENDOR_WEBHOOK_SECRET: 's3',
        VENDOR_STUB_LATENCY_MS: '5',
        VENDOR_STUB_INBOUND_URL: '',
      }),
    ).toEqual({ retryableRate: 0.5, secret: 's3', latencyMs: 5 });
  });

  it('rejects out-of-range values', () => {
    expect(() => resolveVendorStubOptions({ failRate: 1.5 })).toThrow(/failRate/);
    expect(() => resolveVendorStubOptions({ receiptBatchSize: 0 })).toThrow(/receiptBatchSize/);
    expect(() => resolveVendorStubOptions({ receiptUrl: 'ftp://x' })).toThrow(/receiptUrl/);
    expect(() => resolveVendorStubOptions({ port: -1 })).toThrow(/port/);
  });
});
