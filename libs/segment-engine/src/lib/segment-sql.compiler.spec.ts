import { PgDialect } from 'drizzle-orm/pg-core';
import type { SegmentGroup } from '@mini-crm/contracts';
import { compileSegmentRules } from './segment-sql.compiler';
import { InvalidSegmentRulesError } from './segment-validate.util';

const dialect = new PgDialect();
const NOW = new Date('2025-06-15T12:00:00.000Z');
const compile = (group: SegmentGroup, alias?: string) =>
  dialect.sqlToQuery(compileSegmentRules(group, { now: NOW, alias }));

describe('compileSegmentRules', () => {
  it('binds every value as a parameter and wraps conditions for NULL safety', () => {
    const q = compile({
      op: 'or',
      rules: [
        {
          op: 'and',
          rules: [
            { field: 'total_spend', operator: 'gt', value: 5000 },
            { field: 'order_count', operator: 'lt', value: 3 },
          ],
        },
        { field: 'city', operator: 'eq', value: 'Pune' },
      ],
    });
    expect(q.sql).toBe(
      '((coalesce("total_spend" > $1::numeric, false) and coalesce("order_count" < $2::numeric, false)) or coalesce(lower("city") = lower($3::text), false))',
    );
    expect(q.params).toEqual(['5000', '3', 'Pune']);
  });

  it('never puts values into the SQL text', () => {
    const evil = "x'; drop table customers; --";
    const q = compile({
      op: 'and',
      not: true,
      rules: [
        { field: 'city', operator: 'contains', value: evil },
        { field: 'tags', operator: 'has_all', value: [evil] },
        { field: 'attributes.plan', operator: 'in', value: [evil, 'gold'] },
        { field: 'last_order_at', operator: 'before', value: '2024-01-01' },
      ],
    });
    expect(q.sql).not.toContain('drop');
    expect(q.sql).not.toContain('gold');
    expect(q.sql).not.toContain('plan');
    expect(q.sql).not.toContain('2024');
    expect(q.params).toEqual(
      expect.arrayContaining([evil, [evil], [evil, 'gold'], 'plan', '2024-01-01T00:00:00.000Z']),
    );
    expect(q.sql.startsWith('(not (')).toBe(true);
  });

  it('qualifies columns with the alias', () => {
    const q = compile({ op: 'and', rules: [{ field: 'sms_status', operator: 'eq', value: 'subscribed' }] }, 'c');
    expect(q.sql).toBe('(coalesce("c"."sms_status" = $1::text, false))');
  });

  it('compiles day counts to range conditions on the timestamp with a bound now', () => {
    const q = compile({ op: 'and', rules: [{ field: 'days_since_last_order', operator: 'gt', value: 30 }] });
    expect(q.sql).toBe('(coalesce("last_order_at" <= $1::timestamptz, false))');
    expect(q.params).toEqual(['2025-05-15T12:00:00.000Z']); // now − 31 days: floor(days) > 30 ⇔ days ≥ 31
    const within = compile({ op: 'and', rules: [{ field: 'last_active_at', operator: 'within_last_days', value: 7 }] });
    expect(within.sql).toBe(
      '(coalesce(("last_active_at" > $1::timestamptz and "last_active_at" <= $2::timestamptz), false))',
    );
    expect(within.params).toEqual(['2025-06-07T12:00:00.000Z', '2025-06-15T12:00:00.000Z']);
    expect(within.sql).not.toContain('now()');
  });

  it('escapes LIKE wildcards in starts_with', () => {
    const q = compile({ op: 'and', rules: [{ field: 'email', operator: 'starts_with', value: '50%_a\\' }] });
    expect(q.params).toEqual(['50\\%\\_a\\\\%']);
  });

  it('reads attributes through a bound key', () => {
    const q = compile({ op: 'and', rules: [{ field: 'attributes.score', operator: 'gte', value: 10 }] });
    expect(q.sql).toContain('"attributes" -> $1::text');
    expect(q.params.filter((p) => p === 'score').length).toBeGreaterThan(0);
    expect(q.params).toContain('10');
  });

  it('compiles empty groups to constants', () => {
    expect(compile({ op: 'and', rules: [] }).sql).toBe('true');
    expect(compile({ op: 'or', rules: [], not: true }).sql).toBe('(not true)');
  });

  it('refuses invalid trees', () => {
    expect(() =>
      compileSegmentRules({ op: 'and', rules: [{ field: 'password', operator: 'eq', value: 'x' }] }),
    ).toThrow(InvalidSegmentRulesError);
    expect(() =>
      compileSegmentRules(
        { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'x' }] },
        { now: new Date('nope') },
      ),
    ).toThrow('invalid `now`');
  });
});
