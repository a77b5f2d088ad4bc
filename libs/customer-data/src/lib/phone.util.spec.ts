import { normalizePhone } from './phone.util';

describe('normalizePhone', () => {
  it.each([
    ['098765 43210', 'IN', '+919876543210'],
    ['+91 98765-43210', 'IN', '+919876543210'],
    ['9876543210', 'IN', '+919876543210'],
    ['(+91) 98765 43210', 'IN', '+919876543210'],
    ['0091 98765 43210', 'IN', '+919876543210'],
    ['919876543210', 'IN', '+919876543210'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+44 20 7946 0958', 'IN', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
  ] as const)('%s (%s) → %s', (input, country, expected) => {
    expect(normalizePhone(input, country)).toEqual({ ok: true, value: expected });
  });

  it.each(['98765', 'call me', '+91 12', '12345678901234567890'])('rejects %j', (input) => {
    const result = normalizePhone(input, 'IN');
    expect(result.ok).toBe(false);
  });

  it('defaults to India', () => {
    expect(normalizePhone('98765 43210')).toEqual({ ok: true, value: '+919876543210' });
  });
});
