import type Redis from 'ioredis';
import { REDIS } from '@mini-crm/api/core';
import { startTestApp, TestApp, testDrivers } from '@mini-crm/api/testing';

/** No campaign has this id: a stream that passes the guard answers 404, one refused by it 401. */
const NO_CAMPAIGN = '018f0000-0000-7000-8000-000000000000';
const stream = (ticketQuery: string) => `/api/campaigns/${NO_CAMPAIGN}/stats/stream${ticketQuery}`;

describe.each(testDrivers())('stream tickets: no tokens in URLs (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ driver });
    admin = (await t.login('admin@example.com')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  const ticketFor = async (token: string): Promise<string> => {
    const res = await t.request('POST', '/api/auth/stream-ticket', { token });
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBe(30);
    return res.body.ticket;
  };

  it('streams check their target before opening: malformed id 400, unknown id 404 (not a 200 with an error event)', async () => {
    const open = (path: string) => t.request('GET', path, { token: admin });
    expect((await open('/api/campaigns/not-a-uuid/stats/stream')).status).toBe(400);
    expect((await open(stream(''))).status).toBe(404);
    expect((await open('/api/imports/not-a-uuid/events')).status).toBe(400);
    const unknownImport = await open(`/api/imports/${NO_CAMPAIGN}/events`);
    expect(unknownImport.status).toBe(404);
    expect(unknownImport.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('issues tickets only to a signed-in user', async () => {
    expect((await t.request('POST', '/api/auth/stream-ticket')).status).toBe(401);
  });

  it('a ticket opens one stream once', async () => {
    const ticket = await ticketFor(admin);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await t.request('GET', stream(`?ticket=${ticket}`))).status).toBe(404);
    const again = await t.request('GET', stream(`?ticket=${ticket}`));
    expect(again.status).toBe(401);
    expect(again.body.message).toMatch(/ticket/i);
    expect((await t.request('GET', stream('?ticket=forged-ticket-forged-ticket-forged-ticket'))).status).toBe(401);
  });

  it('is stored only hashed, with the user id, expiring within 30 s', async () => {
    const redis = t.app.get<Redis>(REDIS);
    const ticket = await ticketFor(admin);
    const prefix = t.config.redisPrefix;
    const keys = await redis.keys('*'); // keyPrefix is not applied to KEYS patterns
    const ours = keys.filter((k) => k.startsWith(`${prefix}:stream-ticket:`));
    expect(ours.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.includes(ticket))).toBe(false);
    const ttl = await redis.ttl(ours[ours.length - 1].slice(prefix.length + 1));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('takes no token in the URL, and a ticket only on stream routes', async () => {
    // the old exemption matched /(stream|events)/ anywhere in the URL, the query string included
    const exportCsv = `/api/segment-rules/${NO_CAMPAIGN}/export.csv`;
    const withBearer = await t.request('GET', exportCsv, { token: admin }); // the route exists and answers a bearer
    expect([withBearer.status, withBearer.body.message]).toEqual([404, expect.stringMatching(/segment/i)]);
    expect((await t.request('GET', `${exportCsv}?access_token=${admin}&x=/events`)).status).toBe(401);
    expect((await t.request('GET', `${exportCsv}?access_token=${admin}&x=/stream`)).status).toBe(401);
    expect((await t.request('GET', stream(`?access_token=${admin}`))).status).toBe(401);
    expect((await t.request('GET', `/api/imports/${NO_CAMPAIGN}/events?access_token=${admin}`)).status).toBe(401);
    // a ticket on a route that is not a stream is no credential, and is not spent there
    const ticket = await ticketFor(admin);
    expect((await t.request('GET', `${exportCsv}?ticket=${ticket}&x=/events`)).status).toBe(401);
    expect((await t.request('GET', `/api/auth/me?ticket=${ticket}`)).status).toBe(401);
    expect((await t.request('GET', stream(`?ticket=${ticket}`))).status).toBe(404);
    // the bearer header still works on streams (fetch-based clients)
    expect((await t.request('GET', stream(''), { token: admin })).status).toBe(404);
  });

  it('resolves the user when the stream opens: deactivation bites', async () => {
    const someone = await t.login('leaving@example.com');
    const ticket = await ticketFor(someone.accessToken);
    const off = await t.request('PATCH', `/api/users/${someone.user.id}`, { token: admin, body: { active: false } });
    expect(off.status).toBe(200);
    const res = await t.request('GET', stream(`?ticket=${ticket}`));
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/inactive/i);
  });
});
