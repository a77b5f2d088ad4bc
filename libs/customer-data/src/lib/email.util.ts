import type { Normalized } from './normalized.types';

const MAX_LOCAL = 64;
const MAX_ADDRESS = 254;
const MAX_LABEL = 63;
// RFC 5322 atext plus '.', as a lookup table (ASCII only; non-ASCII is accepted for SMTPUTF8).
const LOCAL_OK = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-") LOCAL_OK[ch.charCodeAt(0)] = 1;

/**
 * Trims and lower-cases an e-mail address and checks it the way a mail server would accept it as
 * a recipient: one `@`, local part 1–64 allowed characters without leading/trailing/double dots,
 * a domain of at least two valid labels (letters, digits, inner hyphens; IDN letters allowed) and
 * a non-numeric top-level label. No quoted local parts, comments or IP-literal domains.
 */
export function normalizeEmail(input: string): Normalized<string> {
  let email = input.trim().toLowerCase();
  if (email.startsWith('mailto:')) email = email.slice(7);
  if (email.length === 0) return { ok: false, reason: 'empty' };
  if (email.length > MAX_ADDRESS) return { ok: false, reason: 'longer than 254 characters' };
  const at = email.indexOf('@');
  if (at === -1) return { ok: false, reason: 'missing @' };
  if (email.indexOf('@', at + 1) !== -1) return { ok: false, reason: 'more than one @' };
  const localReason = checkLocal(email, at);
  if (localReason) return { ok: false, reason: localReason };
  const domainReason = checkDomain(email, at + 1);
  if (domainReason) return { ok: false, reason: domainReason };
  return { ok: true, value: email };
}

function checkLocal(email: string, end: number): string | null {
  if (end === 0) return 'empty local part';
  if (end > MAX_LOCAL) return 'local part longer than 64 characters';
  let prevDot = true; // a leading dot is as bad as a double dot
  for (let i = 0; i < end; i++) {
    const c = email.charCodeAt(i);
    if (c === 46) {
      if (prevDot) return 'misplaced dot in local part';
      prevDot = true;
      continue;
    }
    prevDot = false;
    if (c < 128 ? LOCAL_OK[c] === 0 : isSpace(c))
      return c <= 32 || isSpace(c) ? 'contains spaces' : `invalid character "${email[i]}"`;
  }
  if (prevDot) return 'misplaced dot in local part';
  return null;
}

function checkDomain(email: string, start: number): string | null {
  const len = email.length;
  if (start >= len) return 'empty domain';
  let labels = 0;
  let labelStart = start;
  let lastLabelNumeric = true;
  let lastLabelLen = 0;
  for (let i = start; i <= len; i++) {
    const c = i === len ? 46 : email.charCodeAt(i);
    if (c === 46) {
      const labelLen = i - labelStart;
      if (labelLen === 0) return 'empty domain label';
      if (labelLen > MAX_LABEL) return 'domain label longer than 63 characters';
      if (email.charCodeAt(labelStart) === 45 || email.charCodeAt(i - 1) === 45)
        return 'domain label starts or ends with a hyphen';
      labels++;
      lastLabelLen = labelLen;
      if (i < len) lastLabelNumeric = true;
      labelStart = i + 1;
      continue;
    }
    const digit = c >= 48 && c <= 57;
    const ok = digit || (c >= 97 && c <= 122) || c === 45 || (c >= 128 && !isSpace(c));
    if (!ok) return c <= 32 || isSpace(c) ? 'contains spaces' : `invalid character "${email[i]}" in domain`;
    if (!digit) lastLabelNumeric = false;
  }
  if (labels < 2) return 'domain has no dot';
  if (lastLabelLen < 2) return 'top-level domain shorter than 2 characters';
  if (lastLabelNumeric) return 'top-level domain is numeric';
  return null;
}

function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
