// eslint-disable-next-line @nx/enforce-module-boundaries -- the stub is a tools application; the e2e runs it in-process as its README shows
import { startVendorStub, type VendorStubHandle, type VendorStubOptions } from '@mini-crm/vendor-stub';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

export interface ConsoleWithVendor extends ConsoleUnderTest {
  stub: VendorStubHandle;
}

/**
 * The console under test sending through an in-process vendor stub whose signed receipts reach
 * the server (receipts after 50 ms unless `stub` says otherwise); `env` adds server settings.
 */
export async function startConsoleWithVendor(
  secret: string,
  stubOptions: VendorStubOptions = {},
  env: Record<string, string> = {},
): Promise<ConsoleWithVendor> {
  const stub = await startVendorStub({ port: 0, receiptDelayMs: 50, ...stubOptions, secret });
  let run: ConsoleUnderTest;
  try {
    run = await startConsoleUnderTest({ VENDOR_URL: stub.url, VENDOR_WEBHOOK_SECRET: secret, ...env });
  } catch (e) {
    await stub.close();
    throw e;
  }
  stub.configure({ receiptUrl: `${run.server.url}/api/delivery/receipts` });
  return {
    ...run,
    stub,
    close: async () => {
      await run.close();
      await stub.close();
    },
  };
}
