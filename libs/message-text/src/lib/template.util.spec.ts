import { compileTemplate, findTokens, replaceTokens, tokenNames, tokenText, unknownTokenNames } from './template.util';

describe('message template grammar', () => {
  it('splits text and tokens, with fallbacks', () => {
    const t = compileTemplate('Hi {{ first_name | there }}, {{city}}!');
    expect(t.parts).toEqual([
      'Hi ',
      { name: 'first_name', fallback: 'there' },
      ', ',
      { name: 'city', fallback: '' },
      '!',
    ]);
    expect(t.tokens).toEqual(['first_name', 'city']);
  });

  it('finds tokens with and without fallbacks, where they are written', () => {
    expect(findTokens('Hi {{ first_name | there }}, from {{city}}')).toEqual([
      { text: '{{ first_name | there }}', name: 'first_name', fallback: 'there', index: 3 },
      { text: '{{city}}', name: 'city', fallback: '', index: 34 },
    ]);
  });

  it('keeps a pipe after the first one as part of the fallback', () => {
    expect(findTokens('{{city|a|b}}')).toMatchObject([{ name: 'city', fallback: 'a|b' }]);
    expect(findTokens('{{ {city} }} {{}}')).toMatchObject([{ text: '{{}}', name: '', fallback: '' }]);
  });

  it('extracts distinct token names including attributes', () => {
    expect(tokenNames('Hi {{first_name|there}} from {{ city }}', '{{attributes.tier|member}} {{first_name}}')).toEqual([
      'first_name',
      'city',
      'attributes.tier',
    ]);
    expect(tokenNames(null, undefined, '')).toEqual([]);
  });

  it('names the tokens a rule rejects, once each', () => {
    const known = new Set(['first_name', 'city']);
    expect(
      unknownTokenNames((n) => known.has(n), 'Hi {{firstname}} {{firstname}} {{city}}', '{{first_name}} {{nope|x}}'),
    ).toEqual(['firstname', 'nope']);
    expect(unknownTokenNames(() => false, null, undefined, '')).toEqual([]);
  });

  it('replaces each token by what the callback returns for it, leaving the rest alone', () => {
    expect(replaceTokens('Hi {{first_name|there}}, {{ city }}!', (t) => `[${t.name}/${t.fallback}]`)).toBe(
      'Hi [first_name/there], [city/]!',
    );
    expect(replaceTokens('no tokens {here}', () => 'x')).toBe('no tokens {here}');
  });

  it('builds token text, sanitising the fallback', () => {
    expect(tokenText('first_name')).toBe('{{first_name}}');
    expect(tokenText('first_name', ' friend ')).toBe('{{first_name|friend}}');
    expect(tokenText('city', 'a|b}}')).toBe('{{city|ab}}');
  });
});
