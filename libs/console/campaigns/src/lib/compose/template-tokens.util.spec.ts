import { unknownTokenNames } from '@mini-crm/message-text';
import { insertAt, isKnownToken } from './template-tokens.util';

const KNOWN = new Set(['first_name', 'city', 'total_spend']);
const known = (name: string) => isKnownToken(name, KNOWN);

describe('template tokens', () => {
  it('names unknown tokens once, accepting attributes.<key>', () => {
    expect(
      unknownTokenNames(known, 'Hi {{firstname}} {{firstname}} {{attributes.vip_level}}', '{{city}} {{attributes.}}'),
    ).toEqual(['firstname', 'attributes.']);
    expect(unknownTokenNames(known, null, undefined, '')).toEqual([]);
  });

  it('inserts at the caret or replaces the selection', () => {
    expect(insertAt('Hello !', 6, 6, '{{first_name}}')).toEqual({ value: 'Hello {{first_name}}!', caret: 20 });
    expect(insertAt('Hello XX!', 6, 8, 'Y')).toEqual({ value: 'Hello Y!', caret: 7 });
    expect(insertAt('abc', null, null, 'Z')).toEqual({ value: 'abcZ', caret: 4 });
    expect(insertAt('abc', 99, -4, 'Z')).toEqual({ value: 'abcZ', caret: 4 });
  });
});
