import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '@mini-crm/api/core';

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX_LENGTH = 8;
/** `mcrm_<8 lowercase letters or digits>_<43 base64url characters: 256 random bits>`. */
const KEY_PATTERN = /^mcrm_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  prefix: string;
  key: string;
  hash: string;
}

/** A fresh key: its public prefix, the whole key (shown once) and the hash that is stored. */
export function newApiKey(): NewApiKey {
  const prefix = Array.from({ length: PREFIX_LENGTH }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join(
    '',
  );
  const key = `${API_KEY_PREFIX}${prefix}_${randomBytes(32).toString('base64url')}`;
  return { prefix, key, hash: hashApiKey(key) };
}

/** The public prefix of a well-formed key, else null (nothing is looked up for a malformed one). */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** Keys carry 256 random bits, so a plain SHA-256 is enough (no slow hash needed against guessing). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whether `key` hashes to `storedHash`, compared in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How audit rows and the console name a key. */
export function apiKeyLabel(name: string, prefix: string): string {
  return `api-key:${name} (${prefix})`;
}
