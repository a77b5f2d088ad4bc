import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { testDrivers } from '@mini-crm/api/testing';
import { smsFitsLength } from '../providers/message-checks.util';
import { isKnownToken } from '../providers/message-tokens.util';
import { AiTestApp, createBigSpendersSegment, seedAiCustomers, startAiTestApp } from '../testing/ai-test-app.fixture';

describe.each(testDrivers())('AI endpoints without a key: offline provider (%s)', (driver) => {
  let app: AiTestApp;
  let segmentId: string;

  beforeAll(async () => {
    app = await startAiTestApp(driver, { GEMINI_API_KEY: '   ' }); // blank means no key
    await seedAiCustomers(app.t);
    segmentId = await createBigSpendersSegment(app);
  });
  afterAll(() => app?.t.close());

  const post = (path: string, body: unknown, token = app.marketer) =>
    app.t.request('POST', `/api/ai/${path}`, { token, body });

  it('suggests three short SMS with known tokens and says it was the offline provider', async () => {
    const res = await post('messages', { intent: 'win_back', channel: 'sms' });
    expect(res.status).toBe(200);
    expect(res.body.provider).toBe('offline');
    expect(res.body.options.length).toBeGreaterThanOrEqual(3);
    for (const option of res.body.options) {
      expect(option).toEqual({ text: expect.any(String), rationale: expect.any(String), tokens: expect.any(Array) });
      expect(smsFitsLength(option.text, 'short')).toBe(true);
      expect(option.tokens.every(isKnownToken)).toBe(true);
    }
  });

  it('uses the segment aggregates for e-mail suggestions', async () => {
    const res = await post(
      'messages',
      { intent: 'loyalty', channel: 'email', tone: 'professional', length: 'medium', segmentId },
      app.admin,
    );
    expect(res.status).toBe(200);
    expect(res.body.provider).toBe('offline');
    expect(res.body.options.length).toBeGreaterThanOrEqual(3);
    for (const option of res.body.options) {
      expect(option.subject).toEqual(expect.any(String));
      expect(option.rationale).toContain('Audience: 4 customers');
      expect(option.rationale).toContain('mostly in Mumbai');
    }
  });

  it('answers 404 for an unknown segment and 400 for bad input', async () => {
    const missing = await post('messages', {
      intent: 'welcome',
      channel: 'sms',
      segmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringContaining('not found'),
    });

    const bad = await post('messages', { intent: 'custom', channel: 'fax', tone: 'grumpy', segmentId: 'nope' });
    expect(bad.status).toBe(400);
    const paths = [...new Set(bad.body.details.map((d: { path: string }) => d.path))].sort();
    expect(paths).toEqual(['channel', 'instructions', 'segmentId', 'tone']);
    expect(bad.body.details).toContainEqual({
      path: 'instructions',
      message: 'Instructions are required for the custom intent',
    });
  });

  it('turns a description into rules the preview accepts, with summary and count', async () => {
    const res = await post('segment-rules', { text: 'customers in Mumbai or Delhi who spent more than 2000' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      provider: 'offline',
      rules: {
        op: 'and',
        rules: [
          { field: 'city', operator: 'in', value: ['Mumbai', 'Delhi'] },
          { field: 'total_spend', operator: 'gt', value: 2000 },
        ],
      },
      summary: expect.stringMatching(/Mumbai/),
      count: 3,
    });
    const preview = await app.t.request('POST', '/api/segment-rules/preview', {
      token: app.marketer,
      body: { rules: res.body.rules },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(3);
  });

  it('explains what it could not understand with a 422', async () => {
    const res = await post('segment-rules', { text: 'people who love cats' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: expect.stringContaining('Could not understand'),
    });
    expect(res.body.details[0]).toMatchObject({
      path: 'text',
      message: expect.stringContaining('could not understand'),
    });
  });

  it('resolves "our last campaign" and a campaign by name against the launched campaigns, newest first', async () => {
    expect((await post('segment-rules', { text: 'clicked our last campaign' })).status).toBe(422); // none launched
    const campaign = async (name: string, channel: string, startedAt: string | null) => {
      const rows = rowsOf<{ id: string }>(
        await app.t.db.handle.db.execute(sql`
          insert into campaigns (name, segment_id, channel, message, status, started_at)
          values (${name}, ${segmentId}, ${channel}, 'Hi', ${startedAt ? 'completed' : 'draft'}, ${startedAt}::timestamptz)
          returning id`),
      );
      return rows[0].id;
    };
    const diwali = await campaign('Diwali sale', 'email', '2026-10-20T08:00:00Z');
    const flash = await campaign('Flash sale', 'sms', '2026-11-02T08:00:00Z');
    await campaign('Draft, never launched', 'sms', null);
    const rulesOf = async (text: string) => {
      const res = await post('segment-rules', { text });
      expect(res.status).toBe(200);
      return res.body;
    };
    const last = await rulesOf('clicked our last campaign');
    expect(last.rules).toEqual({
      op: 'and',
      rules: [{ field: 'campaign_engagement', operator: 'clicked', value: flash }],
    });
    expect(last.summary).toContain('Flash sale');
    expect((await rulesOf('opened the latest email')).rules.rules[0].value).toBe(diwali);
    expect((await rulesOf("didn't open the Diwali sale campaign")).rules.rules[0]).toEqual({
      field: 'campaign_engagement',
      operator: 'not_opened',
      value: diwali,
    });
    // a newer launch changes what "last" means (the answer cache keys on the launched campaigns)
    const newer = await campaign('Winter drop', 'email', '2026-11-20T08:00:00Z');
    expect((await rulesOf('clicked our last campaign')).rules.rules[0].value).toBe(newer);
  });

  it('refuses viewers', async () => {
    const messages = await post('messages', { intent: 'welcome', channel: 'sms' }, app.viewer);
    const rules = await post('segment-rules', { text: 'tagged vip' }, app.viewer);
    expect([messages.status, rules.status]).toEqual([403, 403]);
    expect(messages.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
  });
});
