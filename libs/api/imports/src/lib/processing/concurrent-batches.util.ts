/**
 * Feeds `items` to `work`, running at most one item per slot at a time (a slot is, say, a database
 * connection). The first failure stops taking new items, waits for the ones in flight and is
 * rethrown; later failures are dropped.
 */
export async function forEachConcurrently<T, S>(items: AsyncIterable<T>, slots: readonly S[], work: (item: T, slot: S) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  let failure: { error: unknown } | null = null;
  // One item is taken from the source at a time, so items start in source order.
  let taking: Promise<unknown> = Promise.resolve();
  const next = (): Promise<IteratorResult<T>> => {
    const result = taking.then(() => iterator.next());
    taking = result.catch(() => undefined);
    return result;
  };
  await Promise.all(
    slots.map(async (slot) => {
      while (!failure) {
        let step: IteratorResult<T>;
        try {
          step = await next();
        } catch (error) {
          failure ??= { error };
          return;
        }
        if (step.done || failure) return;
        try {
          await work(step.value, slot);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) {
    await iterator.return?.(undefined);
    throw (failure as { error: unknown }).error;
  }
}

/** PostgreSQL's deadlock_detected: the transaction was rolled back and may simply run again. */
const DEADLOCK = '40P01';

/** Runs `tx` again (a few times) when the database broke a deadlock by aborting it. */
export async function retryOnDeadlock<T>(tx: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await tx();
    } catch (err) {
      if (i >= attempts || sqlStateOf(err) !== DEADLOCK) throw err;
    }
  }
}

/** The SQLSTATE of a driver error, also when Drizzle wraps it ("Failed query: …", cause = the driver's error). */
function sqlStateOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
