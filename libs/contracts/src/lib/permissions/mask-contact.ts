/** `alice@example.com` → `a***@example.com` (viewers see contact details masked). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** `+919876541234` → `+91******1234`: country code and last four digits stay. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const cc = phone.startsWith('+') ? digits.slice(0, digits.length > 10 ? digits.length - 10 : 1) : '';
  const hidden = digits.length - cc.length - 4;
  return `${cc ? '+' + cc : ''}${'*'.repeat(Math.max(hidden, 0))}${digits.slice(-4)}`;
}

/** Masks an email or a phone, whichever `value` looks like. */
export function maskContact(value: string): string {
  return value.includes('@') ? maskEmail(value) : maskPhone(value);
}
