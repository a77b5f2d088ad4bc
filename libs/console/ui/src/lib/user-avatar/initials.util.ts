const segmenter =
  typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** The user-perceived characters of a text: an emoji, a flag or a letter with its combining marks stays whole. */
function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

/** Up to two characters: first and last word of the name, else the email's first; never half an emoji or accent. */
export function initials(name?: string | null, email?: string | null): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2) return (graphemes(words[0])[0] + graphemes(words[words.length - 1])[0]).toUpperCase();
  if (words.length === 1) return graphemes(words[0]).slice(0, 2).join('').toUpperCase();
  return (graphemes((email ?? '').trim())[0] ?? '?').toUpperCase();
}
