import { lineAt, lineBytes, packLines } from './packed-lines.util';

describe('packed lines', () => {
  it('round-trips lines, multi-byte characters included, with byte offsets', () => {
    const lines = ['{"a":"ü"}', '', 'C1\tZoë\t\\N', '数据'];
    const p = packLines(lines);
    expect(lines.map((_, i) => lineAt(p, i))).toEqual(lines);
    expect(Buffer.from(lineBytes(p, 2)).toString()).toBe('C1\tZoë\t\\N\n');
    expect(p.ends[p.ends.length - 1]).toBe(p.bytes.length);
  });

  it('packs nothing into empty buffers that own their memory', () => {
    const p = packLines([]);
    expect(p.bytes.length).toBe(0);
    expect(p.ends.length).toBe(0);
    expect(packLines(['x']).bytes.buffer.byteLength).toBe(2);
  });
});
