import { sql } from 'drizzle-orm';
import { startTestApp, testDrivers, type TestApp } from '@mini-crm/api/testing';
import { firstValueFrom } from 'rxjs';
import { ConsentService } from '@mini-crm/api/customers';
import { CampaignStatsFeed } from '@mini-crm/api/campaigns';
import {
  at,
  createSegment,
  DAY,
  HOUR,
  importOrders,
  q,
  rollupDeliveryFromMessages,
  seedCustomers,
  seedEngagement,
  seedMessages,
} from '../testing/analytics-fixture';

const T0 = new Date('2026-06-01T00:00:00.000Z');
const iso = (ms: number) => at(T0, ms).toISOString();

describe.each(testDrivers())('conversions, rollups and the analytics API (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let segmentId: string;
  let c1: string; // sms, hand-written
  let c2: string; // email, from an AI suggestion
  let ids: Record<string, string>;
  const msg: Record<string, string> = {};

  const get = (path: string, token = viewer) => t.request('GET', path, { token });
  const db = () => t.db.handle.db;

  beforeAll(async () => {
    t = await startTestApp({ driver, env: { ANALYTICS_CACHE_TTL_SECONDS: '0', COST_PER_SMS: '0.5' } });
    admin = (await t.login('admin@example.com')).accessToken;
    viewer = (await t.login('viewer@example.com')).accessToken;
    segmentId = await createSegment(t, admin, 'Pune');
    const mk = async (body: Record<string, unknown>) => {
      const res = await t.request('POST', '/api/campaigns', { token: admin, body: { segmentId, ...body } });
      if (res.status !== 201) throw new Error(`campaign: ${res.status} ${res.text}`);
      return res.body;
    };
    const one = await mk({ name: 'C1', channel: 'sms', message: 'Hi {{first_name|there}}' });
    const two = await mk({
      name: 'C2',
      channel: 'email',
      subject: 'Hello',
      message: '<p>Hi</p>',
      aiSuggestion: { provider: 'offline', index: 1 },
    });
    expect(one.messageSource).toBe('manual');
    expect(two.messageSource).toBe('ai');
    c1 = one.id;
    c2 = two.id;
    ids = await seedCustomers(db(), ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test', 'f@x.test']);
    const seeds = [
      // a: a later delivery of c1, an earlier click of c2 → the click wins.
      {
        key: 'a1',
        campaignId: c1,
        customerId: ids['a@x.test'],
        status: 'sent',
        at: at(T0, 60 * HOUR - 60_000),
        deliveredAt: at(T0, 60 * HOUR),
      },
      {
        key: 'a2',
        campaignId: c2,
        customerId: ids['a@x.test'],
        status: 'sent',
        at: at(T0, 2 * HOUR),
        deliveredAt: at(T0, 2 * HOUR + 60_000),
        clickedAt: at(T0, 50 * HOUR),
      },
      // b: two deliveries → the last touch (c2) wins.
      {
        key: 'b1',
        campaignId: c1,
        customerId: ids['b@x.test'],
        status: 'sent',
        at: at(T0, 10 * HOUR),
        deliveredAt: at(T0, 10 * HOUR + 1000),
      },
      {
        key: 'b2',
        campaignId: c2,
        customerId: ids['b@x.test'],
        status: 'sent',
        at: at(T0, 20 * HOUR),
        deliveredAt: at(T0, 20 * HOUR + 1000),
        openedAt: at(T0, 21 * HOUR),
      },
      // c: delivered 8 days before the order → outside the window.
      {
        key: 'c1',
        campaignId: c1,
        customerId: ids['c@x.test'],
        status: 'sent',
        at: at(T0, 0),
        deliveredAt: at(T0, 1000),
      },
      // d: delivered after the order → none.
      {
        key: 'd1',
        campaignId: c1,
        customerId: ids['d@x.test'],
        status: 'sent',
        at: at(T0, 48 * HOUR),
        deliveredAt: at(T0, 48 * HOUR + 1000),
      },
      // e: c1 failed, c2 delivered → c2 (import).
      { key: 'e1', campaignId: c1, customerId: ids['e@x.test'], status: 'failed', at: at(T0, 3 * HOUR) },
      {
        key: 'e2',
        campaignId: c2,
        customerId: ids['e@x.test'],
        status: 'sent',
        at: at(T0, 5 * HOUR),
        deliveredAt: at(T0, 5 * HOUR + 1000),
      },
      // f: c1 delivered → c1 (import).
      {
        key: 'f1',
        campaignId: c1,
        customerId: ids['f@x.test'],
        status: 'sent',
        at: at(T0, 3 * HOUR),
        deliveredAt: at(T0, 3 * HOUR + 1000),
      },
    ] as const;
    const mids = await seedMessages(
      db(),
      seeds.map(({ key: _k, ...s }) => s),
    );
    seeds.forEach((s, i) => (msg[s.key] = mids[i]));
    await rollupDeliveryFromMessages(db());
    const links = await q<{ id: number }>(
      db(),
      sql`insert into campaign_links (campaign_id, url, position) values (${c2}, 'https://shop.test/a', 1), (${c2}, 'https://shop.test/b', 2) returning id`,
    );
    await seedEngagement(db(), [
      { messageId: msg['a2'], type: 'click', at: at(T0, 50 * HOUR), linkId: links[0].id },
      { messageId: msg['a2'], type: 'click', at: at(T0, 50 * HOUR + 60_000), linkId: links[0].id },
      { messageId: msg['a2'], type: 'click', at: at(T0, 50 * HOUR), linkId: links[0].id, machine: true },
      { messageId: msg['b2'], type: 'open', at: at(T0, 21 * HOUR) },
      { messageId: msg['b2'], type: 'open', at: at(T0, 20 * HOUR + 2000), machine: true },
    ]);
    await db().execute(sql`insert into segment_snapshots (segment_id, size, at) values
      (${segmentId}, 5, ${iso(DAY)}), (${segmentId}, 6, ${iso(DAY + 2 * HOUR)}), (${segmentId}, 7, ${iso(3 * DAY)})`);
  }, 180_000);
  afterAll(async () => t?.close());

  const conversions = () =>
    q<{ order_id: string; campaign_id: string; message_id: string; touch: string; revenue: string }>(
      db(),
      sql`select c.order_id, c.campaign_id, c.message_id, c.touch, c.revenue, o.external_id from conversions c join orders o on o.id = c.order_id order by o.external_id`,
    );

  it('rejects an invalid AI origin field by field', async () => {
    const res = await t.request('POST', '/api/campaigns', {
      token: admin,
      body: { name: 'x', segmentId, channel: 'sms', message: 'Hi', aiSuggestion: { provider: 'gpt', index: -1 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'aiSuggestion.index',
      'aiSuggestion.provider',
    ]);
  });

  it('attributes API orders: click beats delivery, last touch wins, outside the window or before delivery → none', async () => {
    const res = await t.request('POST', '/api/orders', {
      token: admin,
      body: {
        orders: [
          { externalId: 'A1', customerEmail: 'a@x.test', amount: 100, orderedAt: iso(72 * HOUR) },
          { externalId: 'B1', customerEmail: 'b@x.test', amount: 200, orderedAt: iso(30 * HOUR) },
          { externalId: 'C1', customerEmail: 'c@x.test', amount: 999, orderedAt: iso(8 * DAY + HOUR) },
          { externalId: 'D1', customerEmail: 'd@x.test', amount: 999, orderedAt: iso(47 * HOUR) },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(4);
    expect(await conversions()).toEqual([
      expect.objectContaining({ external_id: 'A1', campaign_id: c2, message_id: msg['a2'], touch: 'click' }),
      expect.objectContaining({ external_id: 'B1', campaign_id: c2, message_id: msg['b2'], touch: 'delivery' }),
    ]);
    // Re-posting books nothing and attributes nothing again.
    const again = await t.request('POST', '/api/orders', {
      token: admin,
      body: { externalId: 'A1', customerEmail: 'a@x.test', amount: 100, orderedAt: iso(72 * HOUR) },
    });
    expect(again.status).toBe(409);
    expect(await conversions()).toHaveLength(2);
  });

  it('attributes imported orders, once, whatever the number of imports', async () => {
    const csv = [
      'order_id,customer_email,amount,ordered_at',
      `E1,e@x.test,50,${iso(6 * HOUR)}`,
      `F1,f@x.test,70,${iso(4 * HOUR)}`,
    ].join('\n');
    expect(await importOrders(t, admin, csv)).toMatchObject({ status: 'completed', inserted: 2 });
    expect(await importOrders(t, admin, csv)).toMatchObject({ status: 'completed', inserted: 0 });
    const rows = await conversions();
    expect(rows.map((r) => [r.campaign_id, r.touch, Number(r.revenue)])).toEqual([
      [c2, 'click', 100],
      [c2, 'delivery', 200],
      [c2, 'delivery', 50],
      [c1, 'delivery', 70],
    ]);
    // The rollup holds each conversion in the hour of its order.
    const rollup = await q<{ campaign_id: string; hour: Date | string; conversions: number; revenue: string }>(
      db(),
      sql`select campaign_id, hour, conversions, revenue from campaign_hourly_stats where conversions <> 0 order by hour`,
    );
    expect(
      rollup.map((r) => [r.campaign_id, new Date(r.hour).toISOString(), Number(r.conversions), Number(r.revenue)]),
    ).toEqual([
      [c1, iso(4 * HOUR), 1, 70],
      [c2, iso(6 * HOUR), 1, 50],
      [c2, iso(30 * HOUR), 1, 200],
      [c2, iso(72 * HOUR), 1, 100],
    ]);
    const stats = await get(`/api/campaigns/${c2}/stats`);
    expect(stats.body).toMatchObject({ converted: 3, revenue: 350, machineOpens: 1, machineClicks: 1 });
  });

  it('counts an unsubscribe through a campaign link once per recipient', async () => {
    const consent = t.app.get(ConsentService);
    const path = `/api/unsubscribe/${consent.unsubscribeToken(ids['a@x.test'], 'sms', c1)}`;
    const post = () =>
      t.request('POST', path, {
        raw: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await post()).status).toBe(200);
    await db().execute(sql`update customers set sms_status = 'subscribed' where id = ${ids['a@x.test']}`);
    expect((await post()).status).toBe(200);
    const [row] = await q<{ n: number }>(
      db(),
      sql`select coalesce(sum(unsubscribes), 0)::int as n from campaign_hourly_stats where campaign_id = ${c1}`,
    );
    expect(Number(row.n)).toBe(1);
    expect((await get(`/api/campaigns/${c1}/stats`)).body.unsubscribed).toBe(1);
  });

  /** The same numbers straight from messages, events and conversions. */
  const raw = async (from: number, to: number, channel?: string) => {
    const [r] = await q<Record<string, string>>(
      db(),
      sql`
      with m as (select m.* from messages m join campaigns c on c.id = m.campaign_id ${channel ? sql`where c.channel = ${channel}` : sql``})
      select
        (select count(*) from m where status <> 'failed' and sent_at >= ${iso(from)} and sent_at < ${iso(to)})::int as sent,
        (select count(*) from m where status <> 'failed' and delivered_at >= ${iso(from)} and delivered_at < ${iso(to)})::int as delivered,
        (select count(*) from m where status = 'failed' and failed_at >= ${iso(from)} and failed_at < ${iso(to)})::int as failed,
        (select count(*) from (select message_id, min(at) as f from engagement_events where type = 'open' and not machine and message_id in (select id from m) group by 1) x where f >= ${iso(from)} and f < ${iso(to)})::int as opened,
        (select count(*) from (select message_id, min(at) as f from engagement_events where type = 'click' and not machine and message_id in (select id from m) group by 1) x where f >= ${iso(from)} and f < ${iso(to)})::int as clicked,
        (select count(*) from conversions where message_id in (select id from m) and ordered_at >= ${iso(from)} and ordered_at < ${iso(to)})::int as conversions,
        (select coalesce(sum(revenue), 0) from conversions where message_id in (select id from m) and ordered_at >= ${iso(from)} and ordered_at < ${iso(to)}) as revenue`,
    );
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));
  };

  it('overview reconciles with the raw rows, with the previous period, channels, sources and a daily series', async () => {
    const res = await get(`/api/analytics/overview?from=${iso(0)}&to=${iso(10 * DAY)}`);
    expect(res.status).toBe(200);
    const expected = await raw(0, 10 * DAY);
    expect(expected).toMatchObject({
      sent: 8,
      delivered: 8,
      failed: 1,
      opened: 1,
      clicked: 1,
      conversions: 4,
      revenue: 420,
    });
    const cur = res.body.current;
    // (the unsubscribe above happened now, outside this range)
    expect(cur).toMatchObject({ ...expected, machineOpens: 1, machineClicks: 1, unsubscribes: 0 });
    expect(cur.deliveryRate).toBeCloseTo(8 / 9);
    expect(cur.clickRate).toBeCloseTo(1 / 8);
    expect(cur.cost).toBe(0.5 * 5); // 5 SMS sent at 0.5; email has no configured cost
    expect(cur.roi).toBeCloseTo((420 - 2.5) / 2.5);
    expect(res.body.bySource).toEqual([
      expect.objectContaining({
        source: 'ai',
        campaigns: 1,
        totals: expect.objectContaining({ conversions: 3, revenue: 350 }),
      }),
      expect.objectContaining({
        source: 'manual',
        campaigns: 1,
        totals: expect.objectContaining({ conversions: 1, revenue: 70 }),
      }),
    ]);
    const email = res.body.byChannel.find((c: { channel: string }) => c.channel === 'email');
    expect(email.totals).toMatchObject(await raw(0, 10 * DAY, 'email'));
    expect(res.body.bucket).toBe('day');
    expect(res.body.series).toHaveLength(10);
    const sum = (k: string) => res.body.series.reduce((n: number, p: Record<string, number>) => n + p[k], 0);
    expect({
      sent: sum('sent'),
      delivered: sum('delivered'),
      converted: sum('converted'),
      revenue: sum('revenue'),
    }).toEqual({
      sent: 8,
      delivered: 8,
      converted: 4,
      revenue: 420,
    });
    // The next 10 days compare with these.
    const next = await get(`/api/analytics/overview?from=${iso(10 * DAY)}&to=${iso(20 * DAY)}`);
    expect(next.body.current.sent).toBe(0);
    expect(next.body.previous).toEqual(cur);
    // Two days or less: hourly; a channel filter narrows everything.
    const hourly = await get(`/api/analytics/overview?from=${iso(0)}&to=${iso(2 * DAY)}&channel=email`);
    expect(hourly.body.bucket).toBe('hour');
    expect(hourly.body.series).toHaveLength(48);
    expect(hourly.body.current).toMatchObject(await raw(0, 2 * DAY, 'email'));
  });

  it('campaign timeline: minute (raw rows), hour and day (rollup) agree', async () => {
    const by = async (bucket: string) =>
      (await get(`/api/analytics/campaigns/${c2}/timeline?bucket=${bucket}`)).body.points;
    const [minute, hour, day] = [await by('minute'), await by('hour'), await by('day')];
    const fold = (points: Record<string, number | string>[], unit: number) => {
      const out = new Map<number, Record<string, number>>();
      for (const p of points) {
        const k = Math.floor(new Date(p['at'] as string).getTime() / unit) * unit;
        const acc = out.get(k) ?? { sent: 0, delivered: 0, failed: 0, opened: 0, clicked: 0, converted: 0, revenue: 0 };
        for (const f of Object.keys(acc)) acc[f] += Number(p[f]);
        out.set(k, acc);
      }
      return [...out.entries()].filter(([, v]) => Object.values(v).some((x) => x !== 0)).sort((a, b) => a[0] - b[0]);
    };
    expect(fold(minute, HOUR)).toEqual(fold(hour, HOUR));
    expect(fold(hour, DAY)).toEqual(fold(day, DAY));
    expect(fold(day, 100 * DAY)[0][1]).toEqual({
      sent: 3,
      delivered: 3,
      failed: 0,
      opened: 1,
      clicked: 1,
      converted: 3,
      revenue: 350,
    });
    expect((await get(`/api/analytics/campaigns/${c2}/timeline`)).body.bucket).toBe('hour');
  });

  it('links, per-campaign performance and segment performance come from the stored rows', async () => {
    const links = await get(`/api/analytics/campaigns/${c2}/links`);
    expect(
      links.body.items.map((l: Record<string, unknown>) => [
        l['url'],
        l['clicks'],
        l['uniqueClicks'],
        l['machineClicks'],
      ]),
    ).toEqual([
      ['https://shop.test/a', 2, 1, 1],
      ['https://shop.test/b', 0, 0, 0],
    ]);
    const list = await get(`/api/analytics/campaigns?from=${iso(0)}&to=${iso(10 * DAY)}&sort=revenue`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { campaignId: string }) => c.campaignId)).toEqual([c2, c1]);
    expect(list.body.items[0]).toMatchObject({
      name: 'C2',
      messageSource: 'ai',
      segmentName: 'Pune',
      totals: { revenue: 350, conversions: 3, cost: null },
    });
    expect(list.body.items[1].totals).toMatchObject({ ...(await raw(0, 10 * DAY, 'sms')), cost: 2.5 });
    const top = await get(`/api/analytics/campaigns?from=${iso(0)}&to=${iso(10 * DAY)}&sort=clickRate&limit=1`);
    expect(top.body.items.map((c: { campaignId: string }) => c.campaignId)).toEqual([c2]);

    const segs = await get(`/api/analytics/segments?from=${iso(0)}&to=${iso(10 * DAY)}`);
    expect(segs.status).toBe(200);
    const seg = segs.body.items.find((s: { segmentId: string }) => s.segmentId === segmentId);
    expect(seg).toMatchObject({ name: 'Pune', campaigns: 2, recipients: 9, revenue: 420, revenuePerRecipient: 46.67 });
    expect(seg.deliveryRate).toBeCloseTo(8 / 9);
    expect(seg.conversionRate).toBeCloseTo(4 / 8);
    expect(seg.sizes).toEqual([
      { at: iso(DAY + 2 * HOUR), size: 6 },
      { at: iso(3 * DAY), size: 7 },
    ]);
  });

  it('live stats: one ticker per campaign feeds every viewer', async () => {
    const feed = t.app.get(CampaignStatsFeed);
    const first = firstValueFrom(feed.watch(c1));
    const second = firstValueFrom(feed.watch(c1));
    expect(feed.active).toBe(1);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b); // the very same answer object: one aggregate for both viewers
    expect(a).toMatchObject({ campaignId: c1, sent: 5, failed: 1, converted: 1, revenue: 70, unsubscribed: 1 });
    expect(feed.active).toBe(0); // the last viewer left: the ticker stopped
  });

  it('validates queries with field messages and checks roles', async () => {
    const bad = async (path: string, field: string) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(field);
    };
    await bad('/api/analytics/overview?from=yesterday', 'from');
    await bad(`/api/analytics/overview?from=${iso(DAY)}&to=${iso(0)}`, 'to');
    await bad(`/api/analytics/overview?from=${iso(0)}&to=${iso(0)}`, 'to');
    await bad('/api/analytics/overview?channel=fax', 'channel');
    await bad(`/api/analytics/overview?from=${iso(0)}&to=${iso(800 * DAY)}`, 'from');
    await bad(`/api/analytics/campaigns/${c1}/timeline?bucket=week`, 'bucket');
    await bad('/api/analytics/campaigns?sort=price', 'sort');
    await bad('/api/analytics/campaigns?limit=0', 'limit');
    await bad('/api/analytics/segments?to=2026-13-01', 'to');
    expect((await get('/api/analytics/campaigns/not-a-uuid/links')).status).toBe(400);
    expect((await get('/api/analytics/campaigns/00000000-0000-4000-8000-000000000000/timeline')).status).toBe(404);
    for (const path of [
      '/api/analytics/overview',
      '/api/analytics/campaigns',
      '/api/analytics/segments',
      `/api/analytics/campaigns/${c1}/links`,
    ]) {
      expect((await get(path, viewer)).status).toBe(200);
      expect((await t.request('GET', path)).status).toBe(401);
    }
  });
});
