import { testDrivers } from '@mini-crm/api/testing';
import { GeminiStub, httpError, modelJson, modelText, neverAnswer, promptText } from '../testing/gemini-stub.server';
import {
  AiTestApp,
  createBigSpendersSegment,
  SEEDED_PERSONAL_DATA,
  seedAiCustomers,
  startAiTestApp,
} from '../testing/ai-test-app.fixture';

// One driver is enough here (the SQL paths run on both in the offline suite); pg starts faster.
const driver = testDrivers().includes('pg') ? 'pg' : testDrivers()[0];

const THREE_SMS = {
  options: [
    {
      text: 'Hi {{first_name|there}}! We miss you. Come back for something new this week.',
      rationale: 'Warm and direct.',
    },
    {
      text: 'Hey {{first_name|friend}}, your favourites in {{city|town}} are waiting for you.',
      rationale: 'Local angle.',
    },
    { text: 'Hello {{first_name|there}}, it has been a while. See what is new today!', rationale: 'Curiosity.' },
  ],
};
const MUMBAI_RULES = { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Mumbai' }] };

describe(`AI endpoints with Gemini at a loopback stub (${driver})`, () => {
  const stub = new GeminiStub();
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = await stub.start();
  });
  afterAll(() => stub.stop());

  const post = (app: AiTestApp, path: string, body: unknown, token = app.marketer) =>
    app.t.request('POST', `/api/ai/${path}`, { token, body });

  describe('without fallback', () => {
    let app: AiTestApp;
    let segmentId: string;

    beforeAll(async () => {
      app = await startAiTestApp(driver, {
        GEMINI_API_KEY: 'stub-key-123',
        GEMINI_BASE_URL: baseUrl,
        GEMINI_MODEL: 'gemini-test-flash',
        GEMINI_TIMEOUT_MS: '800',
      });
      await seedAiCustomers(app.t);
      segmentId = await createBigSpendersSegment(app);
    });
    afterAll(() => app?.t.close());

    it('answers Gemini’s options; the prompt carries audience aggregates and no personal data', async () => {
      stub.answer(modelJson(THREE_SMS));
      const res = await post(app, 'messages', {
        intent: 'win_back',
        segmentId,
        channel: 'sms',
        tone: 'friendly',
        instructions: 'new monsoon range',
      });
      expect(res.status).toBe(200);
      expect(res.body.provider).toBe('gemini');
      expect(res.body.options).toHaveLength(3);
      expect(res.body.options[1]).toEqual({
        text: THREE_SMS.options[1].text,
        rationale: 'Local angle.',
        tokens: ['first_name', 'city'],
      });
      expect(res.headers.get('ratelimit-limit')).toBe('60');

      expect(stub.requests).toHaveLength(1);
      const [req] = stub.requests;
      expect(req.url).toBe('/v1beta/models/gemini-test-flash:generateContent');
      expect(req.headers['x-goog-api-key']).toBe('stub-key-123');
      const prompt = promptText(req);
      expect(prompt).toContain('"size":4');
      expect(prompt).toContain('{"city":"Mumbai","count":2}');
      expect(prompt).toContain('"spend":{"p25":');
      expect(prompt).toContain('"recency":{"medianDaysSinceLastOrder":');
      expect(prompt).toContain('"rulesSummary":"spent more than ₹1,000"');
      expect(prompt).toContain('new monsoon range');
      for (const personal of SEEDED_PERSONAL_DATA) expect(req.raw).not.toContain(personal);
    });

    it('serves a repeated request from the cache without calling Gemini again', async () => {
      const body = { intent: 'promotion', channel: 'sms', instructions: 'two for one on tea' };
      stub.answer(modelJson(THREE_SMS));
      const first = await post(app, 'messages', body);
      expect(first.status).toBe(200);
      expect(stub.requests).toHaveLength(1);
      const again = await post(app, 'messages', { ...body, instructions: '  two for one   on tea ' }, app.admin);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(stub.requests).toHaveLength(1);
      const otherTone = await post(app, 'messages', { ...body, tone: 'urgent' });
      expect(otherTone.status).toBe(200);
      expect(stub.requests).toHaveLength(2);
    });

    it('regenerates once when fewer than three options survive the checks', async () => {
      stub.answer(
        modelJson({ options: THREE_SMS.options.slice(0, 2) }),
        modelJson({
          options: [
            THREE_SMS.options[0],
            { text: 'Hi {{first_name|there}}, a small thank-you awaits.', rationale: 'Gift.' },
          ],
        }),
      );
      const res = await post(app, 'messages', { intent: 'loyalty', channel: 'sms' });
      expect(res.status).toBe(200);
      expect(res.body.options.map((o: { text: string }) => o.text)).toEqual([
        THREE_SMS.options[0].text,
        THREE_SMS.options[1].text,
        'Hi {{first_name|there}}, a small thank-you awaits.',
      ]);
      expect(stub.requests).toHaveLength(2);
    });

    it('returns valid rules with their summary and count', async () => {
      stub.answer(modelJson({ rules: MUMBAI_RULES, unrecognized: [] }));
      const res = await post(app, 'segment-rules', { text: 'everyone in Mumbai' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        provider: 'gemini',
        rules: MUMBAI_RULES,
        summary: expect.stringContaining('Mumbai'),
        count: 2,
      });
      expect(promptText(stub.requests[0])).toContain('Description: everyone in Mumbai');
    });

    it('repairs schema-violating rules with one more round', async () => {
      const broken = { op: 'and', rules: [{ field: 'spend', operator: 'gt', value: 5000 }] };
      const fixed = { op: 'and', rules: [{ field: 'total_spend', operator: 'gt', value: 5000 }] };
      stub.answer(modelJson({ rules: broken, unrecognized: [] }), modelJson({ rules: fixed, unrecognized: [] }));
      const res = await post(app, 'segment-rules', { text: 'spent more than 5k' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ provider: 'gemini', rules: fixed, count: 2 });
      expect(stub.requests).toHaveLength(2);
      const repairPrompt = promptText(stub.requests[1]);
      expect(repairPrompt).toContain('"field":"spend"');
      expect(repairPrompt).toMatch(/Validation errors: rules\[0\]\.field: /);
    });

    it('answers 422 with the validation errors when the repair is still invalid', async () => {
      const broken = { op: 'and', rules: [{ field: 'shoe_size', operator: 'gt', value: 9 }] };
      stub.answer(modelJson({ rules: broken, unrecognized: [] }));
      const res = await post(app, 'segment-rules', { text: 'big feet' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: expect.stringContaining('Could not turn the description'),
      });
      expect(res.body.details).toEqual([
        { path: 'rules.rules[0].field', message: expect.stringContaining('shoe_size') },
      ]);
      expect(stub.requests).toHaveLength(2);
    });

    it('passes on what the model says it could not map as a 422', async () => {
      stub.answer(modelJson({ rules: MUMBAI_RULES, unrecognized: ['who love cats'] }));
      const res = await post(app, 'segment-rules', { text: 'in Mumbai who love cats' });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path: 'text', message: 'could not understand "who love cats"' }]);
    });

    it('retries a 429 and then succeeds', async () => {
      stub.answer(httpError(429), modelJson(THREE_SMS));
      const res = await post(app, 'messages', { intent: 'welcome', channel: 'sms' });
      expect(res.status).toBe(200);
      expect(res.body.provider).toBe('gemini');
      expect(stub.requests).toHaveLength(2);
    });

    it('maps repeated 500s to 502 and malformed JSON to 502', async () => {
      stub.answer(httpError(500));
      const res = await post(app, 'messages', { intent: 'announcement', channel: 'sms' });
      expect(res.status).toBe(502);
      expect(res.body).toEqual({ statusCode: 502, error: 'Bad Gateway', message: 'Gemini answered HTTP 500' });
      expect(stub.requests).toHaveLength(3);

      stub.answer(modelText('{"rules": {"op": "and"'));
      const malformed = await post(app, 'segment-rules', { text: 'tagged vip' });
      expect(malformed.status).toBe(502);
      expect(malformed.body).toMatchObject({ statusCode: 502, message: 'Gemini returned malformed JSON' });
    });

    it('maps a timeout to 504 and does not cache failures', async () => {
      stub.answer(neverAnswer);
      const res = await post(app, 'segment-rules', { text: 'joined in the last 30 days' });
      expect(res.status).toBe(504);
      expect(res.body).toMatchObject({
        statusCode: 504,
        error: 'Gateway Timeout',
        message: expect.stringContaining('800 ms'),
      });

      stub.answer(
        modelJson({
          rules: { op: 'and', rules: [{ field: 'created_at', operator: 'within_last_days', value: 30 }] },
          unrecognized: [],
        }),
      );
      const retried = await post(app, 'segment-rules', { text: 'joined in the last 30 days' });
      expect(retried.status).toBe(200);
      expect(stub.requests).toHaveLength(1);
    });

    it('refuses viewers before calling Gemini', async () => {
      stub.answer(modelJson(THREE_SMS));
      const res = await post(app, 'messages', { intent: 'welcome', channel: 'sms' }, app.viewer);
      expect(res.status).toBe(403);
      expect(stub.requests).toHaveLength(0);
    });
  });

  describe('with AI_FALLBACK=offline', () => {
    let app: AiTestApp;

    beforeAll(async () => {
      app = await startAiTestApp(driver, {
        GEMINI_API_KEY: 'stub-key-123',
        GEMINI_BASE_URL: baseUrl,
        GEMINI_TIMEOUT_MS: '500',
        GEMINI_MAX_RETRIES: '0',
        AI_FALLBACK: 'offline',
      });
    });
    afterAll(() => app?.t.close());

    it('answers through the offline provider when Gemini fails, and says so', async () => {
      stub.answer(httpError(500));
      const messages = await post(app, 'messages', { intent: 'win_back', channel: 'email' });
      expect(messages.status).toBe(200);
      expect(messages.body.provider).toBe('offline');
      expect(messages.body.options.length).toBeGreaterThanOrEqual(3);
      expect(stub.requests).toHaveLength(1);

      stub.answer(neverAnswer);
      const rules = await post(app, 'segment-rules', { text: 'tagged vip' });
      expect(rules.status).toBe(200);
      expect(rules.body).toMatchObject({
        provider: 'offline',
        rules: { op: 'and', rules: [{ field: 'tags', operator: 'has_any', value: ['vip'] }] },
        count: 0,
      });
    });

    it('asks Gemini again next time (fallback answers are not cached)', async () => {
      stub.answer(modelJson(THREE_SMS));
      const res = await post(app, 'messages', { intent: 'win_back', channel: 'sms' });
      expect(res.status).toBe(200);
      expect(res.body.provider).toBe('gemini');
      const failedBefore = await post(app, 'messages', { intent: 'win_back', channel: 'email' });
      expect(failedBefore.body.provider).toBe('gemini');
      expect(stub.requests).toHaveLength(2);
    });
  });

  describe('rate limit', () => {
    let app: AiTestApp;

    beforeAll(async () => {
      app = await startAiTestApp(driver, { AI_RATE_LIMIT_PER_MINUTE: '3' });
    });
    afterAll(() => app?.t.close());

    it('answers 429 with retry-after after N requests a minute, per user', async () => {
      for (let i = 0; i < 3; i++) {
        const ok = await post(app, 'messages', { intent: 'welcome', channel: 'sms' });
        expect(ok.status).toBe(200);
        expect(ok.headers.get('ratelimit-remaining')).toBe(String(2 - i));
      }
      const limited = await post(app, 'segment-rules', { text: 'tagged vip' });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringContaining('at most 3 a minute'),
      });
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);

      const otherUser = await post(app, 'segment-rules', { text: 'tagged vip' }, app.admin);
      expect(otherUser.status).toBe(200);
    });
  });
});
