import type { SegmentCondition, SegmentGroup } from '@mini-crm/contracts';
import { evaluateSegmentRules, type SegmentCustomer } from './segment-evaluate.util';
import { InvalidSegmentRulesError } from './segment-validate.util';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * DAY - extraMs);
const matches = (rule: SegmentCondition | SegmentGroup, customer: SegmentCustomer) =>
  evaluateSegmentRules('rules' in rule ? rule : { op: 'and', rules: [rule] }, customer, NOW);

describe('evaluateSegmentRules', () => {
  it('compares strings case-insensitively', () => {
    const c = { city: 'Mumbai', email: 'Ann@Example.com' };
    expect(matches({ field: 'city', operator: 'eq', value: 'MUMBAI' }, c)).toBe(true);
    expect(matches({ field: 'city', operator: 'neq', value: 'mumbai' }, c)).toBe(false);
    expect(matches({ field: 'email', operator: 'contains', value: '@EXAMPLE' }, c)).toBe(true);
    expect(matches({ field: 'email', operator: 'starts_with', value: 'ann@' }, c)).toBe(true);
    expect(matches({ field: 'city', operator: 'in', value: ['pune', 'mumbai'] }, c)).toBe(true);
  });

  it('lets null match nothing but is_empty, and NOT be the exact complement', () => {
    const c: SegmentCustomer = { city: null, total_spend: null };
    expect(matches({ field: 'city', operator: 'neq', value: 'Pune' }, c)).toBe(false);
    expect(matches({ field: 'total_spend', operator: 'lt', value: 100 }, c)).toBe(false);
    expect(matches({ field: 'city', operator: 'is_empty' }, c)).toBe(true);
    expect(matches({ field: 'city', operator: 'is_empty' }, { city: '' })).toBe(true);
    expect(matches({ op: 'and', not: true, rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] }, c)).toBe(true);
  });

  it('treats missing or empty tags as having none', () => {
    expect(matches({ field: 'tags', operator: 'has_none', value: ['vip'] }, { tags: null })).toBe(true);
    expect(matches({ field: 'tags', operator: 'has_none', value: ['vip'] }, { tags: [] })).toBe(true);
    expect(matches({ field: 'tags', operator: 'has_any', value: ['vip'] }, { tags: null })).toBe(false);
    expect(matches({ field: 'tags', operator: 'has_all', value: ['vip', 'b2b'] }, { tags: ['b2b', 'vip', 'x'] })).toBe(
      true,
    );
    expect(matches({ field: 'tags', operator: 'has_all', value: ['vip', 'b2b'] }, { tags: ['vip'] })).toBe(false);
    expect(matches({ field: 'tags', operator: 'has_any', value: ['vip'] }, { tags: ['VIP'] })).toBe(false);
    expect(matches({ field: 'tags', operator: 'is_empty' }, { tags: [] })).toBe(true);
  });

  it('counts whole days since the last order', () => {
    const rule = (operator: 'gt' | 'eq' | 'lte', value: number): SegmentCondition => ({
      field: 'days_since_last_order',
      operator,
      value,
    });
    expect(matches(rule('gt', 30), { last_order_at: ago(31) })).toBe(true);
    expect(matches(rule('gt', 30), { last_order_at: ago(31, -1) })).toBe(false); // 1 ms short of 31 days
    expect(matches(rule('eq', 30), { last_order_at: ago(30, DAY - 1) })).toBe(true);
    expect(matches(rule('lte', 0), { last_order_at: NOW.toISOString() })).toBe(true);
    expect(matches(rule('gt', 0), { last_order_at: null })).toBe(false);
    expect(matches({ field: 'days_since_last_order', operator: 'is_empty' }, {})).toBe(true);
  });

  it('applies whole-day windows to dates', () => {
    const within = { field: 'last_active_at', operator: 'within_last_days', value: 7 } as const;
    expect(matches(within, { last_active_at: ago(7, DAY - 1) })).toBe(true);
    expect(matches(within, { last_active_at: ago(8) })).toBe(false);
    expect(matches(within, { last_active_at: ago(-1) })).toBe(false); // in the future
    expect(
      matches({ field: 'last_active_at', operator: 'more_than_days_ago', value: 7 }, { last_active_at: ago(8) }),
    ).toBe(true);
    expect(
      matches(
        { field: 'created_at', operator: 'before', value: '2025-01-01' },
        { created_at: '2024-12-31T23:59:59.999Z' },
      ),
    ).toBe(true);
    expect(
      matches(
        { field: 'created_at', operator: 'after', value: '2025-01-01T05:30:00+05:30' },
        { created_at: new Date('2025-01-01T00:00:00.001Z') },
      ),
    ).toBe(true);
  });

  it('reads numeric columns given as strings', () => {
    expect(matches({ field: 'total_spend', operator: 'between', value: [100, 200] }, { total_spend: '200.00' })).toBe(
      true,
    );
    expect(matches({ field: 'order_count', operator: 'gte', value: 2 }, { order_count: 2 })).toBe(true);
  });

  it('compares attributes as text, or as numbers when the rule value is a number', () => {
    const c: SegmentCustomer = { attributes: { plan: 'Gold', score: '12', level: 3, vip: true, meta: { a: 1 } } };
    expect(matches({ field: 'attributes.plan', operator: 'eq', value: 'gold' }, c)).toBe(true);
    expect(matches({ field: 'attributes.score', operator: 'gt', value: 9 }, c)).toBe(true);
    expect(matches({ field: 'attributes.score', operator: 'eq', value: 12 }, c)).toBe(true);
    expect(matches({ field: 'attributes.level', operator: 'eq', value: '3' }, c)).toBe(true);
    expect(matches({ field: 'attributes.plan', operator: 'gt', value: 0 }, c)).toBe(false);
    expect(matches({ field: 'attributes.vip', operator: 'eq', value: 'TRUE' }, c)).toBe(true);
    expect(matches({ field: 'attributes.meta', operator: 'is_empty' }, c)).toBe(true);
    expect(matches({ field: 'attributes.missing', operator: 'neq', value: 'x' }, c)).toBe(false);
    expect(matches({ field: 'attributes.toString', operator: 'is_empty' }, c)).toBe(true);
  });

  it('matches everyone with an empty group and rejects invalid trees', () => {
    expect(evaluateSegmentRules({ op: 'or', rules: [] }, {}, NOW)).toBe(true);
    expect(() =>
      evaluateSegmentRules({ op: 'and', rules: [{ field: 'zip', operator: 'eq', value: 1 }] }, {}, NOW),
    ).toThrow(InvalidSegmentRulesError);
  });
});
