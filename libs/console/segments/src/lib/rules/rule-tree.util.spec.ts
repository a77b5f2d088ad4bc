import { fieldByName, type SegmentGroup } from '@mini-crm/contracts';
import { validateSegmentRules } from '@mini-crm/segment-engine';
import {
  appendRule,
  countConditions,
  defaultValue,
  emptyGroup,
  groupDepth,
  newCondition,
  removeRule,
  rulePathKey,
  updateRule,
  valueKind,
  withCampaign,
  withField,
  withLink,
  withOperator,
} from './rule-tree.util';
import { CATEGORY_ORDER, operatorLabel } from './operator-labels.util';

const tree: SegmentGroup = {
  op: 'and',
  rules: [
    { field: 'city', operator: 'eq', value: 'Pune' },
    {
      op: 'or',
      rules: [
        { field: 'total_spend', operator: 'gt', value: 5000 },
        { field: 'tags', operator: 'has_any', value: ['vip'] },
      ],
    },
  ],
};

describe('rule tree editing', () => {
  it('builds engine paths', () => {
    expect(rulePathKey([])).toBe('');
    expect(rulePathKey([1, 0])).toBe('rules[1].rules[0]');
  });

  it('updates, appends and removes without mutating the original', () => {
    const snapshot = JSON.stringify(tree);
    const updated = updateRule(tree, [1, 0], () => ({ field: 'total_spend', operator: 'gt', value: 9000 }));
    expect((updated.rules[1] as SegmentGroup).rules[0]).toEqual({ field: 'total_spend', operator: 'gt', value: 9000 });
    expect(updated.rules[0]).toBe(tree.rules[0]);
    const appended = appendRule(tree, [1], emptyGroup('and'));
    expect((appended.rules[1] as SegmentGroup).rules).toHaveLength(3);
    const removed = removeRule(tree, [1, 1]);
    expect((removed.rules[1] as SegmentGroup).rules).toEqual([{ field: 'total_spend', operator: 'gt', value: 5000 }]);
    expect(JSON.stringify(tree)).toBe(snapshot);
    expect(countConditions(tree)).toBe(3);
    expect(groupDepth(tree)).toBe(2);
    expect(groupDepth(emptyGroup())).toBe(1);
  });

  it('keeps a compatible operator and value when the field changes', () => {
    expect(withField({ field: 'city', operator: 'eq', value: 'Pune' }, 'country')).toEqual({
      field: 'country',
      operator: 'eq',
      value: 'Pune',
    });
    expect(withField({ field: 'city', operator: 'eq', value: 'Pune' }, 'order_count')).toEqual({
      field: 'order_count',
      operator: 'gt',
      value: null,
    });
    expect(withField({ field: 'city', operator: 'eq', value: 'Pune' }, 'email_status')).toEqual({
      field: 'email_status',
      operator: 'eq',
      value: 'subscribed',
    });
    expect(withField({ field: 'total_spend', operator: 'gt', value: 10 }, 'last_order_at')).toEqual({
      field: 'last_order_at',
      operator: 'within_last_days',
      value: 30,
    });
  });

  it('adapts values when the operator changes', () => {
    expect(withOperator({ field: 'total_spend', operator: 'gt', value: 100 }, 'between')).toEqual({
      field: 'total_spend',
      operator: 'between',
      value: [100, null],
    });
    expect(withOperator({ field: 'city', operator: 'eq', value: 'Pune' }, 'in')).toEqual({
      field: 'city',
      operator: 'in',
      value: ['Pune'],
    });
    expect(withOperator({ field: 'city', operator: 'in', value: ['Pune', 'Goa'] }, 'eq')).toEqual({
      field: 'city',
      operator: 'eq',
      value: 'Pune',
    });
    expect(withOperator({ field: 'city', operator: 'eq', value: 'Pune' }, 'is_empty')).toEqual({
      field: 'city',
      operator: 'is_empty',
    });
  });

  it('chooses editors by type', () => {
    const f = (n: string) => {
      const def = fieldByName(n);
      if (!def) throw new Error(`unknown field ${n}`);
      return def;
    };
    expect(valueKind(f('total_spend'), 'gt')).toBe('currency');
    expect(valueKind(f('order_count'), 'between')).toBe('range');
    expect(valueKind(f('days_since_last_order'), 'gt')).toBe('days');
    expect(valueKind(f('last_order_at'), 'before')).toBe('date');
    expect(valueKind(f('last_order_at'), 'within_last_days')).toBe('days');
    expect(valueKind(f('tags'), 'has_all')).toBe('list');
    expect(valueKind(f('city'), 'in')).toBe('list');
    expect(valueKind(f('sms_status'), 'in')).toBe('enum-list');
    expect(valueKind(f('sms_status'), 'neq')).toBe('enum');
    expect(valueKind(f('attributes.plan'), 'gte')).toBe('number');
    expect(valueKind(f('attributes.plan'), 'eq')).toBe('text');
    expect(valueKind(f('city'), 'is_empty')).toBe('none');
    expect(defaultValue(f('sms_status'), 'in', 'blocklisted')).toEqual(['blocklisted']);
  });

  it('produces conditions the engine accepts once filled in, and flags the empty ones by path', () => {
    const fresh = appendRule(tree, [1], newCondition());
    const result = validateSegmentRules(fresh);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(['rules[1].rules[2].value']);
    const filled = updateRule(fresh, [1, 2], (c) => ({ ...c, value: 250 }));
    expect(validateSegmentRules(filled).ok).toBe(true);
  });

  describe('engagement conditions', () => {
    const campaign = '0190a5f2-0000-7000-8000-0000000000ab';
    const other = '0190a5f2-0000-7000-8000-0000000000cd';

    it('edits campaign engagement with a campaign picker, counts as times', () => {
      const engagement = fieldByName('campaign_engagement')!;
      expect(valueKind(engagement, 'clicked')).toBe('campaign');
      expect(valueKind(engagement, 'not_opened')).toBe('campaign');
      expect(valueKind(fieldByName('opens_90d')!, 'gte')).toBe('count');
      expect(valueKind(fieldByName('opens_90d')!, 'between')).toBe('range');
      expect(valueKind(fieldByName('days_since_last_click')!, 'gt')).toBe('days');
      expect(valueKind(fieldByName('last_clicked_at')!, 'within_last_days')).toBe('days');
      expect(newCondition('campaign_engagement')).toEqual({
        field: 'campaign_engagement',
        operator: 'clicked',
        value: '',
      });
      expect(newCondition('clicks_90d')).toEqual({ field: 'clicks_90d', operator: 'gt', value: 1 });
      expect(operatorLabel(engagement, 'not_clicked')).toBe('received, did not click');
      expect(CATEGORY_ORDER).toContain('engagement');
    });

    it('keeps the campaign across operators and the link only while clicked', () => {
      const clicked = withLink(withCampaign(newCondition('campaign_engagement'), campaign), 3);
      expect(clicked).toEqual({ field: 'campaign_engagement', operator: 'clicked', value: campaign, linkId: 3 });
      expect(validateSegmentRules({ op: 'and', rules: [clicked] }).ok).toBe(true);
      expect(withOperator(clicked, 'clicked')).toEqual(clicked);
      const opened = withOperator(clicked, 'opened');
      expect(opened).toEqual({ field: 'campaign_engagement', operator: 'opened', value: campaign });
      expect(withLink(opened, 3)).toEqual(opened);
      expect(withLink(clicked, null)).toEqual({ field: 'campaign_engagement', operator: 'clicked', value: campaign });
      expect(withCampaign(clicked, other)).toEqual({ field: 'campaign_engagement', operator: 'clicked', value: other });
      expect(withField(clicked, 'city')).toEqual({ field: 'city', operator: 'eq', value: '' });
    });
  });
});
