import { createHmac } from 'node:crypto';
import { signVendorPayload, vendorSignatureHeaders, verifyVendorSignature } from './signature.util';

const secret = 'test-secret';
const body = '{"receipts":[{"id":"r1","type":"delivered"}]}';

describe('vendor signatures', () => {
  it('is HMAC-SHA256 over "timestamp.rawBody", hex, prefixed sha256=', () => {
    const expected = createHmac('sha256', secret).update(`1700000000000.${body}`).digest('hex');
    expect(signVendorPayload(secret, 1700000000000, body)).toBe(`sha256=${expected}`);
    expect(signVendorPayload(secret, '1700000000000', Buffer.from(body))).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh signature over the same raw body', () => {
    const now = Date.now();
    const sig = signVendorPayload(secret, now, body);
    expect(verifyVendorSignature(secret, String(now), body, sig)).toBe(true);
    expect(verifyVendorSignature(secret, [String(now)], Buffer.from(body), [sig])).toBe(true);
    const headers = vendorSignatureHeaders(secret, body, now);
    expect(verifyVendorSignature(secret, headers['x-vendor-timestamp'], body, headers['x-vendor-signature'])).toBe(
      true,
    );
  });

  it('rejects a tampered body, another secret, or a tampered timestamp', () => {
    const now = Date.now();
    const sig = signVendorPayload(secret, now, body);
    expect(verifyVendorSignature(secret, String(now), body.replace('delivered', 'clicked'), sig)).toBe(false);
    expect(verifyVendorSignature('other-secret', String(now), body, sig)).toBe(false);
    expect(verifyVendorSignature(secret, String(now + 1), body, sig)).toBe(false);
    const flipped = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0');
    expect(verifyVendorSignature(secret, String(now), body, flipped)).toBe(false);
  });

  it('rejects timestamps outside the tolerance, both old and future', () => {
    const now = 1_800_000_000_000;
    const old = now - 5 * 60_000 - 1;
    expect(verifyVendorSignature(secret, String(old), body, signVendorPayload(secret, old, body), undefined, now)).toBe(
      false,
    );
    const edge = now - 5 * 60_000;
    expect(
      verifyVendorSignature(secret, String(edge), body, signVendorPayload(secret, edge, body), undefined, now),
    ).toBe(true);
    const future = now + 10 * 60_000;
    expect(
      verifyVendorSignature(secret, String(future), body, signVendorPayload(secret, future, body), undefined, now),
    ).toBe(false);
    const recent = now - 2_000;
    expect(
      verifyVendorSignature(secret, String(recent), body, signVendorPayload(secret, recent, body), 1_000, now),
    ).toBe(false);
  });

  it('rejects missing or malformed headers', () => {
    const now = Date.now();
    const sig = signVendorPayload(secret, now, body);
    expect(verifyVendorSignature(secret, undefined, body, sig)).toBe(false);
    expect(verifyVendorSignature(secret, String(now), body, undefined)).toBe(false);
    expect(verifyVendorSignature(secret, 'yesterday', body, sig)).toBe(false);
    expect(verifyVendorSignature(secret, String(now), body, sig.slice('sha256='.length))).toBe(false);
    expect(verifyVendorSignature(secret, String(now), body, 'sha256=abc')).toBe(false);
    expect(verifyVendorSignature(secret, [String(now), String(now)], body, sig)).toBe(false);
  });
});
