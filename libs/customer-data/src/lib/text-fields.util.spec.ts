import { normalizeCurrency } from './currency.util';
import { normalizeName, splitFullName } from './name.util';
import { normalizeSubscriptionStatus } from './status.util';
import { splitTags } from './tags.util';

describe('normalizeName', () => {
  it('trims and collapses inner white space', () => {
    expect(normalizeName('  Mary \t  Ann\u00a0 Smith ')).toBe('Mary Ann Smith');
    expect(normalizeName('Zoë')).toBe('Zoë');
    expect(normalizeName('   ')).toBeNull();
  });

  it('splits full names', () => {
    expect(splitFullName('  Mary  Ann Smith ')).toEqual({ firstName: 'Mary Ann', lastName: 'Smith' });
    expect(splitFullName('Smith, John')).toEqual({ firstName: 'John', lastName: 'Smith' });
    expect(splitFullName('Cher')).toEqual({ firstName: 'Cher', lastName: null });
    expect(splitFullName('')).toEqual({ firstName: null, lastName: null });
  });
});

describe('splitTags', () => {
  it('splits on ; | and , then trims, lower-cases and de-duplicates', () => {
    expect(splitTags(' VIP; new |vip, Gold  Member ;; ')).toEqual(['vip', 'new', 'gold member']);
    expect(splitTags('Single')).toEqual(['single']);
    expect(splitTags('')).toEqual([]);
  });
});

describe('normalizeSubscriptionStatus', () => {
  it.each([
    ['Subscribed', 'subscribed'],
    ['yes', 'subscribed'],
    ['TRUE', 'subscribed'],
    ['opt-in', 'subscribed'],
    ['Opted In', 'subscribed'],
    ['unsubscribed', 'unsubscribed'],
    ['no', 'unsubscribed'],
    ['false', 'unsubscribed'],
    ['Opt-Out', 'unsubscribed'],
    ['blocklisted', 'blocklisted'],
    ['Blacklisted', 'blocklisted'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSubscriptionStatus(input)).toEqual({ ok: true, value: expected });
  });

  it('rejects unknown words', () => {
    expect(normalizeSubscriptionStatus('maybe')).toEqual({ ok: false, reason: 'unknown status "maybe"' });
    expect(normalizeSubscriptionStatus('constructor').ok).toBe(false);
  });
});

describe('normalizeCurrency', () => {
  it('accepts ISO codes and common symbols', () => {
    expect(normalizeCurrency(' usd ')).toEqual({ ok: true, value: 'USD' });
    expect(normalizeCurrency('₹')).toEqual({ ok: true, value: 'INR' });
    expect(normalizeCurrency('Rs')).toEqual({ ok: true, value: 'INR' });
    expect(normalizeCurrency('€')).toEqual({ ok: true, value: 'EUR' });
    expect(normalizeCurrency('dollars').ok).toBe(false);
    expect(normalizeCurrency('US1').ok).toBe(false);
  });
});
