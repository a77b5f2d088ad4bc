export type { VendorChannelStats, VendorMessageRecord, VendorStubStats } from './stub-stats.types';
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
export { startVendorStub, type VendorStubHandle } from './vendor-stub';
