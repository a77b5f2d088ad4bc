import { randomFillSync } from 'node:crypto';

/** Any UUID in its canonical text form (the shape a Postgres `uuid` column accepts and prints), either case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Random bytes are drawn in blocks: one getrandom call per 512 ids, not one per id.
const POOL_IDS = 512;
const pool = Buffer.alloc(8 * POOL_IDS);
let poolAt = POOL_IDS;
let lastMs = 0;
let seq = 0;
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then a 12-bit sequence that keeps ids
 * made in the same millisecond increasing, then 62 random bits. Time-ordered keys append to the
 * right edge of b-tree indexes instead of touching random pages, which is what makes bulk inserts
 * into a large `customers` table cheap.
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    seq = 0;
  } else if (++seq > 0xfff) {
    lastMs++; // more than 4096 ids in one millisecond: borrow the next one, order is kept
    seq = 0;
  }
  ms = lastMs;
  if (poolAt === POOL_IDS) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = 8 * poolAt++;
  const hi = Math.floor(ms / 0x100000000);
  const lo = ms >>> 0;
  return (
    HEX[(hi >>> 8) & 0xff] +
    HEX[hi & 0xff] +
    HEX[lo >>> 24] +
    HEX[(lo >>> 16) & 0xff] +
    '-' +
    HEX[(lo >>> 8) & 0xff] +
    HEX[lo & 0xff] +
    '-' +
    HEX[0x70 | (seq >>> 8)] +
    HEX[seq & 0xff] +
    '-' +
    HEX[0x80 | (pool[r] & 0x3f)] +
    HEX[pool[r + 1]] +
    '-' +
    HEX[pool[r + 2]] +
    HEX[pool[r + 3]] +
    HEX[pool[r + 4]] +
    HEX[pool[r + 5]] +
    HEX[pool[r + 6]] +
    HEX[pool[r + 7]]
  );
}
