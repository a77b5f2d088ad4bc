/** Longest URL we track; longer ones stay as written. */
export const MAX_TRACKED_URL = 2048;

const HREF = /(<a\b[^>]*?\bhref\s*=\s*)("([^"]*)"|'([^']*)'|([^\s>"']+))/gi;
const SMS_URL = /https?:\/\/[^\s<>"']+/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** The URL an href attribute names (entities decoded, trimmed). */
export function decodeHref(raw: string): string {
  return raw.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e]).trim();
}

/** SMS text ends a URL before trailing punctuation and an unbalanced closing bracket. */
function trimSmsUrl(url: string): string {
  let u = url.replace(/[.,;:!?]+$/, '');
  while (u.endsWith(')') && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) u = u.slice(0, -1);
  return u.replace(/[.,;:!?]+$/, '');
}

/**
 * Whether a URL is tracked: absolute http(s), parseable, without personalization tokens (a URL
 * with `{{…}}` differs per recipient, so it is left as written), and not one of our own
 * (unsubscribe pages, tracked links).
 */
export function isTrackable(url: string, publicUrl: string): boolean {
  if (!/^https?:\/\//i.test(url) || url.includes('{{') || url.length > MAX_TRACKED_URL) return false;
  if (url.startsWith(`${publicUrl}/api/unsubscribe`) || url.startsWith(`${publicUrl}/r/`)) return false;
  if (url.startsWith(`${publicUrl}/o/`)) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** Distinct trackable URLs in order of first appearance: `<a href>` of an email, http(s) URLs of an SMS. */
export function extractLinks(channel: 'sms' | 'email', message: string, publicUrl: string): string[] {
  const found = new Set<string>();
  if (channel === 'email') {
    for (const m of message.matchAll(HREF)) found.add(decodeHref(m[3] ?? m[4] ?? m[5] ?? ''));
  } else {
    for (const m of message.matchAll(SMS_URL)) found.add(trimSmsUrl(m[0]));
  }
  return [...found].filter((u) => isTrackable(u, publicUrl));
}

/**
 * The message with each tracked URL replaced by `mark(index)` (index into `links`): hrefs of an
 * email, URLs of an SMS. Untracked URLs stay as written.
 */
export function markLinks(
  channel: 'sms' | 'email',
  message: string,
  links: readonly string[],
  mark: (index: number) => string,
): string {
  const index = new Map(links.map((u, i) => [u, i]));
  if (!index.size) return message;
  if (channel === 'email')
    return message.replace(HREF, (all, lead: string, _v, dq?: string, sq?: string, bare?: string) => {
      const i = index.get(decodeHref(dq ?? sq ?? bare ?? ''));
      return i === undefined ? all : `${lead}"${mark(i)}"`;
    });
  return message.replace(SMS_URL, (all: string) => {
    const url = trimSmsUrl(all);
    const i = index.get(url);
    return i === undefined ? all : `${mark(i)}${all.slice(url.length)}`;
  });
}
