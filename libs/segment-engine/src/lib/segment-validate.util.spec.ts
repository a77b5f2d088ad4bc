import {
  InvalidSegmentRulesError,
  assertValidSegmentRules,
  formatSegmentRuleIssues,
  validateSegmentRules,
} from './segment-validate.util';

function errorsOf(input: unknown): string[] {
  const result = validateSegmentRules(input);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors.map((e) => formatSegmentRuleIssues([e]));
}

const cond = (field: string, operator: string, value?: unknown) => ({ field, operator, value });
const and = (...rules: unknown[]) => ({ op: 'and', rules });

describe('validateSegmentRules', () => {
  it('accepts a valid nested tree and returns a clean copy', () => {
    const input = {
      op: 'or',
      not: false,
      id: 'ui-only',
      rules: [
        { ...and(cond('total_spend', 'gt', 5000), cond('order_count', 'lt', 3)), extra: 1 },
        cond('tags', 'has_any', ['vip']),
        cond('city', 'is_empty', null),
      ],
    };
    expect(validateSegmentRules(input)).toEqual({
      ok: true,
      rules: {
        op: 'or',
        rules: [
          { op: 'and', rules: [cond('total_spend', 'gt', 5000), cond('order_count', 'lt', 3)] },
          cond('tags', 'has_any', ['vip']),
          { field: 'city', operator: 'is_empty' },
        ],
      },
    });
  });

  it('accepts an empty group', () => {
    expect(validateSegmentRules({ op: 'and', rules: [] })).toEqual({ ok: true, rules: { op: 'and', rules: [] } });
  });

  it('requires the root to be a group', () => {
    expect(errorsOf(cond('city', 'eq', 'x'))).toEqual([
      'op: expected "and" or "or"',
      'rules: expected an array of rules',
    ]);
    expect(errorsOf(null)).toEqual(['expected a group { op, rules }']);
    expect(errorsOf([])).toEqual(['expected a group { op, rules }']);
  });

  it('reports precise paths for nested problems', () => {
    const input = {
      op: 'and',
      rules: [
        cond('city', 'eq', 'Pune'),
        { op: 'or', rules: [cond('total_spend', 'gt', '5000'), cond('nope', 'eq', 1)] },
        { op: 'xor', not: 'yes', rules: [42] },
      ],
    };
    expect(errorsOf(input)).toEqual([
      'rules[1].rules[0].value: expected a number',
      'rules[1].rules[1].field: unknown field "nope"',
      'rules[2].op: expected "and" or "or"',
      'rules[2].not: expected a boolean',
      'rules[2].rules[0]: expected a group { op, rules } or a condition { field, operator, value }',
    ]);
  });

  it('rejects operators that do not fit the field type, and unknown operators', () => {
    expect(errorsOf(and(cond('city', 'gt', 3)))).toEqual([
      'rules[0].operator: operator "gt" does not apply to field "city" (allowed: eq, neq, contains, starts_with, in, is_empty)',
    ]);
    expect(errorsOf(and(cond('city', 'like', 'x')))).toEqual(['rules[0].operator: unknown operator "like"']);
    expect(errorsOf(and(cond('tags', 'eq', 'vip')))[0]).toMatch(/^rules\[0\]\.operator: operator "eq" does not apply/);
  });

  it('checks value types per operator', () => {
    const cases: [unknown, string][] = [
      [cond('city', 'eq', 5), 'rules[0].value: expected a string'],
      [cond('city', 'in', []), 'rules[0].value: expected a non-empty list'],
      [cond('city', 'in', ['a', 2]), 'rules[0].value[1]: expected a string'],
      [cond('email_status', 'eq', 'maybe'), 'rules[0].value: expected one of subscribed, unsubscribed, blocklisted'],
      [
        cond('sms_status', 'in', ['subscribed', 'SUBSCRIBED']),
        'rules[0].value[1]: expected one of subscribed, unsubscribed, blocklisted',
      ],
      [cond('total_spend', 'between', [10]), 'rules[0].value: expected [min, max]'],
      [cond('total_spend', 'between', [10, 5]), 'rules[0].value: expected [min, max] with min ≤ max'],
      [cond('order_count', 'between', [1, 'x']), 'rules[0].value[1]: expected a number'],
      [cond('total_spend', 'gt', Number.NaN), 'rules[0].value: expected a number'],
      [
        cond('days_since_last_order', 'gt', 2.5),
        'rules[0].value: expected a whole number of days between 0 and 100000',
      ],
      [
        cond('last_order_at', 'within_last_days', -1),
        'rules[0].value: expected a whole number of days between 0 and 100000',
      ],
      [
        cond('last_order_at', 'before', '2024-02-30'),
        'rules[0].value: expected an ISO date (YYYY-MM-DD or an ISO 8601 date-time)',
      ],
      [
        cond('last_order_at', 'after', 'yesterday'),
        'rules[0].value: expected an ISO date (YYYY-MM-DD or an ISO 8601 date-time)',
      ],
      [cond('tags', 'has_all', 'vip'), 'rules[0].value: expected a non-empty list'],
      [cond('city', 'is_empty', 'x'), 'rules[0].value: operator "is_empty" takes no value'],
      [cond('city', 'eq', 'a'.repeat(501)), 'rules[0].value: must be at most 500 characters'],
      [cond('city', 'eq', 'a\u0000b'), 'rules[0].value: contains characters that cannot be stored'],
      [cond('attributes.plan', 'gt', '10'), 'rules[0].value: expected a number'],
      [
        cond('attributes.bad.key', 'eq', 'x'),
        'rules[0].field: invalid attribute key "bad.key" (use letters, digits, _, space or -, up to 64 characters)',
      ],
      [
        cond("attributes.x'; drop", 'eq', 'x'),
        `rules[0].field: invalid attribute key "x'; drop" (use letters, digits, _, space or -, up to 64 characters)`,
      ],
    ];
    for (const [rule, message] of cases) {
      expect(errorsOf(and(rule))).toEqual([message]);
    }
  });

  it('accepts the documented value forms', () => {
    const ok = [
      cond('last_order_at', 'before', '2024-01-31'),
      cond('last_order_at', 'after', '2024-01-31T10:00:00Z'),
      cond('last_order_at', 'after', '2024-01-31T10:00:00.123+05:30'),
      cond('created_at', 'before', '2024-01-31T10:00'),
      cond('attributes.plan', 'eq', 'gold'),
      cond('attributes.score', 'eq', 10),
      cond('attributes.score', 'between', [1.5, 2]),
      cond('attributes.Loyalty tier-2', 'in', ['a', 'b']),
      cond('total_spend', 'between', [100, 100]),
      cond('days_since_last_active', 'eq', 0),
      cond('tags', 'has_none', ['x']),
    ];
    expect(validateSegmentRules(and(...ok)).ok).toBe(true);
  });

  it('limits list sizes, depth and the number of conditions', () => {
    expect(
      errorsOf(
        and(
          cond(
            'city',
            'in',
            Array.from({ length: 1001 }, (_, i) => `c${i}`),
          ),
        ),
      ),
    ).toEqual(['rules[0].value: expected at most 1000 values (got 1001)']);
    expect(
      validateSegmentRules(
        and(
          cond(
            'city',
            'in',
            Array.from({ length: 1000 }, (_, i) => `c${i}`),
          ),
        ),
      ).ok,
    ).toBe(true);

    let deep: unknown = and(cond('city', 'eq', 'x'));
    for (let i = 0; i < 4; i++) deep = and(deep);
    expect(validateSegmentRules(deep).ok).toBe(true); // 5 levels
    expect(errorsOf(and(deep))).toEqual([
      'rules[0].rules[0].rules[0].rules[0].rules[0]: groups may nest at most 5 levels deep',
    ]);

    const hundred = Array.from({ length: 100 }, () => cond('city', 'eq', 'x'));
    expect(validateSegmentRules(and(...hundred)).ok).toBe(true);
    expect(errorsOf(and(...hundred, and(cond('city', 'eq', 'x'))))).toEqual([
      'at most 100 conditions are allowed (found 101)',
    ]);
  });

  it('assertValidSegmentRules throws with the issues attached', () => {
    expect(() => assertValidSegmentRules(and(cond('city', 'gt', 1)))).toThrow(InvalidSegmentRulesError);
    try {
      assertValidSegmentRules({ op: 'and', rules: [cond('zip', 'eq', '1')] });
    } catch (e) {
      expect((e as InvalidSegmentRulesError).errors).toEqual([
        { path: 'rules[0].field', message: 'unknown field "zip"' },
      ]);
    }
  });

  it('checks campaign engagement conditions: operator, campaign id, linkId', () => {
    const id = '0190A5F2-0000-7000-8000-0000000000AB';
    expect(validateSegmentRules(and(cond('campaign_engagement', 'clicked', id)))).toEqual({
      ok: true,
      rules: and({ field: 'campaign_engagement', operator: 'clicked', value: id.toLowerCase() }),
    });
    expect(validateSegmentRules(and({ ...cond('campaign_engagement', 'clicked', id), linkId: 7 }))).toEqual({
      ok: true,
      rules: and({ field: 'campaign_engagement', operator: 'clicked', value: id.toLowerCase(), linkId: 7 }),
    });
    expect(errorsOf(and(cond('campaign_engagement', 'eq', id)))).toEqual([
      'rules[0].operator: operator "eq" does not apply to field "campaign_engagement" (allowed: received, delivered, opened, clicked, converted, not_opened, not_clicked)',
    ]);
    expect(errorsOf(and(cond('campaign_engagement', 'bounced', id)))).toEqual([
      'rules[0].operator: unknown operator "bounced"',
    ]);
    expect(errorsOf(and(cond('campaign_engagement', 'opened', 'spring-sale')))).toEqual([
      'rules[0].value: expected a campaign id (UUID)',
    ]);
    expect(errorsOf(and(cond('campaign_engagement', 'opened')))).toEqual([
      'rules[0].value: expected a campaign id (UUID)',
    ]);
    expect(errorsOf(and({ ...cond('campaign_engagement', 'opened', id), linkId: 3 }))).toEqual([
      'rules[0].linkId: linkId applies only to field "campaign_engagement" with operator "clicked"',
    ]);
    expect(errorsOf(and({ ...cond('city', 'eq', 'Pune'), linkId: 3 }))).toEqual([
      'rules[0].linkId: linkId applies only to field "campaign_engagement" with operator "clicked"',
    ]);
    for (const bad of [0, -1, 1.5, '3', 2 ** 31]) {
      expect(errorsOf(and({ ...cond('campaign_engagement', 'clicked', id), linkId: bad }))).toEqual([
        'rules[0].linkId: expected a link id (a positive whole number)',
      ]);
    }
  });

  it('checks event counts as whole numbers without is_empty', () => {
    expect(validateSegmentRules(and(cond('opens_90d', 'between', [1, 3]))).ok).toBe(true);
    expect(errorsOf(and(cond('clicks_90d', 'gte', 1.5)))).toEqual([
      'rules[0].value: expected a whole number of events between 0 and 100000',
    ]);
    expect(errorsOf(and(cond('clicks_90d', 'is_empty')))).toEqual([
      'rules[0].operator: operator "is_empty" does not apply to field "clicks_90d" (allowed: eq, neq, gt, gte, lt, lte, between)',
    ]);
  });
});
