import { normalizeName } from './name.util';

const TAG_SEPARATORS = /[,;|]/;

/**
 * Splits a tags cell on `,`, `;` or `|`, trims, collapses white space, lower-cases and
 * de-duplicates (first occurrence order kept).
 *
 * Commas split even in comma-delimited files: there a tags cell only contains commas when the
 * exporter quoted a list on purpose (Shopify writes `"vip, wholesale"`), and a single tag holding
 * a comma is far rarer than that.
 */
export function splitTags(input: string): string[] {
  if (input.length === 0) return [];
  if (!TAG_SEPARATORS.test(input)) {
    const tag = normalizeName(input);
    return tag === null ? [] : [tag.toLowerCase()];
  }
  const out: string[] = [];
  for (const part of input.split(TAG_SEPARATORS)) {
    const tag = normalizeName(part);
    if (tag === null) continue;
    const lower = tag.toLowerCase();
    if (!out.includes(lower)) out.push(lower);
  }
  return out;
}
