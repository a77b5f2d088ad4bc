import { VENDOR_STUB_USAGE, vendorStubOptionsFromArgv, vendorStubOptionsFromEnv } from './options.util';
import { startVendorStub } from './vendor-stub';

async function main(): Promise<void> {
  const { help, ...flags } = vendorStubOptionsFromArgv(process.argv.slice(2));
  if (help) {
    console.log(VENDOR_STUB_USAGE);
    return;
  }
  const stub = await startVendorStub({ ...vendorStubOptionsFromEnv(process.env), ...flags });
  const o = stub.options();
  console.log(`vendor-stub listening on ${stub.url}`);
  console.log(
    `vendor-stub failRate=${o.failRate} retryableRate=${o.retryableRate} latencyMs=${o.latencyMs} receiptDelayMs=${o.receiptDelayMs} ` +
      `receiptUrl=${o.receiptUrl ?? '(memory only)'} inboundUrl=${o.inboundUrl ?? '(none)'}`,
  );
  const shutdown = () => {
    stub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  if (String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) console.error(VENDOR_STUB_USAGE);
  process.exit(1);
});
