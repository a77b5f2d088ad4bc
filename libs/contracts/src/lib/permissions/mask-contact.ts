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

/** Our links that act for one recipient: unsubscribe (`/api/unsubscribe/<token>`), tracked click and open. */
const RECIPIENT_LINK = /(\/api\/unsubscribe\/|\/r\/|\/o\/)[A-Za-z0-9._~%-]+/g;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** `+` and 8+ digits, or 10+ digits, with spaces, dots, dashes or brackets between (not inside a word or path). */
const PHONE_IN_TEXT = /(?<![\w/=.-])(?:\+\d[\d ().-]{6,}\d|\d[\d ().-]{8,}\d)(?![\w/])/g;

/**
 * Message text as a viewer may read it: email addresses and phone numbers masked like contact fields, and the
 * tokens of links that act for the recipient (unsubscribe, tracked click, open pixel) replaced by `***`, so a
 * read-only role can neither see a contact point nor unsubscribe someone or fake their click.
 */
export function maskContactsInText(text: string): string {
  return text
    .replace(RECIPIENT_LINK, (_m, prefix: string) => `${prefix}***`)
    .replace(EMAIL_IN_TEXT, (m) => maskEmail(m))
    .replace(PHONE_IN_TEXT, (m) => {
      if (/^\d{4}-\d\d-\d\d/.test(m)) return m; // a date (and time), not a number to call
      const digits = m.replace(/\D/g, '').length;
      return (m.startsWith('+') ? digits >= 8 : digits >= 10) ? maskPhone(m) : m;
    });
}
