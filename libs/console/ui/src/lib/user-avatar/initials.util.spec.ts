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

describe('initials with emoji and combining marks', () => {
  it('never cuts an emoji, a flag or a family in half', () => {
    expect(initials('👩‍👩‍👧 Sharma', null)).toBe('👩‍👩‍👧S');
    expect(initials('🇮🇳🇮🇳', null)).toBe('🇮🇳🇮🇳');
    expect(initials('😀', null)).toBe('😀');
    expect(initials('', '🎉party@example.com')).toBe('🎉');
  });

  it('keeps a letter with its combining mark together', () => {
    // "e" + COMBINING ACUTE ACCENT, "n" + COMBINING TILDE (decomposed, as some keyboards produce them)
    expect(initials('e\u0301lodie n\u0303un\u0303ez', null)).toBe('E\u0301N\u0303');
    expect(initials('e\u0301mile', null)).toBe('E\u0301M');
  });
});
