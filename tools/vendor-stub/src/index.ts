export * from './contract.types';
export {
  DEFAULT_VENDOR_STUB_OPTIONS,
  resolveVendorStubOptions,
  vendorStubOptionsFromArgv,
  vendorStubOptionsFromEnv,
  type ResolvedVendorStubOptions,
  type RuntimeVendorStubOptions,
  type VendorStubOptions,
} from './options.util';
export {
  predictEngagement,
  predictVendorFate,
  VENDOR_REASONS,
  type OutcomeRates,
  type VendorFate,
  type VendorReason,
} from './outcome.util';
export {
  DEFAULT_SIGNATURE_TOLERANCE_MS,
  signVendorPayload,
  VENDOR_SIGNATURE_HEADER,
  VENDOR_TIMESTAMP_HEADER,
  vendorSignatureHeaders,
  verifyVendorSignature,
} from './signature.util';
export { MAX_BATCH_SIZE } from './validate-message.util';
export { startVendorStub, type VendorStubHandle } from './vendor-stub';
