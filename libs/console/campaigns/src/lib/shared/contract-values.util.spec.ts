import {
  ATTRIBUTE_FIELD_PREFIX,
  ATTRIBUTE_KEY_PATTERN,
  CAMPAIGN_STATUSES,
  MESSAGE_STATUSES,
} from '@mini-crm/contracts';
import {
  ATTRIBUTE_KEY_RE,
  ATTRIBUTE_PREFIX,
  CAMPAIGN_STATUS_VALUES,
  MESSAGE_STATUS_VALUES,
} from './contract-values.util';

describe('contract value copies', () => {
  it('match the contracts exactly', () => {
    expect(CAMPAIGN_STATUS_VALUES).toEqual(CAMPAIGN_STATUSES);
    expect(MESSAGE_STATUS_VALUES).toEqual(MESSAGE_STATUSES);
    expect(ATTRIBUTE_PREFIX).toBe(ATTRIBUTE_FIELD_PREFIX);
    expect(ATTRIBUTE_KEY_RE.source).toBe(ATTRIBUTE_KEY_PATTERN.source);
  });
});
