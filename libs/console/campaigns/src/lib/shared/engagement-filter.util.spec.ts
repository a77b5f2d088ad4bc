import { engagementNone } from './engagement-filter.util';

describe('engagementNone', () => {
  it('says what an empty list means for each filter', () => {
    expect(engagementNone(null)).toBe('Recipients appear here once the campaign launches.');
    expect(engagementNone('clicked')).toBe('No recipient has clicked yet.');
    expect(engagementNone('not_opened')).toBe('Every recipient has opened.');
    expect(engagementNone('failed')).toBe('No recipient has failed yet.');
  });
});
