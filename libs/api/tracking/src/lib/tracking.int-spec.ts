import { sql } from 'drizzle-orm';
import type Redis from 'ioredis';
import { rowsOf } from '@mini-crm/db';
import { REDIS } from '@mini-crm/api/core';
import { testDrivers } from '@mini-crm/api/testing';
import { CampaignRollupRepository } from '@mini-crm/api/campaigns';
import { DeliveryHarness, makeCustomers, seedCustomers, startDeliveryHarness } from '@mini-crm/api/delivery/testing';
import { EngagementRepository } from './engagement.repository';
import { HitConsumerService } from './hit-consumer.service';
import { HitRecorderService } from './hit-recorder.service';
import { HIT_GROUP, HIT_STREAM } from './hit-stream';
import { TrackingRoutes } from './tracking-routes';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const EMAIL = [
  '<p>Hi {{first_name|there}},</p>',
  '<p><a href="https://shop.example.com/sale?a=1&amp;b=2">Sale</a> and <a class="x" href=\'https://example.org/new\'>New</a>',
  ' again <a href="https://shop.example.com/sale?a=1&amp;b=2">Sale</a>',
  ' <a href="https://example.com/u/{{first_name}}">Yours</a> <a href="mailto:help@example.com">Mail us</a></p>',
].join('');

interface Event {
  message_id: string;
  link_id: number | null;
  type: string;
  machine: boolean;
  machine_reason: string | null;
  user_agent: string | null;
  ip_hash: string | null;
  hit_id: string;
}

describe.each(testDrivers())('tracking (%s)', (driver) => {
  let h: DeliveryHarness;
  let segmentId: string;
  let redis: Redis;

  const db = () => h.t.db.handle.db;
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db().execute(query));
  const path = (url: string) => new URL(url).pathname;
  const get = (url: string, headers: Record<string, string> = { 'user-agent': BROWSER }, method = 'GET') =>
    h.t.request(method, path(url), { headers });
  const events = (campaignId: string) =>
    q<Event>(sql`select * from engagement_events where campaign_id = ${campaignId} order by id`);
  /** Waits until the stream is empty and nothing is pending: every acknowledged hit was written. */
  const drained = () =>
    h.waitFor('the hit stream to drain', async () => {
      const [len, pending] = await Promise.all([
        redis.xlen(HIT_STREAM),
        redis.xpending(HIT_STREAM, HIT_GROUP) as Promise<[number, ...unknown[]]>,
      ]);
      return len === 0 && Number(pending[0]) === 0;
    });
  const bodies = async (campaignId: string) =>
    q<{ id: string; rendered_text: string }>(
      sql`select id, rendered_text from messages where campaign_id = ${campaignId} and status <> 'failed' order by seq`,
    );
  const trackedLinks = (text: string) =>
    [...text.matchAll(/http:\/\/127\.0\.0\.1\/r\/([A-Za-z0-9_-]+)/g)].map((m) => m[0]);
  const pixel = (text: string) => /http:\/\/127\.0\.0\.1\/o\/[A-Za-z0-9_-]+\.gif/.exec(text)?.[0] as string;
  /** Makes messages look delivered long ago, so the too-soon rule does not apply. */
  const age = (campaignId: string) =>
    db().execute(
      sql`update messages set sent_at = now() - interval '1 hour', delivered_at = now() - interval '1 hour' where campaign_id = ${campaignId}`,
    );

  async function launched(channel: 'sms' | 'email', message: string): Promise<string> {
    const { id } = await h.createCampaign({ name: `T ${channel}`, segmentId, channel, message, subject: 'Hello' });
    expect((await h.launch(id)).status).toBe(200);
    await h.settle(id);
    await age(id);
    return id;
  }

  beforeAll(async () => {
    h = await startDeliveryHarness(driver, {
      env: { TRACKING_MACHINE_WINDOW_SECONDS: '3', TRACKING_BURST_SECONDS: '2', TRACKING_CLAIM_IDLE_MS: '200' },
      stub: { failRate: 0, openRate: 0, clickRate: 0 },
    });
    redis = h.t.app.get(REDIS);
    await seedCustomers(h.t.db.handle.db, makeCustomers(12, 'Goa'));
    segmentId = await h.createSegment('Goa', 'Goa');
  }, 180_000);
  afterAll(async () => h?.close(), 60_000);

  it('email: links are recorded at launch and rewritten per recipient; unsubscribe and tokenized links are not', async () => {
    const id = await launched('email', EMAIL);
    const links = await q<{ url: string; position: number }>(
      sql`select url, position from campaign_links where campaign_id = ${id} order by position`,
    );
    expect(links).toEqual([
      { url: 'https://shop.example.com/sale?a=1&b=2', position: 1 },
      { url: 'https://example.org/new', position: 2 },
    ]);
    const sent = await bodies(id);
    expect(sent.length).toBe(12);
    const codes = new Set<string>();
    for (const m of sent) {
      expect(m.rendered_text).not.toContain('shop.example.com');
      expect(m.rendered_text).not.toContain('example.org');
      expect(m.rendered_text).toContain('href="https://example.com/u/');
      expect(m.rendered_text).toContain('href="mailto:help@example.com"');
      expect(m.rendered_text).toMatch(/href="http:\/\/127\.0\.0\.1\/api\/unsubscribe\/[^"]+">Unsubscribe/);
      const tracked = trackedLinks(m.rendered_text);
      expect(tracked.length).toBe(3);
      expect(tracked[0]).toBe(tracked[2]); // the same URL twice is one link
      tracked.forEach((u) => codes.add(u));
      expect(pixel(m.rendered_text)).toBeTruthy();
      expect(m.rendered_text).toContain('width="1" height="1"');
    }
    expect(codes.size).toBe(24); // per recipient and link
  });

  it('redirects only to the stored URL, answers the pixel, and counts every hit exactly', async () => {
    const id = await launched('email', EMAIL);
    const sent = await bodies(id);
    const res = await get(trackedLinks(sent[0].rendered_text)[0]);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://shop.example.com/sale?a=1&b=2');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const img = await fetch(h.t.baseUrl + path(pixel(sent[0].rendered_text)), { headers: { 'user-agent': BROWSER } });
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/gif');
    expect(img.headers.get('cache-control')).toContain('no-store');
    const gif = Buffer.from(await img.arrayBuffer());
    expect(gif.length).toBe(43);
    expect(gif.subarray(0, 6).toString()).toBe('GIF89a');

    // 3 recipients click link 1 twice, 2 others link 2 once (one link each: no burst); 4 open, one of them 3 times.
    for (const m of sent.slice(1, 4)) {
      const [l1] = trackedLinks(m.rendered_text);
      expect((await get(l1)).status).toBe(302);
      expect((await get(l1)).status).toBe(302);
    }
    for (const m of sent.slice(4, 6))
      expect((await get(trackedLinks(m.rendered_text)[1])).headers.get('location')).toBe('https://example.org/new');
    for (const m of sent.slice(4, 8)) expect((await get(pixel(m.rendered_text))).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await get(pixel(sent[4].rendered_text))).status).toBe(200);
    await drained();

    const ev = await events(id);
    expect(ev.filter((e) => e.type === 'click').length).toBe(1 + 3 * 2 + 2);
    expect(ev.filter((e) => e.type === 'open').length).toBe(1 + 4 + 2);
    expect(
      ev.filter((e) => e.machine || e.user_agent !== BROWSER || !/^[A-Za-z0-9_-]{22}$/.test(e.ip_hash ?? '')),
    ).toEqual([]);
    expect(ev.some((e) => (e.ip_hash ?? '').includes('127.0.0.1'))).toBe(false);
    const totals = await h.t.app.get(CampaignRollupRepository).totals(id);
    expect(totals).toMatchObject({ clicks: 9, unique_clicks: 6, opens: 7, unique_opens: 5, machine_clicks: 0 });
    const stamped = await q<{ opened: number; clicked: number; customers: number }>(sql`
      select count(*) filter (where opened_at is not null)::int as opened, count(*) filter (where clicked_at is not null)::int as clicked,
        (select count(*)::int from customers c where c.last_clicked_at is not null
           and c.id in (select customer_id from messages where campaign_id = ${id})) as customers
      from messages where campaign_id = ${id}`);
    expect(stamped[0]).toEqual({ opened: 5, clicked: 6, customers: 6 });

    // Replaying the batch (a crash between commit and XACK) is a no-op.
    const repo = h.t.app.get(EngagementRepository);
    const replay = await repo.record(
      ev.map((e) => ({
        hitId: e.hit_id,
        messageId: e.message_id,
        linkId: e.link_id,
        type: e.type as 'open' | 'click',
        at: new Date(),
        userAgent: e.user_agent,
        ipHash: e.ip_hash,
        machine: false,
        machineReason: null,
      })),
      [],
    );
    expect(replay.inserted).toBe(0);
    expect(await h.t.app.get(CampaignRollupRepository).totals(id)).toEqual(totals);
    expect((await events(id)).length).toBe(ev.length);
  });

  it('forged, tampered, malformed and cross-type codes answer 404 and record nothing', async () => {
    const id = await launched('email', EMAIL);
    const [m] = await bodies(id);
    const click = path(trackedLinks(m.rendered_text)[0]);
    const open = path(pixel(m.rendered_text));
    const code = click.slice(3);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const bad = [
      `/r/${flip(code, 3)}`, // message id changed
      `/r/${flip(code, 17)}`, // link id changed
      `/r/${flip(code, code.length - 2)}`, // mac changed
      `/r/${code.slice(0, -1)}`,
      `/r/${code}A`,
      `/r/${'A'.repeat(35)}`,
      `/r/${'x'.repeat(90)}`,
      '/r/not*a*code',
      `/r/${open.slice(3, -4)}`, // an open code is not a click code
      `/o/${code}.gif`, // and the other way round
      `/o/${open.slice(3, -4)}`, // no .gif
      `/o/${flip(open.slice(3, -4), 5)}.gif`,
      '/r/',
      '/o/',
    ];
    for (const p of bad) {
      const res = await h.t.request('GET', p);
      expect([p, res.status]).toEqual([p, 404]);
      expect(res.headers.get('location')).toBeNull();
    }
    expect((await h.t.request('HEAD', `/r/${flip(code, 3)}`)).status).toBe(404);
    // Beyond the router's parameter limit: Fastify's 414, or the console fallback's 404 where the console is served.
    expect([404, 414]).toContain((await h.t.request('GET', `/r/${'x'.repeat(300)}`)).status);
    // A genuine hit after them: once it is written, nothing else was.
    expect((await get(trackedLinks(m.rendered_text)[1])).status).toBe(302);
    await drained();
    const ev = await events(id);
    expect(ev.length).toBe(1);
    expect(await h.t.app.get(CampaignRollupRepository).totals(id)).toMatchObject({ clicks: 1, opens: 0 });
  });

  it('with limits on, a hit is counted and recorded in one step; one over a limit is answered 429 and not recorded', async () => {
    const id = await launched('email', EMAIL);
    const [first, second] = await bodies(id);
    const routes = h.t.app.get(TrackingRoutes);
    routes.useLimits({
      prefix: `${h.t.config.redisPrefix}:rl-spec:`,
      windowMs: 60_000,
      perIp: 5,
      perCode: 2,
      normalizeIp: (ip) => ip ?? 'unknown',
    });
    try {
      const link = trackedLinks(first.rendered_text)[0];
      expect((await get(link)).status).toBe(302);
      expect((await get(link)).status).toBe(302);
      const overCode = await get(link);
      expect(overCode.status).toBe(429);
      expect(overCode.body.message).toMatch(/^Too many hits on this tracking link: at most 2 in 60 s; retry in \d+ s$/);
      expect(Number(overCode.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // a forged code counts against the address too: 4 requests so far, the 5th passes, the 6th is refused
      expect((await get('http://127.0.0.1/r/not-a-code')).status).toBe(404);
      expect((await get(pixel(second.rendered_text))).status).toBe(200);
      const overIp = await get(pixel(second.rendered_text));
      expect(overIp.status).toBe(429);
      expect(overIp.body.message).toMatch(/^Too many tracking requests from this address: at most 5/);
      await drained();
      const ev = await events(id);
      expect(ev.map((e) => [e.message_id, e.type])).toEqual([
        [first.id, 'click'],
        [first.id, 'click'],
        [second.id, 'open'],
      ]);
    } finally {
      routes.useLimits(null);
    }
  });

  it('counts concurrent hits as if one by one: exactly the limit is recorded, the rest answered 429', async () => {
    const id = await launched('email', EMAIL);
    const [first, second] = await bodies(id);
    const routes = h.t.app.get(TrackingRoutes);
    const limits = (perIp: number, perCode: number) => ({
      prefix: `${h.t.config.redisPrefix}:rl-spec-concurrent-${perIp}:`,
      windowMs: 60_000,
      perIp,
      perCode,
      normalizeIp: (ip: string | undefined) => ip ?? 'unknown',
    });
    const all = (urls: string[]) => Promise.all(urls.map(async (u) => (await get(u)).status));
    const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;
    try {
      const link = trackedLinks(first.rendered_text)[0];
      const other = trackedLinks(second.rendered_text)[0];
      routes.useLimits(limits(100, 3));
      const byCode = await all(Array(8).fill(link));
      expect([count(byCode, 302), count(byCode, 429)]).toEqual([3, 5]);
      routes.useLimits(limits(4, 100));
      const byIp = await all([link, other, link, other, link, other]);
      expect([count(byIp, 302), count(byIp, 429)]).toEqual([4, 2]);
      await drained();
      expect((await events(id)).length).toBe(7);
    } finally {
      routes.useLimits(null);
    }
  });

  it('answers hits in front of Fastify, hashing the forwarded client address, and leaves other methods to Fastify', async () => {
    const id = await launched('email', EMAIL);
    const [a, b] = await bodies(id);
    const forwarded = (ip: string) => ({ 'user-agent': BROWSER, 'x-forwarded-for': `${ip}, 10.0.0.1` });
    const hit = await get(trackedLinks(a.rendered_text)[0], forwarded('203.0.113.7'));
    expect(hit.status).toBe(302);
    // Fastify's hooks (helmet) did not run for the hit; they do for a POST on the same path, which is not a hit.
    expect(hit.headers.get('content-security-policy')).toBeNull();
    const post = await get(trackedLinks(a.rendered_text)[0], { 'user-agent': BROWSER }, 'POST');
    expect(post.status).toBe(404);
    expect(post.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await get(pixel(b.rendered_text), forwarded('198.51.100.9'))).status).toBe(200);
    await drained();
    const recorder = h.t.app.get(HitRecorderService);
    const byType = Object.fromEntries((await events(id)).map((e) => [e.type, e.ip_hash]));
    expect(byType).toEqual({ click: recorder.ipHash('203.0.113.7'), open: recorder.ipHash('198.51.100.9') });
  });

  it('labels machine traffic by rule and leaves an ordinary human hit alone', async () => {
    const id = await launched('email', EMAIL);
    const sent = await bodies(id);
    const [human, head, prefetch, google, apple, bot, fast, burst] = sent;
    await get(trackedLinks(human.rendered_text)[0]);
    await get(pixel(human.rendered_text));
    await get(trackedLinks(head.rendered_text)[0], { 'user-agent': BROWSER }, 'HEAD');
    await get(trackedLinks(prefetch.rendered_text)[0], { 'user-agent': BROWSER, 'sec-purpose': 'prefetch' });
    await get(pixel(google.rendered_text), {
      'user-agent': 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    });
    await get(pixel(apple.rendered_text), { 'user-agent': 'Mozilla/5.0' });
    await get(trackedLinks(bot.rendered_text)[0], { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel bot)' });
    await db().execute(sql`update messages set delivered_at = now() where id = ${fast.id}`);
    await get(trackedLinks(fast.rendered_text)[0]);
    // Burst: one link first (human, written), then the other within seconds: both become scanner_burst.
    await get(trackedLinks(burst.rendered_text)[0]);
    await drained();
    const before = await h.t.app.get(CampaignRollupRepository).totals(id);
    expect(before).toMatchObject({ clicks: 2, unique_clicks: 2 });
    await get(trackedLinks(burst.rendered_text)[1]);
    await drained();

    const ev = await events(id);
    const label = (messageId: string, type: string) =>
      ev
        .filter((e) => e.message_id === messageId && e.type === type)
        .map((e) => (e.machine ? e.machine_reason : 'human'));
    expect(label(human.id, 'click')).toEqual(['human']);
    expect(label(human.id, 'open')).toEqual(['human']);
    expect(label(head.id, 'click')).toEqual(['head']);
    expect(label(prefetch.id, 'click')).toEqual(['prefetch']);
    expect(label(google.id, 'open')).toEqual(['proxy']);
    expect(label(apple.id, 'open')).toEqual(['proxy']);
    expect(label(bot.id, 'click')).toEqual(['bot_agent']);
    expect(label(fast.id, 'click')).toEqual(['too_fast']);
    expect(label(burst.id, 'click')).toEqual(['scanner_burst', 'scanner_burst']);
    const totals = await h.t.app.get(CampaignRollupRepository).totals(id);
    expect(totals).toMatchObject({
      clicks: 1,
      unique_clicks: 1,
      machine_clicks: 6,
      opens: 1,
      unique_opens: 1,
      machine_opens: 2,
    });
    const clicked = await q<{ id: string }>(
      sql`select id from messages where campaign_id = ${id} and clicked_at is not null`,
    );
    expect(clicked.map((r) => r.id)).toEqual([human.id]);
  });

  it('an acknowledged hit survives the API that took it; a dead consumer’s pending hits are claimed', async () => {
    const id = await launched('sms', 'Sale today at https://shop.example.com/s?x=1. Reply STOP to opt out');
    const sent = await bodies(id);
    const m = sent[0].rendered_text;
    expect(m).toMatch(/^Sale today at http:\/\/127\.0\.0\.1\/r\/[A-Za-z0-9_-]{34,38}\. Reply STOP to opt out$/);
    expect(m).not.toContain('/o/');

    const consumer = h.t.app.get(HitConsumerService);
    await consumer.onModuleDestroy(); // the consumer is down: hits are only in Redis
    for (const s of sent.slice(0, 6)) expect((await get(trackedLinks(s.rendered_text)[0])).status).toBe(302);
    expect(await redis.xlen(HIT_STREAM)).toBe(6);
    // A consumer reads three and dies before writing them.
    const ghost = (await redis.xreadgroup('GROUP', HIT_GROUP, 'ghost', 'COUNT', 3, 'STREAMS', HIT_STREAM, '>')) as [
      string,
      unknown[],
    ][];
    expect(ghost[0][1].length).toBe(3);
    expect((await events(id)).length).toBe(0);

    await consumer.onApplicationBootstrap(); // the consumer starts again
    await drained();
    const ev = await events(id);
    expect(ev.length).toBe(6);
    expect(new Set(ev.map((e) => e.message_id)).size).toBe(6);
    expect(await h.t.app.get(CampaignRollupRepository).totals(id)).toMatchObject({ clicks: 6, unique_clicks: 6 });
  });

  it('the vendor stub plays readers and scanners over HTTP and every hit reconciles with what it did', async () => {
    await seedCustomers(h.t.db.handle.db, makeCustomers(60, 'Agra', 1000));
    const agra = await h.createSegment('Agra', 'Agra');
    // Readers come 5–6 s after delivery, scanners at once. The machine window is 3 s from delivery, or
    // from sending while no receipt is in; a loaded machine writes sent_at late, so readers keep a margin.
    h.stub.configure({ engage: true, engageDelayMs: 5000, openRate: 0.5, clickRate: 0.3, scannerRate: 0.25 });
    try {
      const { id } = await h.createCampaign({
        name: 'Engage',
        segmentId: agra,
        channel: 'email',
        message: EMAIL,
        subject: 'Hi',
      });
      expect((await h.launch(id)).status).toBe(200);
      await h.settle(id);
      await h.waitFor('the simulated recipients', async () => h.stub.stats().engagement.pending === 0);
      await drained();
      const played = h.stub.stats().engagement;
      expect(played.failures).toBe(0);
      expect(played.opens).toBeGreaterThan(0);
      expect(played.clicks).toBeGreaterThan(0);
      expect(played.scans).toBeGreaterThan(0);
      const ev = await events(id);
      const human = ev.filter((e) => !e.machine);
      const machine = ev.filter((e) => e.machine);
      expect(human.filter((e) => e.type === 'open').length).toBe(played.opens);
      expect(human.filter((e) => e.type === 'click').length).toBe(played.clicks);
      expect(machine.length).toBe(played.scans * 2);
      expect(
        machine.every(
          (e) =>
            e.type === 'click' && ['head', 'bot_agent', 'too_fast', 'scanner_burst'].includes(e.machine_reason ?? ''),
        ),
      ).toBe(true);
      expect(await h.t.app.get(CampaignRollupRepository).totals(id)).toMatchObject({
        opens: played.opens,
        unique_opens: played.opens,
        clicks: played.clicks,
        unique_clicks: played.clicks,
        machine_clicks: played.scans * 2,
        machine_opens: 0,
      });
    } finally {
      h.stub.configure({ engage: false });
    }
  });
});
