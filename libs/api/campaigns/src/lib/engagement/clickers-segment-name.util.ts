/** Segment names are at most this long (CreateSegmentDto). */
export const SEGMENT_NAME_MAX = 120;
/** Room kept for a uniqueness suffix such as ` (12)`. */
const SUFFIX_ROOM = 6;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + '…';
}

/** `Clicked <url> in <campaign>`, the URL (then the whole) shortened with `…` to leave room for a suffix. */
export function clickersSegmentName(url: string, campaignName: string): string {
  const max = SEGMENT_NAME_MAX - SUFFIX_ROOM;
  const frame = `Clicked  in ${campaignName}`.length;
  const name = `Clicked ${shorten(url, Math.max(20, max - frame))} in ${campaignName}`;
  return shorten(name, max);
}

/** The n-th candidate of a name: the name itself, then `name (2)`, `name (3)`… */
export function numberedName(name: string, n: number): string {
  return n <= 1 ? name : `${name} (${n})`;
}
