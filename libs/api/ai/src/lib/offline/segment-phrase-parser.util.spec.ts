import type { SegmentGroup } from '@mini-crm/contracts';
import { AiUnderstandingError } from '../providers/ai.errors';
import { parseSegmentPhrase } from './segment-phrase-parser.util';

const and = (...rules: SegmentGroup['rules']): SegmentGroup => ({ op: 'and', rules });

describe('parseSegmentPhrase', () => {
  it.each<[string, SegmentGroup]>([
    [
      "win back customers who haven't ordered in 3 months",
      and({ field: 'last_order_at', operator: 'more_than_days_ago', value: 90 }),
    ],
    [
      'customers in Mumbai or Delhi who spent more than 5000',
      and(
        { field: 'city', operator: 'in', value: ['Mumbai', 'Delhi'] },
        { field: 'total_spend', operator: 'gt', value: 5000 },
      ),
    ],
    [
      'spent over ₹10k and ordered at least 3 times',
      and({ field: 'total_spend', operator: 'gt', value: 10000 }, { field: 'order_count', operator: 'gte', value: 3 }),
    ],
    [
      'never ordered and joined in the last 30 days',
      and(
        { field: 'order_count', operator: 'eq', value: 0 },
        { field: 'created_at', operator: 'within_last_days', value: 30 },
      ),
    ],
    [
      'tagged vip or spent more than 50000',
      {
        op: 'or',
        rules: [
          { field: 'tags', operator: 'has_any', value: ['vip'] },
          { field: 'total_spend', operator: 'gt', value: 50000 },
        ],
      },
    ],
  ])('understands %p', (text, expected) => {
    expect(parseSegmentPhrase(text)).toEqual(expected);
  });

  it.each<[string, number]>([
    ['spent more than 5000', 5000],
    ['spent more than Rs 5,000', 5000],
    ['spent more than Rs. 5,000', 5000],
    ['spent more than INR 7500', 7500],
    ['spent more than $50', 50],
    ['spent more than 5k', 5000],
    ['spent more than 1.5 lakh', 150000],
    ['spent more than 1,50,000 rupees', 150000],
    ['spent more than ₹ 2 crore', 20000000],
  ])('reads the amount in %p', (text, amount) => {
    expect(parseSegmentPhrase(text)).toEqual(and({ field: 'total_spend', operator: 'gt', value: amount }));
  });

  it.each<[string, object]>([
    ['spent less than 2000', { field: 'total_spend', operator: 'lt', value: 2000 }],
    ['spent at least 2000', { field: 'total_spend', operator: 'gte', value: 2000 }],
    ['spent 2000 or more', { field: 'total_spend', operator: 'gte', value: 2000 }],
    ['spent between 1k and 5k', { field: 'total_spend', operator: 'between', value: [1000, 5000] }],
    ['ordered more than 2 times', { field: 'order_count', operator: 'gt', value: 2 }],
    ['ordered fewer than 3 times', { field: 'order_count', operator: 'lt', value: 3 }],
    ['ordered at least twice', { field: 'order_count', operator: 'gte', value: 2 }],
    ['at least 3 orders', { field: 'order_count', operator: 'gte', value: 3 }],
    ['with at most 5 orders', { field: 'order_count', operator: 'lte', value: 5 }],
    ['customers with no orders', { field: 'order_count', operator: 'eq', value: 0 }],
    ["users who haven't ordered yet", { field: 'order_count', operator: 'eq', value: 0 }],
    ['not active in 2 weeks', { field: 'last_active_at', operator: 'more_than_days_ago', value: 14 }],
    ['have not visited in 45 days', { field: 'last_active_at', operator: 'more_than_days_ago', value: 45 }],
    ['not ordered in the last 6 months', { field: 'last_order_at', operator: 'more_than_days_ago', value: 180 }],
    ['ordered in the last 7 days', { field: 'last_order_at', operator: 'within_last_days', value: 7 }],
    ['purchased within the past month', { field: 'last_order_at', operator: 'within_last_days', value: 30 }],
    ['active in the last 2 weeks', { field: 'last_active_at', operator: 'within_last_days', value: 14 }],
    ['signed up in the last 2 weeks', { field: 'created_at', operator: 'within_last_days', value: 14 }],
    ['joined more than a year ago', { field: 'created_at', operator: 'more_than_days_ago', value: 365 }],
    ['lives in Pune', { field: 'city', operator: 'eq', value: 'Pune' }],
    ['customers from navi mumbai', { field: 'city', operator: 'eq', value: 'Navi Mumbai' }],
    ['in Mumbai, Pune or New Delhi', { field: 'city', operator: 'in', value: ['Mumbai', 'Pune', 'New Delhi'] }],
    ['with tag gold', { field: 'tags', operator: 'has_any', value: ['gold'] }],
    ['tagged vip or premium', { field: 'tags', operator: 'has_any', value: ['vip', 'premium'] }],
    ['tagged "early adopter"', { field: 'tags', operator: 'has_any', value: ['early adopter'] }],
    ['not tagged churned', { field: 'tags', operator: 'has_none', value: ['churned'] }],
    ['subscribed to email', { field: 'email_status', operator: 'eq', value: 'subscribed' }],
    ['sms subscribers', { field: 'sms_status', operator: 'eq', value: 'subscribed' }],
  ])('understands %p', (text, condition) => {
    expect(parseSegmentPhrase(text)).toEqual({ op: 'and', rules: [condition] });
  });

  it('lets "and" bind tighter than "or"', () => {
    expect(parseSegmentPhrase('in Mumbai and spent more than 5000 or tagged vip, but subscribed to email')).toEqual({
      op: 'or',
      rules: [
        and({ field: 'city', operator: 'eq', value: 'Mumbai' }, { field: 'total_spend', operator: 'gt', value: 5000 }),
        and(
          { field: 'tags', operator: 'has_any', value: ['vip'] },
          { field: 'email_status', operator: 'eq', value: 'subscribed' },
        ),
      ],
    });
  });

  it('lists every part it could not understand', () => {
    let error: unknown;
    try {
      parseSegmentPhrase('customers who love cats and spent more than 5000 and are left-handed');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AiUnderstandingError);
    expect((error as AiUnderstandingError).unrecognized).toEqual(['love cats', 'left-handed']);
    expect((error as AiUnderstandingError).statusCode).toBe(422);
    expect((error as AiUnderstandingError).message).toContain('"love cats"');
  });

  it('rejects a description without any condition', () => {
    expect(() => parseSegmentPhrase('all customers')).toThrow(AiUnderstandingError);
    expect(() => parseSegmentPhrase('   ')).toThrow(AiUnderstandingError);
  });

  it('does not take time words for a city', () => {
    expect(() => parseSegmentPhrase('ordered 3 times in the last 30 days')).toThrow(AiUnderstandingError);
  });
});
