import type { SegmentGroup } from '@mini-crm/contracts';
import { summarizeSegmentRules } from './segment-summary.util';

describe('summarizeSegmentRules', () => {
  it('reads spend and order counts as actions, nested groups in parentheses', () => {
    const group: SegmentGroup = {
      op: 'or',
      rules: [
        {
          op: 'and',
          rules: [
            { field: 'total_spend', operator: 'gt', value: 5000 },
            { field: 'order_count', operator: 'lt', value: 3 },
          ],
        },
        { field: 'days_since_last_order', operator: 'gt', value: 90 },
      ],
    };
    expect(summarizeSegmentRules(group)).toBe(
      '(spent more than ₹5,000 and ordered fewer than 3 times) or last ordered more than 90 days ago',
    );
  });

  it('renders a negated group as not (…)', () => {
    const group: SegmentGroup = {
      op: 'and',
      rules: [
        { field: 'sms_status', operator: 'eq', value: 'subscribed' },
        {
          op: 'or',
          not: true,
          rules: [
            { field: 'tags', operator: 'has_any', value: ['churned', 'test'] },
            { field: 'city', operator: 'is_empty' },
          ],
        },
      ],
    };
    expect(summarizeSegmentRules(group)).toBe(
      'SMS status is subscribed and not (are tagged "churned" or "test" or have no city)',
    );
  });

  it('formats currency, dates, lists and attributes', () => {
    const group: SegmentGroup = {
      op: 'and',
      rules: [
        { field: 'total_spend', operator: 'between', value: [1000.5, 250000] },
        { field: 'city', operator: 'in', value: ['Mumbai', 'Pune', 'Delhi'] },
        { field: 'last_order_at', operator: 'before', value: '2024-01-05' },
        { field: 'created_at', operator: 'within_last_days', value: 1 },
        { field: 'order_count', operator: 'eq', value: 1 },
        { field: 'attributes.plan', operator: 'contains', value: 'gold' },
        { field: 'email', operator: 'starts_with', value: 'ann' },
        { field: 'tags', operator: 'has_all', value: ['vip', 'b2b'] },
      ],
    };
    expect(summarizeSegmentRules(group)).toBe(
      [
        'spent between ₹1,000.50 and ₹2,50,000',
        'city is "Mumbai", "Pune" or "Delhi"',
        'last ordered before 5 Jan 2024',
        'joined in the last 1 day',
        'ordered exactly 1 time',
        'attribute "plan" contains "gold"',
        'email starts with "ann"',
        'are tagged "vip" and "b2b"',
      ].join(' and '),
    );
  });

  it('honours another currency', () => {
    expect(
      summarizeSegmentRules(
        { op: 'and', rules: [{ field: 'total_spend', operator: 'gte', value: 99.5 }] },
        { currency: 'USD' },
      ),
    ).toBe('spent at least $99.50');
  });

  it('describes empty groups', () => {
    expect(summarizeSegmentRules({ op: 'and', rules: [] })).toBe('all customers');
    expect(summarizeSegmentRules({ op: 'and', rules: [], not: true })).toBe('no customers');
  });

  it('reads engagement conditions, naming campaigns and links when told how', () => {
    const id = '0190a5f2-0000-7000-8000-0000000000ab';
    const group: SegmentGroup = {
      op: 'and',
      rules: [
        { field: 'campaign_engagement', operator: 'clicked', value: id, linkId: 4 },
        { field: 'campaign_engagement', operator: 'not_opened', value: id },
        { field: 'opens_90d', operator: 'gte', value: 2 },
        { field: 'days_since_last_click', operator: 'lt', value: 30 },
      ],
    };
    expect(summarizeSegmentRules(group)).toBe(
      'clicked link #4 in campaign 0190a5f2 and received campaign 0190a5f2 but did not open it and ' +
        'opened at least 2 times in the last 90 days and last clicked less than 30 days ago',
    );
    expect(
      summarizeSegmentRules(group, {
        campaignName: (c) => (c === id ? 'Spring sale' : null),
        linkLabel: (_c, l) => (l === 4 ? 'https://shop.example/sale' : null),
      }),
    ).toContain('clicked "https://shop.example/sale" in campaign "Spring sale" and received campaign "Spring sale"');
  });
});
