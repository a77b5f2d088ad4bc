import { checkMessageOptions, fitSmsLength, smsFitsLength } from './message-checks.util';
import { stripUnknownTokens, worstCaseExpansion } from './message-tokens.util';

describe('message tokens', () => {
  it('replaces unknown tokens by their fallback or removes them tidily', () => {
    expect(stripUnknownTokens('Hi {{nickname}}, welcome!')).toBe('Hi, welcome!');
    expect(stripUnknownTokens('Hi {{nickname|friend}}, welcome to {{city|town}}!')).toBe(
      'Hi friend, welcome to {{city|town}}!',
    );
    expect(stripUnknownTokens('Use {{coupon}}.')).toBe('Use.');
  });

  it('expands tokens to 12 characters or their longer fallback', () => {
    expect(worstCaseExpansion('{{first_name}}')).toHaveLength(12);
    expect(worstCaseExpansion('{{first_name|valued customer}}')).toBe('valued customer');
  });
});

describe('SMS fitting', () => {
  it('counts tokens at their worst case', () => {
    expect(smsFitsLength(`${'x'.repeat(148)}{{city}}`, 'short')).toBe(true);
    expect(smsFitsLength(`${'x'.repeat(149)}{{city}}`, 'short')).toBe(false);
    expect(smsFitsLength(`${'x'.repeat(149)}{{city}}`, 'medium')).toBe(true);
    expect(smsFitsLength(`${'x'.repeat(145)}{{city|somewhere far away}}`, 'short')).toBe(false);
  });

  it('uses the UCS-2 limits when the text needs them', () => {
    expect(smsFitsLength(`₹${'x'.repeat(69)}`, 'short')).toBe(true);
    expect(smsFitsLength(`₹${'x'.repeat(70)}`, 'short')).toBe(false);
    expect(smsFitsLength(`₹${'x'.repeat(133)}`, 'medium')).toBe(true);
    expect(smsFitsLength(`₹${'x'.repeat(200)}`, 'long')).toBe(true);
    expect(smsFitsLength(`₹${'x'.repeat(201)}`, 'long')).toBe(false);
  });

  it('cuts at the last sentence that fits', () => {
    const text = `Hi {{first_name|there}}! ${'Sentence number one is here. '.repeat(5)}`.trim();
    const fitted = fitSmsLength(text, 'short');
    expect(fitted).toBe(`Hi {{first_name|there}}! ${'Sentence number one is here. '.repeat(4)}`.trim());
    expect(smsFitsLength(fitted, 'short')).toBe(true);
  });

  it('cuts at a word boundary when the first sentence is too long, never inside a token', () => {
    const text = `${'word '.repeat(28)}{{first_name|there}} and more words to go`;
    const fitted = fitSmsLength(text, 'short');
    expect(smsFitsLength(fitted, 'short')).toBe(true);
    expect(fitted).toBe(`${'word '.repeat(28)}{{first_name|there}} and.`);
  });

  it('leaves a fitting text untouched', () => {
    expect(fitSmsLength('Short and sweet', 'short')).toBe('Short and sweet');
  });
});

describe('checkMessageOptions', () => {
  it('strips unknown tokens, drops duplicates and lists the tokens used', () => {
    const options = checkMessageOptions(
      [
        { text: 'Hi {{first_name|there}}, {{promo_code}} inside!', rationale: ' r1 ' },
        { text: 'Hi {{first_name|there}}, inside!', rationale: 'dup' },
        { text: '   ', rationale: 'empty' },
      ],
      { channel: 'sms', length: 'short' },
    );
    expect(options).toEqual([{ text: 'Hi {{first_name|there}}, inside!', rationale: 'r1', tokens: ['first_name'] }]);
  });

  it('gives every e-mail a subject, derived from the first sentence when missing', () => {
    const [withSubject, derived] = checkMessageOptions(
      [
        { text: 'Body one.', subject: 'Hello {{city|there}} {{bad}}', rationale: '' },
        { text: 'We have big news for you today. More below.\n\nCheers', rationale: '' },
      ],
      { channel: 'email', length: 'long' },
    );
    expect(withSubject.subject).toBe('Hello {{city|there}}');
    expect(withSubject.tokens).toEqual(['city']);
    expect(derived.subject).toBe('We have big news for you today.');
  });
});
