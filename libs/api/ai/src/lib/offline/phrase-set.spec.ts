import { isDeepStrictEqual } from 'node:util';
import type { SegmentGroup } from '@mini-crm/contracts';
import { validateSegmentRules } from '@mini-crm/segment-engine';
import type { AiProvider } from '../providers/ai-provider.types';
import { OfflineAiProvider } from './offline.provider';
import { PHRASE_SET, PHRASE_SET_CAMPAIGNS, PHRASE_SET_NOW, type PhraseCase } from './phrase-set.fixture';

interface Miss {
  text: string;
  expected: SegmentGroup;
  got: SegmentGroup | string;
}

/** Runs a provider over the cases; a case counts only when the rules are exactly the expected ones. */
async function score(
  provider: AiProvider,
  cases: readonly PhraseCase[],
): Promise<{ accuracy: number; misses: Miss[] }> {
  const misses: Miss[] = [];
  for (const { text, rules } of cases) {
    const got = await provider
      .segmentRulesFromText({ text, campaigns: PHRASE_SET_CAMPAIGNS })
      .catch((e: Error) => `${e.name}: ${e.message}`);
    if (!isDeepStrictEqual(got, rules)) misses.push({ text, expected: rules, got });
  }
  return { accuracy: (cases.length - misses.length) / cases.length, misses };
}

const provider = new OfflineAiProvider(() => PHRASE_SET_NOW);

describe('natural language → segment rules: the project phrase set', () => {
  it('holds at least 100 distinct phrases whose expected rules the segment engine accepts', () => {
    expect(PHRASE_SET.length).toBeGreaterThanOrEqual(100);
    expect(new Set(PHRASE_SET.map((p) => p.text)).size).toBe(PHRASE_SET.length);
    const invalid = PHRASE_SET.filter((p) => !validateSegmentRules(p.rules).ok).map((p) => p.text);
    expect(invalid).toEqual([]);
  });

  it('the offline provider gets at least 95 % exactly right (failures printed)', async () => {
    const { accuracy, misses } = await score(provider, PHRASE_SET);
    if (misses.length) {
      console.log(
        `${misses.length} of ${PHRASE_SET.length} phrases missed:\n` +
          misses
            .map(
              (m) => `  "${m.text}"\n    expected ${JSON.stringify(m.expected)}\n    got      ${JSON.stringify(m.got)}`,
            )
            .join('\n'),
      );
    }
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('the comparison notices a wrong rule: one altered expectation is exactly one more miss', async () => {
    const base = await score(provider, PHRASE_SET);
    const index = PHRASE_SET.findIndex((p) => p.text === 'churn risk above 0.7');
    const altered = PHRASE_SET.map((p, i) =>
      i === index
        ? { ...p, rules: { op: 'and' as const, rules: [{ field: 'churn_risk', operator: 'gt' as const, value: 0.8 }] } }
        : p,
    );
    const worse = await score(provider, altered);
    expect(worse.misses.length).toBe(base.misses.length + 1);
    expect(worse.misses.map((m) => m.text)).toContain('churn risk above 0.7');
  });

  it('a provider that answers the same rule for everything scores near zero', async () => {
    const constant: AiProvider = {
      name: 'offline',
      suggestMessages: async () => [],
      segmentRulesFromText: async () => ({
        op: 'and',
        rules: [{ field: 'rfm_segment', operator: 'eq', value: 'champions' }],
      }),
    };
    const { accuracy } = await score(constant, PHRASE_SET);
    expect(accuracy).toBeLessThan(0.05);
  });

  it.each<[string, SegmentGroup]>([
    ['champions', { op: 'and', rules: [{ field: 'rfm_segment', operator: 'eq', value: 'champions' }] }],
    ['customers at risk of churning', { op: 'and', rules: [{ field: 'churn_risk', operator: 'gt', value: 0.7 }] }],
    [
      'likely to buy again this month',
      { op: 'and', rules: [{ field: 'expected_orders_30d', operator: 'gte', value: 0.5 }] },
    ],
    ['high lifetime value', { op: 'and', rules: [{ field: 'predicted_clv', operator: 'gte', value: 10000 }] }],
    ['spent more than twenty thousand', { op: 'and', rules: [{ field: 'total_spend', operator: 'gt', value: 20000 }] }],
    ['not from Chennai', { op: 'and', rules: [{ field: 'city', operator: 'neq', value: 'Chennai' }] }],
    [
      'ordered since January',
      { op: 'and', rules: [{ field: 'last_order_at', operator: 'after', value: '2025-12-31T23:59:59.999Z' }] },
    ],
  ])('understands %p exactly', async (text, rules) => {
    expect(await provider.segmentRulesFromText({ text })).toEqual(rules);
  });

  it('resolves relative dates against the injected clock', async () => {
    const later = new OfflineAiProvider(() => new Date('2026-08-20T08:00:00Z'));
    expect(await later.segmentRulesFromText({ text: 'joined last quarter' })).toEqual({
      op: 'and',
      rules: [
        { field: 'created_at', operator: 'after', value: '2026-03-31T23:59:59.999Z' },
        { field: 'created_at', operator: 'before', value: '2026-07-01' },
      ],
    });
  });
});
