import { insertAt, tokenText, unknownTokenNames, usedTokens, withFallbacks } from './template-tokens.util';

const KNOWN = new Set(['first_name', 'city', 'total_spend']);

describe('template tokens', () => {
  it('finds tokens with and without fallbacks', () => {
    expect(usedTokens('Hi {{ first_name | there }}, from {{city}}')).toEqual([
      { name: 'first_name', fallback: 'there' },
      { name: 'city', fallback: '' },
    ]);
  });

  it('names unknown tokens once, accepting attributes.<key>', () => {
    expect(
      unknownTokenNames(KNOWN, 'Hi {{firstname}} {{firstname}} {{attributes.vip_level}}', '{{city}} {{attributes.}}'),
    ).toEqual(['firstname', 'attributes.']);
    expect(unknownTokenNames(KNOWN, null, undefined, '')).toEqual([]);
  });

  it('renders the fallback-only text', () => {
    expect(withFallbacks('Hi {{first_name|there}}, {{city}}!')).toBe('Hi there, !');
  });

  it('builds token text, sanitising the fallback', () => {
    expect(tokenText('first_name')).toBe('{{first_name}}');
    expect(tokenText('first_name', ' friend ')).toBe('{{first_name|friend}}');
    expect(tokenText('city', 'a|b}}')).toBe('{{city|ab}}');
  });

  it('inserts at the caret or replaces the selection', () => {
    expect(insertAt('Hello !', 6, 6, '{{first_name}}')).toEqual({ value: 'Hello {{first_name}}!', caret: 20 });
    expect(insertAt('Hello XX!', 6, 8, 'Y')).toEqual({ value: 'Hello Y!', caret: 7 });
    expect(insertAt('abc', null, null, 'Z')).toEqual({ value: 'abcZ', caret: 4 });
    expect(insertAt('abc', 99, -4, 'Z')).toEqual({ value: 'abcZ', caret: 4 });
  });
});
