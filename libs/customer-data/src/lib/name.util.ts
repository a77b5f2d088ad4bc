// Any run of Unicode white space (incl. NBSP and zero-width no-break space left by bad exports).
const SPACE_RUN = /[\s\u200b\ufeff]+/g;
const NEEDS_COLLAPSE = /[\s\u200b\ufeff]{2}|[^\S ]|[\u200b\ufeff]/;

/** Trims a name and collapses inner white space to single spaces; null when nothing is left. */
export function normalizeName(input: string): string | null {
  let text = input.trim();
  if (NEEDS_COLLAPSE.test(text)) text = text.replace(SPACE_RUN, ' ').trim();
  return text.length === 0 ? null : text;
}

/**
 * Splits a full name into first and last name: "Last, First" is swapped; otherwise the last word
 * is the last name and the rest the first name ("Mary Ann Smith" → "Mary Ann" + "Smith").
 */
export function splitFullName(input: string): { firstName: string | null; lastName: string | null } {
  const name = normalizeName(input);
  if (name === null) return { firstName: null, lastName: null };
  const comma = name.indexOf(',');
  if (comma !== -1) {
    return { firstName: normalizeName(name.slice(comma + 1)), lastName: normalizeName(name.slice(0, comma)) };
  }
  const space = name.lastIndexOf(' ');
  if (space === -1) return { firstName: name, lastName: null };
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}
