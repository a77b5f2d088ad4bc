import {
  ATTRIBUTE_OPERATORS,
  COUNT_OPERATORS,
  isCustomerRowField,
  OPERATORS_BY_TYPE,
  SEGMENT_FIELDS,
  SEGMENT_OPERATORS,
  fieldByName,
} from './segment-fields';

describe('segment field registry', () => {
  it('covers the customer columns, aggregates and derived fields', () => {
    expect(SEGMENT_FIELDS.map((f) => f.name).sort()).toEqual(
      [
        'campaign_engagement',
        'city',
        'clicks_90d',
        'country',
        'created_at',
        'days_since_last_active',
        'days_since_last_click',
        'days_since_last_order',
        'email',
        'email_status',
        'first_name',
        'first_order_at',
        'last_active_at',
        'last_clicked_at',
        'last_opened_at',
        'last_name',
        'last_order_at',
        'opens_90d',
        'order_count',
        'phone',
        'sms_status',
        'tags',
        'total_spend',
        'visit_count',
        'rfm_score',
        'rfm_segment',
        'recency_score',
        'frequency_score',
        'monetary_score',
        'churn_risk',
        'p_alive',
        'expected_orders_30d',
        'expected_orders_90d',
        'predicted_clv',
        'avg_order_value',
      ].sort(),
    );
    expect(fieldByName('total_spend')).toMatchObject({ type: 'currency', category: 'purchases' });
    expect(fieldByName('sms_status')?.enumValues).toEqual(['subscribed', 'unsubscribed', 'blocklisted']);
    expect(fieldByName('days_since_last_order')).toMatchObject({
      type: 'number',
      integer: true,
      derivedFrom: 'last_order_at',
    });
  });

  it('describes the engagement fields', () => {
    expect(fieldByName('campaign_engagement')).toMatchObject({
      type: 'campaign',
      category: 'engagement',
      operators: ['received', 'delivered', 'opened', 'clicked', 'converted', 'not_opened', 'not_clicked'],
    });
    expect(fieldByName('last_clicked_at')).toMatchObject({ type: 'date', category: 'engagement' });
    expect(fieldByName('days_since_last_click')).toMatchObject({ derivedFrom: 'last_clicked_at', integer: true });
    expect(fieldByName('opens_90d')).toMatchObject({
      type: 'number',
      integer: true,
      operators: COUNT_OPERATORS,
      eventCount: { event: 'open', days: 90 },
    });
    expect(COUNT_OPERATORS).not.toContain('is_empty');
    expect(SEGMENT_FIELDS.filter((f) => !isCustomerRowField(f)).map((f) => f.name)).toEqual([
      'opens_90d',
      'clicks_90d',
      'campaign_engagement',
    ]);
  });

  it('gives every field only known operators of its type', () => {
    for (const f of SEGMENT_FIELDS) {
      expect(f.operators).toEqual(f.eventCount ? COUNT_OPERATORS : OPERATORS_BY_TYPE[f.type]);
      for (const op of f.operators) expect(SEGMENT_OPERATORS).toContain(op);
    }
    expect(OPERATORS_BY_TYPE.date).toEqual(['before', 'after', 'within_last_days', 'more_than_days_ago', 'is_empty']);
  });

  it('resolves safe attribute keys only', () => {
    expect(fieldByName('attributes.Loyalty tier-2')).toMatchObject({
      name: 'attributes.Loyalty tier-2',
      category: 'attributes',
      type: 'string',
      attributeKey: 'Loyalty tier-2',
      operators: ATTRIBUTE_OPERATORS,
    });
    for (const bad of [
      'attributes.',
      'attributes. lead',
      'attributes.a.b',
      "attributes.x'--",
      'attributes.' + 'k'.repeat(65),
      'nope',
    ]) {
      expect(fieldByName(bad)).toBeUndefined();
    }
  });
});
