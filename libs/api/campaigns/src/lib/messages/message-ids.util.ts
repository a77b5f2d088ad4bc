import { randomBytes } from 'node:crypto';

/**
 * The first 20 hex digits (with dashes) of the message ids of one audience snapshot, UUIDv7 style:
 * 48 bits of milliseconds, version 7, the variant and 26 random bits. Each id appends its `seq` as
 * the last 12 hex digits, so a campaign's ids are unique, ordered like `seq` and close to the ids
 * of the previous launch: every b-tree holding them grows at its right edge instead of touching a
 * random page per row (which, once indexes outgrow shared_buffers, dominates a large snapshot
 * and the receipts that follow). Two launches share a prefix only in the same millisecond with the
 * same 26 random bits.
 */
export function snapshotIdPrefix(now = Date.now(), random: Buffer = randomBytes(4)): string {
  const ms = now.toString(16).padStart(12, '0').slice(-12);
  const r = random.toString('hex').padStart(8, '0');
  const variant = (8 | (parseInt(r[3], 16) & 3)).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-`;
}

/** The id `snapshotIdPrefix` + seq builds in SQL (`lpad(to_hex(seq), 12, '0')`), for tests. */
export function snapshotMessageId(prefix: string, seq: number): string {
  return prefix + seq.toString(16).padStart(12, '0');
}
