import { randomUUID } from 'node:crypto';
import { signClickCode, signOpenCode, trackingCodeKey, verifyTrackingCode } from './tracking-code.util';

describe('tracking codes', () => {
  const key = trackingCodeKey('a-test-secret-of-at-least-32-characters!');
  const other = trackingCodeKey('another-secret-of-at-least-32-characters');
  const id = randomUUID();

  it('round-trip clicks (any link id) and opens, compactly', () => {
    for (const linkId of [1, 127, 128, 16_383, 16_384, 2_147_483_647]) {
      const code = signClickCode(key, id, linkId);
      expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(verifyTrackingCode(key, code, 'click')).toEqual({ type: 'click', messageId: id, linkId });
    }
    expect(signClickCode(key, id, 500).length).toBe(35);
    const open = signOpenCode(key, id);
    expect(open.length).toBe(32);
    expect(verifyTrackingCode(key, open, 'open')).toEqual({ type: 'open', messageId: id, linkId: null });
  });

  it('rejects forged, tampered, truncated, cross-type and malformed codes', () => {
    const code = signClickCode(key, id, 42);
    const open = signOpenCode(key, id);
    expect(verifyTrackingCode(other, code, 'click')).toBeNull();
    for (let i = 0; i < code.length; i++) {
      const c = code[i] === 'A' ? 'B' : 'A';
      expect(verifyTrackingCode(key, code.slice(0, i) + c + code.slice(i + 1), 'click')).toBeNull();
    }
    expect(verifyTrackingCode(key, code.slice(0, -1), 'click')).toBeNull();
    expect(verifyTrackingCode(key, `${code}A`, 'click')).toBeNull();
    expect(verifyTrackingCode(key, open, 'click')).toBeNull();
    expect(verifyTrackingCode(key, code, 'open')).toBeNull();
    expect(verifyTrackingCode(key, signClickCode(key, id, 0), 'click')).toBeNull();
    for (const junk of ['', 'a', '!!!!', 'A'.repeat(35), 'A'.repeat(200), `${code}=`])
      expect(verifyTrackingCode(key, junk, 'click')).toBeNull();
  });
});
