import type { SegmentGroup } from '@mini-crm/contracts';
import { ANCHOR } from './seed-data';

const DAY = 86_400_000;

export interface BenchCase {
  name: string;
  rules: SegmentGroup;
  /** The same predicate as a person would write it for `select count(*) from customers where …`. */
  handWritten: string;
}

/**
 * Representative rule trees. Day-based rules are shifted by the days elapsed since the data's
 * anchor date, so they select the same customers whenever the benchmark runs.
 */
export function benchCases(now: Date = new Date()): BenchCase[] {
  const shift = Math.floor((now.getTime() - ANCHOR.getTime()) / DAY);
  const recentDays = 30 + shift;
  return [
    {
      name: 'flat',
      rules: {
        op: 'and',
        rules: [
          { field: 'city', operator: 'in', value: ['Mumbai', 'Pune'] },
          { field: 'total_spend', operator: 'gte', value: 5000 },
          { field: 'email_status', operator: 'eq', value: 'subscribed' },
        ],
      },
      handWritten: `lower(city) in ('mumbai', 'pune') and total_spend >= 5000 and email_status = 'subscribed'`,
    },
    {
      name: '2-level and/or',
      rules: {
        op: 'and',
        rules: [
          { field: 'total_spend', operator: 'gt', value: 20000 },
          {
            op: 'or',
            rules: [
              { field: 'tags', operator: 'has_any', value: ['vip', 'high-value'] },
              { field: 'order_count', operator: 'gte', value: 15 },
            ],
          },
        ],
      },
      handWritten: `total_spend > 20000 and (tags && array['vip', 'high-value'] or order_count >= 15)`,
    },
    {
      name: '3-level',
      rules: {
        op: 'or',
        rules: [
          {
            op: 'and',
            rules: [
              { field: 'city', operator: 'eq', value: 'Delhi' },
              {
                op: 'or',
                rules: [
                  { field: 'total_spend', operator: 'gt', value: 50000 },
                  { field: 'visit_count', operator: 'gte', value: 60 },
                ],
              },
            ],
          },
          {
            op: 'and',
            rules: [
              { field: 'country', operator: 'neq', value: 'IN' },
              { field: 'order_count', operator: 'gte', value: 3 },
              { op: 'or', not: true, rules: [{ field: 'sms_status', operator: 'eq', value: 'blocklisted' }] },
            ],
          },
        ],
      },
      handWritten:
        `(lower(city) = 'delhi' and (total_spend > 50000 or visit_count >= 60))` +
        ` or (lower(country) <> 'in' and order_count >= 3 and sms_status <> 'blocklisted')`,
    },
    {
      name: 'tags',
      rules: {
        op: 'and',
        rules: [
          { field: 'tags', operator: 'has_all', value: ['newsletter', 'app-user'] },
          { field: 'tags', operator: 'has_none', value: ['churn-risk'] },
        ],
      },
      handWritten: `tags @> array['newsletter', 'app-user'] and not (tags && array['churn-risk'])`,
    },
    {
      name: 'attributes',
      rules: {
        op: 'and',
        rules: [
          { field: 'attributes.tier', operator: 'eq', value: 'gold' },
          { field: 'attributes.age', operator: 'between', value: [25, 40] },
        ],
      },
      // the generator writes tier as a string and age as a JSON number
      handWritten: `lower(attributes->>'tier') = 'gold' and jsonb_typeof(attributes->'age') = 'number' and (attributes->>'age')::numeric between 25 and 40`,
    },
    {
      name: 'recency',
      rules: {
        op: 'and',
        rules: [
          { field: 'days_since_last_order', operator: 'lte', value: recentDays },
          { field: 'order_count', operator: 'gte', value: 2 },
          { field: 'last_active_at', operator: 'within_last_days', value: 14 + shift },
        ],
      },
      // days_since_last_order <= N ⇔ last_order_at > now − (N+1) days (whole days, as the engine defines them)
      handWritten: `last_order_at > now() - interval '${recentDays + 1} days' and order_count >= 2 and last_active_at > now() - interval '${15 + shift} days' and last_active_at <= now()`,
    },
  ];
}
