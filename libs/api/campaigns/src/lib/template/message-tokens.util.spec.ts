import { unknownTokenNames } from '@mini-crm/message-text';
import { isCampaignToken } from './message-tokens.util';

describe('campaign tokens', () => {
  it('knows registry fields and safe attribute keys only', () => {
    expect(isCampaignToken('first_name')).toBe(true);
    expect(isCampaignToken('days_since_last_order')).toBe(true);
    expect(isCampaignToken('attributes.tier')).toBe(true);
    expect(isCampaignToken('last_clicked_at')).toBe(true);
    expect(isCampaignToken('days_since_last_click')).toBe(true);
    // Not on the customer row: event counts and campaign engagement are segment conditions only.
    expect(isCampaignToken('opens_90d')).toBe(false);
    expect(isCampaignToken('clicks_90d')).toBe(false);
    expect(isCampaignToken('campaign_engagement')).toBe(false);
    expect(isCampaignToken('attributes.')).toBe(false);
    expect(isCampaignToken('attributes.a"b')).toBe(false);
    expect(isCampaignToken('constructor')).toBe(false);
    expect(unknownTokenNames(isCampaignToken, 'Hi {{first_name}} {{shoe_size}}', '{{nope|x}} {{shoe_size}}')).toEqual([
      'shoe_size',
      'nope',
    ]);
  });
});
