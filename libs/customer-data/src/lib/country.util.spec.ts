import { normalizeCountry } from './country.util';

describe('normalizeCountry', () => {
  it.each([
    ['IN', 'IN'],
    [' in ', 'IN'],
    ['IND', 'IN'],
    ['india', 'IN'],
    ['INDIA', 'IN'],
    ['usa', 'US'],
    ['U.S.A.', 'US'],
    ['United States of America', 'US'],
    ['uk', 'GB'],
    ['United Kingdom', 'GB'],
    ['GBR', 'GB'],
    ['de', 'DE'],
    ['Deutschland', 'DE'],
    ['Korea, Republic of', 'KR'],
    ['UAE', 'AE'],
    ['España', 'ES'],
    ['Türkiye', 'TR'],
    ['ZW', 'ZW'], // any ISO alpha-2 code, even without a name in the table
  ])('%j → %s', (input, code) => {
    expect(normalizeCountry(input)).toEqual({ ok: true, value: code });
  });

  it.each(['Narnia', 'XX', 'ZZZ', ''])('rejects %j', (input) => {
    expect(normalizeCountry(input).ok).toBe(false);
  });
});
