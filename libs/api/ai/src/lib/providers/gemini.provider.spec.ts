import type { AudienceSummary, MessageSuggestionRequest } from './ai-provider.types';
import { AiTimeoutError, AiUnderstandingError, AiUpstreamError } from './ai.errors';
import { GeminiAiProvider } from './gemini.provider';
import { smsFitsLength } from './message-checks.util';
import { GeminiStub, httpError, modelJson, modelText, neverAnswer, promptText } from '../testing/gemini-stub.server';

const audience: AudienceSummary = {
  size: 1240,
  spend: { p25: 800, median: 2450, p75: 7300, max: 98000 },
  orders: { median: 2, p75: 5 },
  topCities: [
    { city: 'Mumbai', count: 410 },
    { city: 'Pune', count: 190 },
  ],
  recency: { medianDaysSinceLastOrder: 117, shareNoOrders: 0.18 },
  predictions: {
    scored: 1100,
    medianChurnRisk: 0.74,
    shareHighChurnRisk: 0.58,
    medianPredictedClv: 3100,
    expectedOrders30d: 96.5,
    rfmSegments: [{ segment: 'at_risk', count: 520 }],
  },
  rulesSummary: 'last order more than 90 days ago',
};

describe('GeminiAiProvider against a loopback generateContent stub', () => {
  const stub = new GeminiStub();
  let provider: GeminiAiProvider;
  let impatient: GeminiAiProvider;
  const warnings: string[] = [];

  beforeAll(async () => {
    const baseUrl = await stub.start();
    const options = { apiKey: 'test-key', baseUrl, maxRetries: 2, retryBaseDelayMs: 5 };
    // answers the stub gives at once must never time out on a loaded machine; the timeout test has its own
    impatient = new GeminiAiProvider({ ...options, timeoutMs: 300, logger: { warn: (m) => warnings.push(m) } });
    provider = new GeminiAiProvider({
      apiKey: 'test-key',
      baseUrl,
      timeoutMs: 10_000,
      maxRetries: 2,
      retryBaseDelayMs: 5,
      logger: { warn: (m) => warnings.push(m) },
    });
  });
  afterAll(() => stub.stop());
  beforeEach(() => (warnings.length = 0));

  const smsRequest: MessageSuggestionRequest = {
    intent: 'win_back',
    channel: 'sms',
    tone: 'friendly',
    length: 'short',
    instructions: 'mention 15% off with code BACK15; ask 9876543210 or ops.lead@example.com for help',
    audience,
  };

  it('sends a structured-output request with the audience aggregates and no personal data', async () => {
    stub.answer(
      modelJson({
        options: [
          { text: 'Hi {{first_name|there}}! We miss you. Enjoy 15% off with code BACK15.', rationale: 'Direct offer.' },
          { text: 'Hey {{first_name|friend}}, new arrivals await in {{city|your city}}!', rationale: 'Novelty.' },
          { text: 'Hello {{nickname}}, your favourites are back in stock.', rationale: 'Unknown token gets stripped.' },
        ],
      }),
    );
    const options = await provider.suggestMessages(smsRequest);

    const [req] = stub.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(req.headers['x-goog-api-key']).toBe('test-key');
    const config = req.body['generationConfig'] as Record<string, unknown>;
    expect(config['responseMimeType']).toBe('application/json');
    expect(config['responseJsonSchema']).toMatchObject({ required: ['options'] });
    const sent = JSON.stringify(req.body);
    const prompt = promptText(req);
    expect(prompt).toContain('"recency":{"medianDaysSinceLastOrder":117,"shareNoOrders":0.18}');
    expect(prompt).toContain(
      '"predictions":{"scored":1100,"medianChurnRisk":0.74,"shareHighChurnRisk":0.58,"medianPredictedClv":3100,"expectedOrders30d":96.5,"rfmSegments":[{"segment":"at_risk","count":520}]}',
    );
    expect(JSON.stringify(stub.requests[0].body['systemInstruction'])).toContain('use win-back wording');
    expect(prompt).toContain('mention 15% off with code BACK15');
    expect(sent).toContain('Mumbai');
    expect(sent).toContain('{{first_name}}');
    expect(sent).not.toContain('9876543210');
    expect(sent).not.toContain('ops.lead@example.com');

    expect(options).toHaveLength(3);
    expect(options[0]).toEqual({
      text: 'Hi {{first_name|there}}! We miss you. Enjoy 15% off with code BACK15.',
      rationale: 'Direct offer.',
      tokens: ['first_name'],
    });
    expect(options[1].tokens).toEqual(['first_name', 'city']);
    expect(options[2].text).toBe('Hello, your favourites are back in stock.');
  });

  it('never forwards properties beyond the aggregates', async () => {
    stub.answer(modelJson({ options: [{ text: 'Hi!', rationale: 'r' }] }));
    const leaky = { ...audience, sample: [{ email: 'asha@example.com', phone: '+919812345678' }] } as AudienceSummary;
    await provider.suggestMessages({ ...smsRequest, instructions: undefined, audience: leaky });
    const sent = JSON.stringify(stub.requests[0].body);
    expect(sent).not.toContain('asha@example.com');
    expect(sent).not.toContain('+919812345678');
  });

  it('trims SMS that are too long and adds a subject to e-mail', async () => {
    const long = 'We have missed you a lot. '.repeat(12).trim();
    stub.answer(modelJson({ options: [{ text: long, rationale: 'too long' }] }));
    const [sms] = await provider.suggestMessages({ ...smsRequest, audience: undefined });
    expect(smsFitsLength(sms.text, 'short')).toBe(true);
    expect(sms.text.endsWith('.')).toBe(true);

    stub.answer(modelJson({ options: [{ text: 'Big news today. Come and see.', rationale: 'r' }] }));
    const [email] = await provider.suggestMessages({ ...smsRequest, channel: 'email' });
    expect(email.subject).toBe('Big news today.');
  });

  it('returns the segment rules and sends the rules schema and repair context', async () => {
    const rules = {
      op: 'and',
      rules: [
        { field: 'city', operator: 'in', value: ['Mumbai', 'Delhi'] },
        {
          op: 'or',
          rules: [
            { field: 'total_spend', operator: 'gt', value: 5000 },
            { field: 'tags', operator: 'has_any', value: ['vip'] },
          ],
        },
      ],
    };
    stub.answer(modelJson({ rules, unrecognized: [] }));
    const result = await provider.segmentRulesFromText({
      text: 'in Mumbai or Delhi and spent over 5k or tagged vip',
      repair: {
        previous: { op: 'and', rules: [{ field: 'spend', operator: 'gt', value: 5000 }] },
        errors: [{ path: 'rules[0].field', message: 'unknown field' }],
      },
    });
    expect(result).toEqual(rules);
    const body = stub.requests[0].body;
    const config = body['generationConfig'] as Record<string, unknown>;
    expect(JSON.stringify(config['responseJsonSchema'])).toContain('within_last_days');
    expect(JSON.stringify(body['contents'])).toContain('rules[0].field: unknown field');
    expect(JSON.stringify(body['systemInstruction'])).toContain('days_since_last_order');
  });

  it('tells the model the prediction fields, their vocabulary and today for relative dates', async () => {
    const rules = { op: 'and', rules: [{ field: 'rfm_segment', operator: 'eq', value: 'champions' }] };
    stub.answer(modelJson({ rules, unrecognized: [] }));
    const result = await provider.segmentRulesFromText({
      text: 'champions who joined since January',
      now: new Date('2026-05-15T10:00:00Z'),
    });
    expect(result).toEqual(rules);
    const instruction = JSON.stringify(stub.requests[0].body['systemInstruction']);
    for (const field of [
      'rfm_segment',
      'churn_risk',
      'p_alive',
      'expected_orders_30d',
      'predicted_clv',
      'clicks_90d',
    ]) {
      expect(instruction).toContain(field);
    }
    expect(instruction).toContain('cant_lose');
    expect(instruction).toContain('churn_risk gt 0.7');
    expect(instruction).toContain('Today is 2026-05-15');
  });

  it('lists the launched campaigns by id for "our last campaign", and says so when there are none', async () => {
    const id = '0b5f1c52-6f0a-4c53-9a55-2d1f3f7a9e01';
    const rules = { op: 'and', rules: [{ field: 'campaign_engagement', operator: 'clicked', value: id }] };
    stub.answer(modelJson({ rules, unrecognized: [] }));
    const campaigns = [{ id, name: 'May flash sale', channel: 'sms', startedAt: new Date('2026-05-14T09:00:00Z') }];
    expect(await provider.segmentRulesFromText({ text: 'clicked our last campaign', campaigns })).toEqual(rules);
    const body = stub.requests[0].body;
    const instruction = JSON.stringify(body['systemInstruction']);
    expect(instruction).toContain(`- ${id}: \\"May flash sale\\" (sms, launched 2026-05-14)`);
    expect(JSON.stringify(body['generationConfig'])).toContain('not_clicked');
    stub.answer(modelJson({ rules, unrecognized: [] }));
    await provider.segmentRulesFromText({ text: 'clicked our last campaign' });
    expect(JSON.stringify(stub.requests.at(-1)?.body['systemInstruction'])).toContain(
      'No campaign has been launched yet',
    );
  });

  it('reports the parts the model could not map', async () => {
    stub.answer(
      modelJson({
        rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] },
        unrecognized: ['loves cats'],
      }),
    );
    await expect(provider.segmentRulesFromText({ text: 'in Pune who love cats' })).rejects.toEqual(
      expect.objectContaining({ constructor: AiUnderstandingError, unrecognized: ['loves cats'] }),
    );
  });

  it('maps malformed JSON and wrong shapes to AiUpstreamError', async () => {
    stub.answer(modelText('{"options": [ {"text": "Hi"'));
    await expect(provider.suggestMessages(smsRequest)).rejects.toBeInstanceOf(AiUpstreamError);
    expect(stub.requests).toHaveLength(1);

    stub.answer(modelJson({ rules: { op: 'xor', rules: [] } }));
    await expect(provider.segmentRulesFromText({ text: 'x' })).rejects.toMatchObject({ statusCode: 502 });
  });

  it('retries a 429 and then succeeds', async () => {
    stub.answer(httpError(429), modelJson({ options: [{ text: 'Hi {{first_name|there}}!', rationale: 'r' }] }));
    const options = await provider.suggestMessages(smsRequest);
    expect(options).toHaveLength(1);
    expect(stub.requests).toHaveLength(2);
    expect(warnings).toHaveLength(1);
  });

  it('gives up on repeated 500s with AiUpstreamError after maxRetries', async () => {
    stub.answer(httpError(500));
    const error = await provider.segmentRulesFromText({ text: 'tagged vip' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUpstreamError);
    expect(error).toMatchObject({ statusCode: 502, upstreamStatus: 500 });
    expect(stub.requests).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    stub.answer(httpError(400));
    await expect(provider.segmentRulesFromText({ text: 'tagged vip' })).rejects.toMatchObject({ upstreamStatus: 400 });
    expect(stub.requests).toHaveLength(1);
  });

  it('maps a timeout to AiTimeoutError', async () => {
    stub.answer(neverAnswer);
    const started = Date.now();
    const error = await impatient.suggestMessages(smsRequest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiTimeoutError);
    expect(error).toMatchObject({ statusCode: 504 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(stub.requests).toHaveLength(1);
  });

  it('maps an unreachable endpoint to AiUpstreamError after retrying', async () => {
    const logged: string[] = [];
    const unreachable = new GeminiAiProvider({
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9',
      maxRetries: 1,
      retryBaseDelayMs: 1,
      logger: { warn: (m) => logged.push(m) },
    });
    await expect(unreachable.segmentRulesFromText({ text: 'tagged vip' })).rejects.toBeInstanceOf(AiUpstreamError);
    expect(logged).toHaveLength(1);
  });
});
