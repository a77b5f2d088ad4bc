import { initials } from './initials.util';

describe('initials', () => {
  it('uses the first and last word of the name', () => {
    expect(initials('Ada King Lovelace', 'ada@example.com')).toBe('AL');
  });

  it('uses two letters of a single-word name', () => {
    expect(initials('  ada ', null)).toBe('AD');
  });

  it('falls back to the email, then to a question mark', () => {
    expect(initials('', 'bob@example.com')).toBe('B');
    expect(initials(null, null)).toBe('?');
    expect(initials(undefined, '  ')).toBe('?');
  });
});
