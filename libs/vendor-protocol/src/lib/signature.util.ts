import { createHmac, timingSafeEqual } from 'node:crypto';

export const VENDOR_TIMESTAMP_HEADER = 'x-vendor-timestamp';
export const VENDOR_SIGNATURE_HEADER = 'x-vendor-signature';
export const DEFAULT_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

type HeaderValue = string | number | string[] | undefined;

/** `sha256=<hex HMAC-SHA256(secret, timestamp + '.' + rawBody)>` */
export function signVendorPayload(secret: string, timestamp: string | number, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

/**
 * Verifies a vendor webhook: the signature must match the exact raw body and the timestamp
 * (unix ms) must lie within `toleranceMs` of `now`, so a captured request cannot be replayed later.
 */
export function verifyVendorSignature(
  secret: string,
  timestamp: HeaderValue,
  rawBody: string | Buffer,
  signatureHeader: HeaderValue,
  toleranceMs = DEFAULT_SIGNATURE_TOLERANCE_MS,
  now = Date.now(),
): boolean {
  const ts = single(timestamp);
  const signature = single(signatureHeader);
  if (ts === undefined || signature === undefined || !/^\d{1,16}$/.test(ts)) return false;
  if (Math.abs(now - Number(ts)) > toleranceMs) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  if (!match) return false;
  const expected = Buffer.from(signVendorPayload(secret, ts, rawBody).slice('sha256='.length), 'hex');
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Headers to send with a signed vendor webhook body. */
export function vendorSignatureHeaders(
  secret: string,
  rawBody: string | Buffer,
  now = Date.now(),
): Record<string, string> {
  const ts = String(now);
  return { [VENDOR_TIMESTAMP_HEADER]: ts, [VENDOR_SIGNATURE_HEADER]: signVendorPayload(secret, ts, rawBody) };
}

function single(value: HeaderValue): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value === undefined ? undefined : String(value);
}
