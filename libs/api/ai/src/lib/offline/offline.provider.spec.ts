import {
  MESSAGE_INTENTS,
  MESSAGE_LENGTHS,
  MESSAGE_TONES,
  type MessageChannel,
  type MessageSuggestionRequest,
} from '../providers/ai-provider.types';
import { AiUnderstandingError } from '../providers/ai.errors';
import { smsFitsLength } from '../providers/message-checks.util';
import { findTokens } from '@mini-crm/message-text';
import { isKnownToken } from '../providers/message-tokens.util';
import { OfflineAiProvider } from './offline.provider';

const provider = new OfflineAiProvider();
const audience = {
  size: 980,
  spend: { p25: 500, median: 1800, p75: 5200, max: 64000 },
  orders: { median: 1, p75: 3 },
  topCities: [{ city: 'Delhi', count: 300 }],
  recency: { medianDaysSinceLastOrder: 95, shareNoOrders: 0.4 },
};
const requests: MessageSuggestionRequest[] = MESSAGE_INTENTS.flatMap((intent) =>
  MESSAGE_TONES.flatMap((tone) =>
    MESSAGE_LENGTHS.flatMap((length) =>
      (['sms', 'email'] as MessageChannel[]).map((channel) => ({
        intent,
        tone,
        length,
        channel,
        audience,
        instructions: intent === 'custom' ? 'Flat 20% off on all kurtas this weekend with code FEST20' : undefined,
      })),
    ),
  ),
);

describe('OfflineAiProvider messages', () => {
  it('answers every intent × tone × length × channel with 3 distinct, well-formed options', async () => {
    for (const req of requests) {
      const options = await provider.suggestMessages(req);
      const label = JSON.stringify(req);
      expect({ label, count: options.length }).toEqual({ label, count: 3 });
      expect(new Set(options.map((o) => o.text)).size).toBe(3);
      for (const option of options) {
        expect(
          findTokens(`${option.subject ?? ''} ${option.text}`).every((t) => isKnownToken(t.name) && t.fallback),
        ).toBe(true);
        expect(option.tokens.length).toBeGreaterThan(0);
        expect(option.rationale).toContain('Audience: 980 customers');
        if (req.channel === 'sms') {
          expect({ label, text: option.text, fits: smsFitsLength(option.text, req.length) }).toMatchObject({
            fits: true,
          });
          expect(option.subject).toBeUndefined();
        } else {
          expect(option.subject?.length).toBeGreaterThan(5);
        }
      }
    }
  });

  it('keeps short SMS whole: greeting, message and call to action fit without trimming', async () => {
    for (const tone of MESSAGE_TONES) {
      const options = await provider.suggestMessages({ intent: 'win_back', channel: 'sms', tone, length: 'short' });
      for (const option of options) expect(option.text).toMatch(/[!.]$/);
      expect(options.map((o) => o.text.split(/(?<=[.!?]) /).length).every((n) => n >= 3)).toBe(true);
    }
  });

  it('is deterministic', async () => {
    const req = requests[42];
    expect(await provider.suggestMessages(req)).toEqual(await provider.suggestMessages({ ...req }));
  });

  it('weaves the instructions in, offer first in a short SMS', async () => {
    const options = await provider.suggestMessages({
      intent: 'promotion',
      channel: 'sms',
      tone: 'friendly',
      length: 'short',
      instructions: 'Mention 15% off sitewide with code SAVE15.',
    });
    for (const option of options) expect(option.text).toContain('15% off sitewide with code SAVE15');
    expect(options[0].text).toBe(
      'Hi {{first_name|there}}! Enjoy 15% off sitewide with code SAVE15. Take a look today!',
    );
  });

  it('uses the instruction itself as a custom message', async () => {
    const [first, second] = await provider.suggestMessages({
      intent: 'custom',
      channel: 'email',
      tone: 'professional',
      length: 'short',
      instructions: 'our Bandra store reopens on Saturday',
    });
    expect(first.text).toContain('Our Bandra store reopens on Saturday.');
    expect(second.text).toContain("Here's the news: our Bandra store reopens on Saturday.");
    expect(first.text.startsWith('Dear {{first_name|customer}},')).toBe(true);
  });

  it('says so when another language was asked for', async () => {
    const [option] = await provider.suggestMessages({
      intent: 'welcome',
      channel: 'sms',
      tone: 'friendly',
      length: 'short',
      language: 'hi',
    });
    expect(option.rationale).toContain('English only');
  });
});

describe('OfflineAiProvider messages from score aggregates', () => {
  const scored = (predictions: NonNullable<MessageSuggestionRequest['audience']>['predictions']) => ({
    ...audience,
    predictions,
  });
  const atRisk = scored({
    scored: 900,
    medianChurnRisk: 0.82,
    shareHighChurnRisk: 0.71,
    medianPredictedClv: 1200,
    expectedOrders30d: 40,
    rfmSegments: [{ segment: 'at_risk', count: 500 }],
  });
  const champions = scored({
    scored: 900,
    medianChurnRisk: 0.12,
    shareHighChurnRisk: 0.02,
    medianPredictedClv: 24000,
    expectedOrders30d: 610,
    rfmSegments: [
      { segment: 'champions', count: 400 },
      { segment: 'loyal', count: 230 },
      { segment: 'promising', count: 270 },
    ],
  });
  const mixed = scored({
    scored: 900,
    medianChurnRisk: 0.4,
    shareHighChurnRisk: 0.2,
    medianPredictedClv: 5000,
    expectedOrders30d: 200,
    rfmSegments: [
      { segment: 'champions', count: 300 },
      { segment: 'hibernating', count: 300 },
      { segment: 'new', count: 300 },
    ],
  });

  it('uses win-back wording for an at-risk audience and names the aggregate in the rationale', async () => {
    for (const channel of ['sms', 'email'] as const) {
      const options = await provider.suggestMessages({
        intent: 'promotion',
        channel,
        tone: 'friendly',
        length: 'short',
        audience: atRisk,
      });
      expect(options).toHaveLength(3);
      expect(options.map((o) => /miss you|see you back|your return/.test(o.text))).toEqual([true, true, true]);
      for (const o of options) {
        expect(o.rationale).toContain('Win-back wording because median churn risk is 0.82 (above 0.7)');
        if (channel === 'sms') expect(smsFitsLength(o.text, 'short')).toBe(true);
      }
    }
  });

  it('thanks a champion audience and says which share drove it', async () => {
    const options = await provider.suggestMessages({
      intent: 'announcement',
      channel: 'email',
      tone: 'professional',
      length: 'medium',
      audience: champions,
    });
    expect(options.map((o) => /thank/i.test(o.text))).toEqual([true, true, true]);
    expect(options[0].rationale).toContain(
      'Thank-you wording because 70% of scored members are RFM champions or loyal customers',
    );
  });

  it('falls back to the share of at-risk segments when the median churn risk is moderate', async () => {
    const [option] = await provider.suggestMessages({
      intent: 'promotion',
      channel: 'sms',
      tone: 'friendly',
      length: 'short',
      audience: scored({
        ...atRisk.predictions!,
        medianChurnRisk: 0.5,
        shareHighChurnRisk: 0.3,
        rfmSegments: [
          { segment: 'lost', count: 300 },
          { segment: 'hibernating', count: 200 },
        ],
      }),
    });
    expect(option.rationale).toContain('56% of scored members are in the at-risk');
  });

  it('keeps the intent’s own wording for a mixed or unscored audience', async () => {
    for (const a of [mixed, audience, scored({ ...atRisk.predictions!, scored: 0 })]) {
      const options = await provider.suggestMessages({
        intent: 'promotion',
        channel: 'sms',
        tone: 'friendly',
        length: 'short',
        audience: a,
      });
      for (const o of options) {
        expect(o.text).not.toMatch(/miss you|see you back|your return|thank/i);
        expect(o.rationale).not.toMatch(/wording because/);
      }
    }
  });
});

describe('OfflineAiProvider segment rules', () => {
  it('parses descriptions and ignores the repair context', async () => {
    const rules = await provider.segmentRulesFromText({
      text: 'tagged vip or spent more than 50000',
      repair: { previous: {}, errors: [{ path: 'rules', message: 'x' }] },
    });
    expect(rules.op).toBe('or');
  });

  it('throws AiUnderstandingError for descriptions it cannot read', async () => {
    await expect(provider.segmentRulesFromText({ text: 'people who like jazz' })).rejects.toBeInstanceOf(
      AiUnderstandingError,
    );
  });
});
