/**
 * How much a customer's free-form `attributes` may hold, through the API and imports alike
 * (docs/security/abuse-and-input.md):
 * attributes are served in every list page, so a blob there slows every reader.
 */
export const ATTRIBUTE_LIMITS = {
  maxKeys: 100,
  maxKeyLength: 100,
  /** Characters of one value (a string's length, else the length of its JSON). */
  maxValueLength: 2000,
  /** Bytes of the whole object as JSON (UTF-8). */
  maxTotalBytes: 16 * 1024,
} as const;

const shortKey = (key: string) => (key.length > 40 ? `${key.slice(0, 40)}…` : key);

/**
 * What is wrong with an attributes object, each said after the word "attributes" (empty when it
 * fits the limits). Only objects are judged; other types are the DTO's business.
 */
export function attributesProblems(attributes: unknown): string[] {
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) return [];
  const entries = Object.entries(attributes as Record<string, unknown>);
  if (entries.length === 0) return []; // most import rows: no per-row cost
  const problems: string[] = [];
  const l = ATTRIBUTE_LIMITS;
  if (entries.length > l.maxKeys) problems.push(`can have at most ${l.maxKeys} keys (got ${entries.length})`);
  for (const [key, value] of entries) {
    if (key.length > l.maxKeyLength)
      problems.push(`key "${shortKey(key)}" is too long (${l.maxKeyLength} characters at most)`);
    const length = typeof value === 'string' ? value.length : (JSON.stringify(value) ?? '').length;
    if (length > l.maxValueLength)
      problems.push(`value of "${shortKey(key)}" is too long (${l.maxValueLength} characters at most)`);
  }
  const json = JSON.stringify(attributes);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: only a large object needs encoding to be measured
  const total = json.length * 3 <= l.maxTotalBytes ? json.length : new TextEncoder().encode(json).length;
  if (total > l.maxTotalBytes)
    problems.push(`are too large in total (${Math.ceil(total / 1024)} KB; ${l.maxTotalBytes / 1024} KB at most)`);
  return problems;
}

/** How much an order's free-form `items` (line items, stored as given) may hold. */
export const ORDER_ITEMS_LIMITS = {
  maxEntries: 500,
  /** Bytes of the whole value as JSON (UTF-8). */
  maxTotalBytes: 64 * 1024,
} as const;

/** What is wrong with an order's `items`, each said after the word "items" (empty when it fits). */
export function orderItemsProblems(items: unknown): string[] {
  if (items === undefined || items === null) return [];
  const l = ORDER_ITEMS_LIMITS;
  const problems: string[] = [];
  if (Array.isArray(items) && items.length > l.maxEntries)
    problems.push(`can have at most ${l.maxEntries} entries (got ${items.length})`);
  const json = JSON.stringify(items) ?? '';
  const total = json.length * 3 <= l.maxTotalBytes ? json.length : new TextEncoder().encode(json).length;
  if (total > l.maxTotalBytes)
    problems.push(`are too large in total (${Math.ceil(total / 1024)} KB; ${l.maxTotalBytes / 1024} KB at most)`);
  return problems;
}
