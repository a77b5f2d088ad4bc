import { ATTRIBUTE_FIELD_PREFIX, ATTRIBUTE_KEY_PATTERN } from '@mini-crm/contracts';

/** A token the API accepts: one of `known` (its token list) or `attributes.<key>`. */
export function isKnownToken(name: string, known: ReadonlySet<string>): boolean {
  if (known.has(name)) return true;
  return (
    name.startsWith(ATTRIBUTE_FIELD_PREFIX) && ATTRIBUTE_KEY_PATTERN.test(name.slice(ATTRIBUTE_FIELD_PREFIX.length))
  );
}

export interface Insertion {
  value: string;
  /** Caret position after the inserted text. */
  caret: number;
}

/** Replaces the selection [start, end) with `insert`, clamping out-of-range positions. */
export function insertAt(value: string, start: number | null, end: number | null, insert: string): Insertion {
  const s = clamp(start ?? value.length, value.length);
  const e = Math.max(s, clamp(end ?? s, value.length));
  return { value: value.slice(0, s) + insert + value.slice(e), caret: s + insert.length };
}

function clamp(n: number, max: number): number {
  return Math.min(Math.max(0, n), max);
}
