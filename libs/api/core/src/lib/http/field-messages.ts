import type { FieldIssue } from './error-body';

/** Words people write differently from a property name. */
const WORDS: Record<string, string> = { id: 'ID', ids: 'IDs', url: 'URL', sms: 'SMS', utm: 'UTM', ai: 'AI' };

/** The last property of a field path, without indexes: `orders[2].customerEmail` → `customerEmail`. */
function lastProperty(path: string): string {
  const parts = path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** `firstName` / `first_name` → `First name`; `segmentId` → `Segment ID`. */
export function fieldLabel(path: string): string {
  const words = lastProperty(path)
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  if (!words.length) return 'This field';
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

const plural = (n: string, one: string, many: string) => (n === '1' ? `${n} ${one}` : `${n} ${many}`);

/** class-validator's default wordings (after the property name) and how people say them. */
const REWRITES: [RegExp, (...groups: string[]) => string][] = [
  [/^must be shorter than or equal to (\d+) characters?$/, (n) => `is too long (${n} characters at most)`],
  [
    /^must be longer than or equal to (\d+) characters?$/,
    (n) => (n === '1' ? 'can’t be empty' : `is too short (at least ${n} characters)`),
  ],
  [/^should not be empty$/, () => 'is required'],
  [/^should not be null or undefined$/, () => 'is required'],
  [/^must be a string$/, () => 'must be text'],
  [/^must be an integer number$/, () => 'must be a whole number'],
  [/^must be a number conforming to the specified constraints$/, () => 'must be a number'],
  [/^must not be less than (\S+)$/, (n) => `must be at least ${n}`],
  [/^must not be greater than (\S+)$/, (n) => `must be at most ${n}`],
  [/^must be a boolean value$/, () => 'must be true or false'],
  [/^must be one of the following values: (.*)$/, (v) => `must be one of ${v}`],
  [/^must be an email$/, () => 'must be a valid email address'],
  [/^must be a valid ISO 8601 date string$/, () => 'must be a date and time such as 2026-12-02T10:00:00Z'],
  [/^must match .* regular expression$/, () => 'is not in the expected format'],
  [/^must be a UUID$/, () => 'must be a valid ID'],
  [/^must contain no more than (\d+) elements$/, (n) => `can have at most ${plural(n, 'item', 'items')}`],
  [/^must contain at least (\d+) elements$/, (n) => `needs at least ${plural(n, 'item', 'items')}`],
  [/^must be an array$/, () => 'must be a list'],
  [/^must be an object$/, () => 'must be an object'],
];

function rewrite(rest: string): string | null {
  for (const [pattern, say] of REWRITES) {
    const m = pattern.exec(rest);
    if (m) return say(...m.slice(1));
  }
  return null;
}

/**
 * A field message for people: `firstName must be shorter than or equal to 200 characters` →
 * `First name is too long (200 characters at most)`. Messages that do not start with the property name
 * (already written for people, or a parser's own wording) are left as they are.
 */
export function humanFieldMessage(path: string, message: string): string {
  const unknown = /^property (\S+) should not exist$/.exec(message);
  if (unknown) return `“${unknown[1]}” is not a field this request accepts`;
  const prop = lastProperty(path);
  const each = new RegExp(`^each value in ${escape(prop)} (.*)$`).exec(message);
  if (each) {
    const said = rewrite(each[1]) ?? each[1];
    return `Each entry of ${fieldLabel(path).toLowerCase()} ${said}`;
  }
  if (message.startsWith(`${prop} `)) {
    const rest = message.slice(prop.length + 1);
    return `${fieldLabel(path)} ${rewrite(rest) ?? rest}`;
  }
  return message;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Field paths stay in `details`; each message is for people. */
export function humanIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path, message: humanFieldMessage(i.path, i.message) }));
}

/** The sentence shown for a failed validation: the first few field messages, then how many more. */
export function validationSummary(issues: readonly FieldIssue[]): string {
  if (!issues.length) return 'Some values are not valid';
  const shown = issues.slice(0, 3).map((i) => i.message);
  const more = issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}

export function isFieldIssueList(value: unknown): value is FieldIssue[] {
  return (
    Array.isArray(value) &&
    value.every(
      (d) =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldIssue).path === 'string' &&
        typeof (d as FieldIssue).message === 'string',
    )
  );
}
