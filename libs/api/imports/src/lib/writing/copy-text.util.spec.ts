import { copyValue, pgTextArray } from './copy-text.util';
import { customerCopyLine } from './customer-wire';

describe('COPY text encoding', () => {
  it('escapes backslash, tab and line breaks, and writes NULL as \\N', () => {
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('plain')).toBe('plain');
  });

  it('quotes every array element', () => {
    expect(pgTextArray([])).toBe('{}');
    expect(pgTextArray(['vip', 'a "b"', 'c,d', 'e\\f'])).toBe('{"vip","a \\"b\\"","c,d","e\\\\f"}');
  });

  it('writes one tab-separated line per customer with default consent', () => {
    const line = customerCopyLine(
      '018f0000-0000-7000-8000-000000000000',
      {
        externalId: 'C1',
        email: 'a@example.com',
        phone: null,
        firstName: 'A\tB',
        lastName: null,
        city: null,
        country: 'IN',
        tags: ['vip'],
        attributes: { note: 'x' },
        emailStatus: null,
        smsStatus: 'unsubscribed',
      },
      { email: 'subscribed', sms: 'subscribed' },
    );
    expect(line.split('\t')).toEqual([
      '018f0000-0000-7000-8000-000000000000',
      'C1',
      'a@example.com',
      '\\N',
      'A\\tB',
      '\\N',
      '\\N',
      'IN',
      '{"vip"}',
      '{"note":"x"}',
      'subscribed',
      'unsubscribed',
    ]);
  });
});
