import { countOf, nounFor } from './count-noun.util';
import { FALLBACK_DISPLAY_SETTINGS, setDisplaySettings } from './display-settings';
import { rateChange } from './metrics.util';

describe('counts with their noun', () => {
  beforeEach(() => setDisplaySettings(FALLBACK_DISPLAY_SETTINGS));

  it('uses the singular for exactly one, the plural for everything else', () => {
    expect(countOf(1, 'recipient')).toBe('1 recipient');
    expect(countOf(0, 'recipient')).toBe('0 recipients');
    expect(countOf(2, 'recipient')).toBe('2 recipients');
    expect(countOf(123456, 'customer')).toBe('1,23,456 customers');
    expect(countOf(1, 'person', 'people')).toBe('1 person');
    expect(countOf(3, 'person', 'people')).toBe('3 people');
    expect(nounFor(1, 'column')).toBe('column');
    expect(nounFor(5, 'column')).toBe('columns');
  });

  it('says a change of one percentage point in the singular', () => {
    expect(rateChange(0.26, 0.25)?.text).toBe('▲ +1 pt');
    expect(rateChange(0.24, 0.25)?.text).toBe('▼ \u22121 pt');
  });
});
