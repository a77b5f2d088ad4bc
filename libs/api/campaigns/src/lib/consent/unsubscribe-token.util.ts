import { createHmac, timingSafeEqual } from 'node:crypto';

export type ConsentChannel = 'sms' | 'email';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A key of its own, derived from JWT_SECRET, so an unsubscribe token can never pass as anything else. */
export function unsubscribeKey(jwtSecret: string): Buffer {
  return createHmac('sha256', jwtSecret).update('mini-crm/unsubscribe/v1').digest();
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, 32);
}

/** `<customerId>.<channel>.<campaignId>.<mac>`: names who leaves which channel, and from which campaign. */
export function signUnsubscribeToken(key: Buffer, customerId: string, channel: ConsentChannel, campaignId: string): string {
  const payload = `${customerId}.${channel}.${campaignId}`;
  return `${payload}.${mac(key, payload)}`;
}

export interface UnsubscribeClaim {
  customerId: string;
  channel: ConsentChannel;
  campaignId: string;
}

export function verifyUnsubscribeToken(key: Buffer, token: string): UnsubscribeClaim | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [customerId, channel, campaignId, given] = parts;
  if (!UUID.test(customerId) || !UUID.test(campaignId) || (channel !== 'sms' && channel !== 'email')) return null;
  const expected = Buffer.from(mac(key, `${customerId}.${channel}.${campaignId}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { customerId, channel, campaignId };
}
