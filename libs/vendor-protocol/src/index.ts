// The messaging vendor's wire contract and webhook signatures: what the delivery lib speaks and the vendor stub serves.
export * from './lib/vendor-wire.types';
export {
  DEFAULT_SIGNATURE_TOLERANCE_MS,
  signVendorPayload,
  VENDOR_SIGNATURE_HEADER,
  VENDOR_TIMESTAMP_HEADER,
  vendorSignatureHeaders,
  verifyVendorSignature,
} from './lib/signature.util';
