import { createHmac, timingSafeEqual } from 'node:crypto';
import { UUID_PATTERN } from '@mini-crm/db';

export type ConsentChannel = 'sms' | 'email';

const B64_UUID = /^[A-Za-z0-9_-]{22}$/;

/** A key of its own, derived from JWT_SECRET, so an unsubscribe token can never pass as anything else. */
export function unsubscribeKey(jwtSecret: string): Buffer {
  return createHmac('sha256', jwtSecret).update('mini-crm/unsubscribe/v1').digest();
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest().subarray(0, 16).toString('base64url');
}

const packUuid = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');

function unpackUuid(s: string): string | null {
  if (!B64_UUID.test(s)) return null;
  const hex = Buffer.from(s, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID_PATTERN.test(id) ? id : null;
}

/**
 * `<customer>.<e|s>.<campaign>.<mac>` with ids as base64url bytes: names who leaves which channel,
 * from which campaign, in 70 characters (router path parameters are capped at 100).
 */
export function signUnsubscribeToken(
  key: Buffer,
  customerId: string,
  channel: ConsentChannel,
  campaignId: string,
): string {
  const payload = `${packUuid(customerId)}.${channel === 'email' ? 'e' : 's'}.${packUuid(campaignId)}`;
  return `${payload}.${mac(key, payload)}`;
}

export interface UnsubscribeClaim {
  customerId: string;
  channel: ConsentChannel;
  campaignId: string;
}

export function verifyUnsubscribeToken(key: Buffer, token: string): UnsubscribeClaim | null {
  if (typeof token !== 'string' || token.length > 100) return null;
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [customer, ch, campaign, given] = parts;
  const expected = Buffer.from(mac(key, `${customer}.${ch}.${campaign}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const customerId = unpackUuid(customer);
  const campaignId = unpackUuid(campaign);
  if (!customerId || !campaignId || (ch !== 'e' && ch !== 's')) return null;
  return { customerId, channel: ch === 'e' ? 'email' : 'sms', campaignId };
}
