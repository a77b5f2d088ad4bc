import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { compareProportions, welchTTest } from '@mini-crm/experiment-stats';
import { testDrivers } from '@mini-crm/api/testing';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '../testing/delivery-harness';

type Group = 'recipient' | 'holdout';
/** The orders (amounts) the i-th person of a group places after the launch. */
type OrdersOf = (group: Group, i: number) => number[];

/**
 * Holdout lift against the raw rows: a campaign with a 30 % holdout is sent, then orders are booked
 * through the API so that recipients convert more (or, second campaign, exactly as often) as the
 * held-out customers. The test recomputes both groups' conversion and revenue per person from
 * `messages`, `campaign_holdout` and `orders`, and checks the stats' figures and verdicts.
 */
describe.each(testDrivers())('holdout lift: recipients vs holdout (%s)', (driver) => {
  let h: DeliveryHarness;
  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    rowsOf<T>(await h.t.db.handle.db.execute(query));

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, { stub: { failRate: 0, openRate: 0, clickRate: 0 } });
    await seedCustomers(h.t.db.handle.db, [...makeCustomers(500, 'Pune'), ...makeCustomers(500, 'Agra', 1000)]);
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  async function sendAndOrder(city: string, ordersOf: OrdersOf) {
    const segmentId = await h.createSegment(city, city);
    const { id } = await h.createCampaign({
      name: `Holdout ${city}`,
      segmentId,
      channel: 'sms',
      message: '',
      variants: [{ key: 'A', message: 'Hi {{first_name|there}}' }],
      holdout: 0.3,
    });
    expect((await h.launch(id)).status).toBe(200);
    await h.settle(id);
    const recipients = (
      await q<{ id: string }>(sql`select customer_id as id from messages where campaign_id = ${id}
        and status not in ('queued', 'failed') order by customer_id`)
    ).map((r) => r.id);
    const held = (
      await q<{ id: string }>(sql`select customer_id as id from campaign_holdout where campaign_id = ${id}
        order by customer_id`)
    ).map((r) => r.id);
    const orderedAt = new Date().toISOString();
    const orders = [
      ...recipients.flatMap((customerId, i) =>
        ordersOf('recipient', i).map((amount) => ({ customerId, amount, orderedAt })),
      ),
      ...held.flatMap((customerId, i) => ordersOf('holdout', i).map((amount) => ({ customerId, amount, orderedAt }))),
    ];
    const booked = await h.t.request('POST', '/api/orders', { token: h.token, body: { orders } });
    expect(booked.status).toBe(201);
    return { id, recipients, held };
  }

  /** Each group's people, converters and revenue moments, from the orders table alone. */
  async function fromRawRows(id: string, recipients: string[], held: string[]) {
    const perPerson = new Map(
      (
        await q<{ customer_id: string; revenue: number }>(sql`
          select o.customer_id, sum(o.amount)::float8 as revenue from orders o, campaigns c
          where c.id = ${id} and o.ordered_at >= c.started_at group by o.customer_id`)
      ).map((r) => [r.customer_id, Number(r.revenue)]),
    );
    const group = (ids: string[]) => {
      const revenues = ids.map((c) => perPerson.get(c));
      const bought = revenues.filter((r): r is number => r !== undefined);
      return {
        n: ids.length,
        converters: bought.length,
        sum: bought.reduce((a, r) => a + r, 0),
        sumOfSquares: bought.reduce((a, r) => a + r * r, 0),
      };
    };
    return { r: group(recipients), hd: group(held) };
  }

  it('recipients convert and spend more: rates, differences, intervals and p-values match the raw rows', async () => {
    // Every 3rd recipient orders (some twice); every 10th held-out customer orders once.
    const { id, recipients, held } = await sendAndOrder('Pune', (g, i) =>
      g === 'recipient'
        ? i % 3 === 0
          ? [100 + (i % 7) * 10, ...(i % 9 === 0 ? [50] : [])]
          : []
        : i % 10 === 0
          ? [80]
          : [],
    );
    const { r, hd } = await fromRawRows(id, recipients, held);
    expect(r.converters).toBe(Math.ceil(recipients.length / 3));
    expect(hd.converters).toBe(Math.ceil(held.length / 10));

    const s = await h.stats(id);
    expect(s.holdout).toMatchObject({ size: held.length, converted: hd.converters });
    expect(s.holdout?.revenue).toBeCloseTo(hd.sum, 6);
    const lift = s.holdout?.lift;
    if (!lift) throw new Error(`no lift in ${JSON.stringify(s.holdout)}`);
    expect(lift.recipients).toBe(recipients.length);
    expect(lift.recipientConversionRate).toBeCloseTo(r.converters / r.n, 12);
    expect(lift.holdoutConversionRate).toBeCloseTo(hd.converters / hd.n, 12);
    expect(lift.conversionRateDifference).toBeCloseTo(r.converters / r.n - hd.converters / hd.n, 12);
    expect(lift.recipientRevenuePerPerson).toBeCloseTo(r.sum / r.n, 9);
    expect(lift.holdoutRevenuePerPerson).toBeCloseTo(hd.sum / hd.n, 9);
    expect(lift.revenuePerPersonDifference).toBeCloseTo(r.sum / r.n - hd.sum / hd.n, 9);
    // The tests themselves (checked against SciPy in libs/experiment-stats), fed the test's own counts.
    const conversion = compareProportions(
      { successes: hd.converters, trials: hd.n },
      { successes: r.converters, trials: r.n },
      0.95,
    );
    const revenue = welchTTest(hd, r, 0.95);
    expect(lift.conversionPValue).toBeCloseTo(conversion.pValue, 12);
    expect(lift.conversionInterval.low).toBeCloseTo(conversion.interval.low, 12);
    expect(lift.conversionInterval.high).toBeCloseTo(conversion.interval.high, 12);
    expect(lift.revenuePValue).toBeCloseTo(revenue.pValue, 9);
    expect(lift.revenueInterval.low).toBeCloseTo(revenue.interval.low, 6);
    expect(lift.revenueInterval.high).toBeCloseTo(revenue.interval.high, 6);
    expect(lift.conversionPValue).toBeLessThan(0.001);
    expect(lift.revenuePValue).toBeLessThan(0.001);
    expect(lift).toMatchObject({
      confidence: 0.95,
      conversionVerdict: 'significant',
      revenueVerdict: 'significant',
      significant: true,
    });
    expect(lift.summary).toContain('significant');
  });

  it('recipients order exactly as often as the holdout: "not significant", said plainly', async () => {
    const { id, recipients, held } = await sendAndOrder('Agra', (_g, i) => (i % 5 === 0 ? [60] : []));
    const { r, hd } = await fromRawRows(id, recipients, held);
    const lift = (await h.stats(id)).holdout?.lift;
    if (!lift) throw new Error('no lift');
    expect(lift.recipientConversionRate).toBeCloseTo(r.converters / r.n, 12);
    expect(lift.holdoutConversionRate).toBeCloseTo(hd.converters / hd.n, 12);
    expect(Math.abs(lift.conversionRateDifference)).toBeLessThan(0.02);
    expect(lift.conversionPValue).toBeGreaterThan(0.5);
    expect(lift.revenuePValue).toBeGreaterThan(0.5);
    expect(lift).toMatchObject({
      conversionVerdict: 'not significant',
      revenueVerdict: 'not significant',
      significant: false,
    });
    expect(lift.summary).toMatch(/not significant.*not significant/);
  });
});
