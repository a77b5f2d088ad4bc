/**
 * FNV-1a over UTF-16 code units followed by the murmur3 finalizer: fast, stable across runs and
 * processes, and evenly spread — enough to derive a simulated fate from an idempotency key.
 */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) derived from `text`; different seeds give independent draws. */
export function unitHash(text: string, seed?: number): number {
  return hash32(text, seed) / 0x1_0000_0000;
}
