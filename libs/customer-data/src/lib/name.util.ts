import { displayCase } from './display-case.util';

// Any run of Unicode white space (incl. NBSP and zero-width no-break space left by bad exports).
const SPACE_RUN = /[\s\u200b\ufeff]+/g;
const NEEDS_COLLAPSE = /[\s\u200b\ufeff]{2}|[^\S ]|[\u200b\ufeff]/;

/** Trims a name and collapses inner white space to single spaces; null when nothing is left. */
export function normalizeName(input: string): string | null {
  let text = input.trim();
  if (NEEDS_COLLAPSE.test(text)) text = text.replace(SPACE_RUN, ' ').trim();
  return text.length === 0 ? null : text;
}

/** A person's name as shown: trimmed, collapsed and consistently cased (`ASHA` → `Asha`); null when empty. */
export function normalizePersonName(input: string): string | null {
  const name = normalizeName(input);
  return name === null ? null : displayCase(name);
}

// Generational and honorific suffixes stay with the last name ("Iyengar Jr."), never become it.
const SUFFIX = /^(jr|sr|ii|iii|iv|v|phd|md|esq)\.?$/i;
// Particles start the last name ("Ludwig van Beethoven" → "van Beethoven").
const PARTICLE = /^(van|von|der|den|de|del|della|di|da|du|la|le|dos|das|do|bin|binti|al|el|ter|ten)$/i;

/**
 * Splits a full name into first and last name: "Last, First" is swapped; otherwise the last word is the
 * last name and the rest the first name ("Mary Ann Smith" → "Mary Ann" + "Smith"), keeping suffixes
 * ("Ravi Iyengar Jr." → "Ravi" + "Iyengar Jr.") and particles ("Maria de la Cruz" → "Maria" + "de la Cruz")
 * with the last name.
 */
export function splitFullName(input: string): { firstName: string | null; lastName: string | null } {
  const name = normalizePersonName(input);
  if (name === null) return { firstName: null, lastName: null };
  const comma = name.indexOf(',');
  if (comma !== -1 && !SUFFIX.test(name.slice(comma + 1).trim())) {
    return { firstName: normalizeName(name.slice(comma + 1)), lastName: normalizeName(name.slice(0, comma)) };
  }
  const words = name.replace(/,/g, ' ').split(' ').filter(Boolean);
  if (words.length === 1) return { firstName: words[0], lastName: null };
  let start = words.length - 1;
  while (start > 1 && SUFFIX.test(words[start])) start--;
  while (start > 1 && PARTICLE.test(words[start - 1])) start--;
  return { firstName: words.slice(0, start).join(' '), lastName: words.slice(start).join(' ') };
}
