/**
 * BullMQ 5.81 reports a connection that fails while still connecting through an emitter whose
 * listeners `close()` has already removed, so closing a queue or worker mid-connect (an app that
 * stops right after it starts) throws an uncaught 'error'. Waiting until it is connected, for a
 * bounded time, before closing avoids that.
 */
export async function untilConnected(q: { waitUntilReady(): Promise<unknown> }, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([
    q.waitUntilReady().then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]);
  clearTimeout(timer);
}

/** Closes a queue or worker we own, after `untilConnected`; errors while closing are of no use then. */
export async function closeWhenConnected(q: {
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}): Promise<void> {
  await untilConnected(q);
  await q.close().catch(() => undefined);
}
