import type { SegmentFieldsDto } from '@mini-crm/contracts';
import { OTHER_ATTRIBUTE, fieldOptionGroups, valueSuggestions } from './field-options.util';

describe('field options', () => {
  it('groups the bundled registry by category, purchases first, with an attribute escape hatch', () => {
    const groups = fieldOptionGroups(null);
    expect(groups[0].label).toBe('Purchases');
    expect(groups[0].fields.map((f) => f.name)).toContain('total_spend');
    const attrs = groups.find((g) => g.category === 'attributes');
    expect(attrs?.fields).toEqual([{ name: OTHER_ATTRIBUTE, label: 'Other attribute…' }]);
  });

  it('lists attribute keys from the data and keeps the current custom one', () => {
    const meta = {
      fields: [],
      attributeKeys: ['plan'],
      values: { city: [{ value: 'Pune', count: 3 }], country: [], tags: [] },
    } as SegmentFieldsDto;
    const attrs = fieldOptionGroups(meta, 'attributes.tier').find((g) => g.category === 'attributes');
    expect(attrs?.fields.map((f) => f.name)).toEqual(['attributes.plan', 'attributes.tier', OTHER_ATTRIBUTE]);
    expect(valueSuggestions(meta, 'city')).toEqual([{ value: 'Pune', count: 3 }]);
    expect(valueSuggestions(meta, 'email')).toEqual([]);
  });

  it('offers the engagement fields in their own group after activity', () => {
    const groups = fieldOptionGroups(null);
    const categories = groups.map((g) => g.category);
    expect(categories.indexOf('engagement')).toBe(categories.indexOf('activity') + 1);
    expect(groups.find((g) => g.category === 'engagement')?.fields.map((f) => f.name)).toEqual([
      'last_opened_at',
      'last_clicked_at',
      'days_since_last_click',
      'opens_90d',
      'clicks_90d',
      'campaign_engagement',
    ]);
  });
});
