import { forEachConcurrently, retryOnDeadlock } from './concurrent-batches.util';

async function* source(n: number, failAt = -1): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error(`source failed at ${i}`);
    yield i;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('forEachConcurrently', () => {
  it('runs every item once, at most one per slot at a time, taking items in order', async () => {
    const busy = new Set<string>();
    const seen: number[] = [];
    let overlap = 0;
    await forEachConcurrently(source(20), ['a', 'b'], async (item, slot) => {
      if (busy.has(slot)) throw new Error(`slot ${slot} used twice at once`);
      busy.add(slot);
      seen.push(item);
      if (busy.size === 2) overlap++;
      await tick();
      busy.delete(slot);
    });
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(overlap).toBeGreaterThan(0);
  });

  it('stops taking items after a failure, lets the one in flight finish and rethrows the first error', async () => {
    const done: number[] = [];
    await expect(
      forEachConcurrently(source(100), [1, 2], async (item) => {
        await tick();
        if (item === 3) throw new Error('item 3 failed');
        done.push(item);
      }),
    ).rejects.toThrow('item 3 failed');
    expect(done.length).toBeLessThan(10);
    expect(done).not.toContain(3);
  });

  it('rethrows a failure of the source', async () => {
    await expect(forEachConcurrently(source(10, 4), [1, 2], async () => void (await tick()))).rejects.toThrow('source failed at 4');
  });
});

describe('retryOnDeadlock', () => {
  const deadlock = () => Object.assign(new Error('Failed query: insert …'), { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) });

  it('runs the transaction again when PostgreSQL aborted it to break a deadlock (also when wrapped)', async () => {
    let calls = 0;
    const out = await retryOnDeadlock(async () => {
      if (++calls < 3) throw deadlock();
      return 'committed';
    });
    expect(out).toBe('committed');
    expect(calls).toBe(3);
  });

  it('does not retry other errors, and gives up after the last attempt', async () => {
    let calls = 0;
    await expect(retryOnDeadlock(async () => { calls++; throw Object.assign(new Error('unique'), { code: '23505' }); })).rejects.toThrow('unique');
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryOnDeadlock(async () => { calls++; throw deadlock(); }, 2)).rejects.toThrow('Failed query');
    expect(calls).toBe(2);
  });
});
