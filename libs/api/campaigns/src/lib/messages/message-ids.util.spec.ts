import { snapshotIdPrefix, snapshotMessageId } from './message-ids.util';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('snapshot message ids', () => {
  it('are version-7 UUIDs that start with the launch time and end with seq', () => {
    const at = Date.UTC(2026, 10, 25, 4, 0, 0, 123);
    const prefix = snapshotIdPrefix(at, Buffer.from([0xab, 0xcd, 0xef, 0x12]));
    const id = snapshotMessageId(prefix, 980_000);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(parseInt(id.slice(-12), 16)).toBe(980_000);
  });

  it('sort like seq within a launch and after the ids of an earlier launch', () => {
    const early = snapshotIdPrefix(1_000);
    const late = snapshotIdPrefix(2_000);
    const ids = [
      snapshotMessageId(early, 2),
      snapshotMessageId(late, 1),
      snapshotMessageId(early, 10),
      snapshotMessageId(early, 255),
    ];
    expect([...ids].sort()).toEqual([
      snapshotMessageId(early, 2),
      snapshotMessageId(early, 10),
      snapshotMessageId(early, 255),
      snapshotMessageId(late, 1),
    ]);
  });

  it('differ between launches in the same millisecond', () => {
    const prefixes = new Set(Array.from({ length: 1000 }, () => snapshotIdPrefix(5_000)));
    expect(prefixes.size).toBeGreaterThan(990);
  });
});
