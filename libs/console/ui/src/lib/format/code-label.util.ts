/**
 * A machine code read as words: `invalid_recipient` → "Invalid recipient". Anything that is not a
 * lower-case code (a provider's free-text reason such as "550 5.1.1 User unknown") is shown as it came.
 */
export function codeLabel(value: string | null | undefined): string {
  if (!value) return '';
  if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(value)) return value;
  return value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
}
