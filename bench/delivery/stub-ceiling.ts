/**
 * The stub's own ceiling: a bare load generator posting batches straight to `/v1/messages/batch`
 * (no database, no queue), `concurrency` requests in flight, unique keys.
 */
export async function measureStubCeiling(
  url: string,
  total: number,
  batch: number,
  concurrency: number,
): Promise<{ messages: number; seconds: number; perSecond: number }> {
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    for (;;) {
      const start = next;
      if (start >= total) return;
      next = Math.min(total, start + batch);
      const messages = [];
      for (let i = start; i < next; i++)
        messages.push({
          idempotencyKey: `ceiling-${i}`,
          channel: 'sms',
          to: `+9170${String(i).padStart(8, '0')}`,
          body: `Hi Aarav, bench message ${i}`,
        });
      const res = await fetch(`${url}/v1/messages/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
      });
      if (res.status !== 200) throw new Error(`stub answered ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - t0) / 1000;
  return { messages: total, seconds, perSecond: total / seconds };
}
