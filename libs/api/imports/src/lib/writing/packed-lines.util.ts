/**
 * Many one-line strings packed as UTF-8 in one buffer (each line ends with `\n`) plus each line's
 * end offset. A worker thread transfers the buffer to the writer instead of cloning thousands of
 * strings onto the writer's heap: a batch costs the writer two small objects, not megabytes of
 * garbage. Lines must not contain `\n` (JSON text and COPY text lines never do).
 */
export interface PackedLines {
  bytes: Uint8Array;
  /** Offset just past line i's `\n`; line i starts at `ends[i - 1]` (0 for the first). */
  ends: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packLines(lines: readonly string[]): PackedLines {
  // TextEncoder always returns a buffer of its own, so transferring it never detaches a shared pool.
  const bytes = encoder.encode(lines.length ? lines.join('\n') + '\n' : '');
  const ends = new Uint32Array(lines.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) ends[n++] = i + 1;
  return { bytes, ends };
}

/** Line i without its `\n`. */
export function lineAt(p: PackedLines, i: number): string {
  return decoder.decode(p.bytes.subarray(i === 0 ? 0 : p.ends[i - 1], p.ends[i] - 1));
}

/** Line i's bytes with its `\n`, as a view (no copy). */
export function lineBytes(p: PackedLines, i: number): Uint8Array {
  return p.bytes.subarray(i === 0 ? 0 : p.ends[i - 1], p.ends[i]);
}

/** The buffers to list when posting `p` to another thread. */
export function transferablesOf(p: PackedLines | null): ArrayBuffer[] {
  return p ? [p.bytes.buffer as ArrayBuffer, p.ends.buffer as ArrayBuffer] : [];
}
