import { createHmac, timingSafeEqual } from 'node:crypto';

/** Bytes of HMAC-SHA256 kept in a code: 2^-64 chance per guess, short enough for an SMS. */
const MAC_BYTES = 8;
const ID_BYTES = 16;
/** Open codes are exactly message id + mac; click codes carry a link id (varint, 1–5 bytes) in between. */
const OPEN_BYTES = ID_BYTES + MAC_BYTES;
const MAX_CODE_CHARS = 48;
const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;

export type TrackedHitType = 'open' | 'click';

export interface TrackingClaim {
  type: TrackedHitType;
  messageId: string;
  /** campaign_links.id of a click; null for an open. */
  linkId: number | null;
}

/** A key of its own for tracking codes, derived from TRACKING_SECRET (or JWT_SECRET when unset). */
export function trackingCodeKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('mini-crm/tracking-code/v1').digest();
}

/** A separate key for hashing client IPs, so an IP hash can never be replayed as a code. */
export function trackingIpKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('mini-crm/tracking-ip/v1').digest();
}

function mac(key: Buffer, type: TrackedHitType, payload: Buffer): Buffer {
  return createHmac('sha256', key)
    .update(type === 'open' ? 'o' : 'c')
    .update(payload)
    .digest()
    .subarray(0, MAC_BYTES);
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(b: Buffer): string {
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v > 0) byte |= 0x80;
    out.push(byte);
  } while (v > 0);
  return Buffer.from(out);
}

/** `<message id><link id varint><mac>` in base64url: 35 characters for link ids below 16,384. */
export function signClickCode(key: Buffer, messageId: string, linkId: number): string {
  const payload = Buffer.concat([uuidBytes(messageId), varint(linkId)]);
  return Buffer.concat([payload, mac(key, 'click', payload)]).toString('base64url');
}

/** `<message id><mac>` in base64url: 32 characters. */
export function signOpenCode(key: Buffer, messageId: string): string {
  const payload = uuidBytes(messageId);
  return Buffer.concat([payload, mac(key, 'open', payload)]).toString('base64url');
}

/** The claim of a genuine code; null for anything malformed, truncated, tampered or forged. */
export function verifyTrackingCode(key: Buffer, code: string, type: TrackedHitType): TrackingClaim | null {
  if (typeof code !== 'string' || code.length > MAX_CODE_CHARS || !CODE_PATTERN.test(code)) return null;
  const raw = Buffer.from(code, 'base64url');
  // base64url decoding ignores stray bits: insist the code is the canonical encoding of its bytes.
  if (raw.toString('base64url') !== code) return null;
  if (type === 'open' ? raw.length !== OPEN_BYTES : raw.length <= OPEN_BYTES || raw.length > OPEN_BYTES + 5)
    return null;
  const payload = raw.subarray(0, raw.length - MAC_BYTES);
  const given = raw.subarray(raw.length - MAC_BYTES);
  if (!timingSafeEqual(given, mac(key, type, payload))) return null;
  const messageId = uuidOf(payload.subarray(0, ID_BYTES));
  if (type === 'open') return { type, messageId, linkId: null };
  let linkId = 0;
  let mult = 1;
  const rest = payload.subarray(ID_BYTES);
  for (let i = 0; i < rest.length; i++) {
    const last = (rest[i] & 0x80) === 0;
    if (last !== (i === rest.length - 1)) return null;
    linkId += (rest[i] & 0x7f) * mult;
    mult *= 128;
  }
  return linkId > 0 && linkId <= 2_147_483_647 ? { type, messageId, linkId } : null;
}
