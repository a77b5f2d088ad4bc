import { INSIGHTS_QUEUE, Queues } from '@mini-crm/api/core';
import { signInTeam, startTestApp, testDrivers, waitUntil, type TestApp } from '@mini-crm/api/testing';

/** New orders (single, batch) queue one debounced model run, however many arrive in a burst. */
describe.each(testDrivers())('insights run after new orders (%s)', (driver) => {
  let t: TestApp;
  let marketer: string;
  beforeAll(async () => {
    // A debounce long enough that the run waits for the test to release it.
    t = await startTestApp({ driver, env: { INSIGHTS_CRON: '', INSIGHTS_DEBOUNCE_SECONDS: '3600' } });
    ({ marketer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  const delayed = () => t.app.get(Queues).queue(INSIGHTS_QUEUE).getDelayed();

  it('queues nothing until an order lands, then one delayed run for a burst of orders', async () => {
    const c = await t.request('POST', '/api/customers', { token: marketer, body: { email: 'buyer@example.com' } });
    expect(c.status).toBe(201);
    expect(await delayed()).toHaveLength(0);

    const order = (n: number) => ({
      customerId: c.body.id,
      externalId: `o-${n}`,
      amount: 100 + n,
      orderedAt: new Date(Date.UTC(2026, 10, n)).toISOString(),
    });
    expect((await t.request('POST', '/api/orders', { token: marketer, body: order(1) })).status).toBe(201);
    const first = await delayed();
    expect(first.map((j) => j.name)).toEqual(['after-orders']);

    expect((await t.request('POST', '/api/orders', { token: marketer, body: order(2) })).status).toBe(201);
    const batch = await t.request('POST', '/api/orders/batch', {
      token: marketer,
      body: { records: [order(3), order(4)] },
    });
    expect(batch.body).toMatchObject({ created: 2 });
    const after = await delayed();
    expect(after.map((j) => j.name)).toEqual(['after-orders']);

    // Released, the job is taken by the insights consumer (one customer is too few to fit a model, so
    // the run may end either way; what matters here is that the debounced job is the one that runs).
    await after[0].promote();
    const state = await waitUntil(
      'the debounced run to be processed',
      async () => {
        const s = await t.app
          .get(Queues)
          .queue(INSIGHTS_QUEUE)
          .getJobState(after[0].id as string);
        return (s === 'completed' || s === 'failed') && s;
      },
      60_000,
    );
    expect(['completed', 'failed']).toContain(state);
    expect(await delayed()).toHaveLength(0);
  });
});
