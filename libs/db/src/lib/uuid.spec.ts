import { UUID_PATTERN, uuidv7 } from './uuid';

describe('uuidv7', () => {
  it('is a well-formed version 7, variant 10 UUID carrying the current time', () => {
    const before = Date.now();
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('increases strictly, also within one millisecond and past 4096 ids per millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('UUID_PATTERN', () => {
  it('accepts canonical UUIDs of any version, either case', () => {
    expect(UUID_PATTERN.test(uuidv7())).toBe(true);
    expect(UUID_PATTERN.test('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(UUID_PATTERN.test('4D3C2B1A-9F8E-4D7C-8B6A-5F4E3D2C1B0A')).toBe(true);
  });

  it('rejects anything else', () => {
    for (const s of ['', 'not-a-uuid', '4d3c2b1a9f8e4d7c8b6a5f4e3d2c1b0a', '{4d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a}']) {
      expect(UUID_PATTERN.test(s)).toBe(false);
    }
    expect(UUID_PATTERN.test('4d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a\n')).toBe(false);
    expect(UUID_PATTERN.test('4d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0g')).toBe(false);
  });
});
