import { hash32, unitHash } from './hash.util';
import { predictVendorFate, recipientProblem } from './outcome.util';

const rates = { failRate: 0.1, openRate: 0.4, clickRate: 0.1 };
const keys = Array.from({ length: 20_000 }, (_, i) => `campaign-1:customer-${i}`);

describe('hash', () => {
  it('is stable across calls and differs by seed', () => {
    expect(hash32('abc')).toBe(hash32('abc'));
    expect(hash32('abc')).not.toBe(hash32('abd'));
    expect(unitHash('abc', 1)).not.toBe(unitHash('abc', 2));
    expect(unitHash('abc')).toBeGreaterThanOrEqual(0);
    expect(unitHash('abc')).toBeLessThan(1);
  });
});

describe('predictVendorFate', () => {
  it('is a pure function of key, channel and rates', () => {
    for (const key of keys.slice(0, 500)) {
      expect(predictVendorFate(key, 'email', rates)).toEqual(predictVendorFate(key, 'email', { ...rates }));
    }
  });

  it('fails failRate of messages: half rejected at once, half failed later', () => {
    const fates = keys.map((k) => predictVendorFate(k, 'sms', rates));
    const rejected = fates.filter((f) => f.fate === 'rejected').length / keys.length;
    const failed = fates.filter((f) => f.fate === 'failed').length / keys.length;
    expect(rejected).toBeGreaterThan(0.04);
    expect(rejected).toBeLessThan(0.06);
    expect(failed).toBeGreaterThan(0.04);
    expect(failed).toBeLessThan(0.06);
  });

  it('never fails with failRate 0 and always fails with failRate 1', () => {
    expect(
      keys.slice(0, 1000).every((k) => predictVendorFate(k, 'email', { ...rates, failRate: 0 }).fate === 'delivered'),
    ).toBe(true);
    expect(
      keys.slice(0, 1000).every((k) => predictVendorFate(k, 'email', { ...rates, failRate: 1 }).fate !== 'delivered'),
    ).toBe(true);
  });

  it('opens about openRate and clicks about clickRate of delivered email; clicks imply opens', () => {
    const delivered = keys.map((k) => predictVendorFate(k, 'email', rates)).filter((f) => f.fate === 'delivered');
    const opened = delivered.filter((f) => f.fate === 'delivered' && f.opened).length / delivered.length;
    const clicked = delivered.filter((f) => f.fate === 'delivered' && f.clicked).length / delivered.length;
    expect(opened).toBeGreaterThan(0.37);
    expect(opened).toBeLessThan(0.43);
    expect(clicked).toBeGreaterThan(0.08);
    expect(clicked).toBeLessThan(0.12);
    expect(delivered.every((f) => f.fate === 'delivered' && (!f.clicked || f.opened))).toBe(true);
  });

  it('gives SMS clicks but no opens', () => {
    const delivered = keys.map((k) => predictVendorFate(k, 'sms', rates)).filter((f) => f.fate === 'delivered');
    expect(delivered.some((f) => f.fate === 'delivered' && f.clicked)).toBe(true);
    expect(delivered.some((f) => f.fate === 'delivered' && f.opened)).toBe(false);
  });

  it('gives channel-specific reasons', () => {
    const reasons = new Set(
      keys.map((k) => predictVendorFate(k, 'email', rates)).flatMap((f) => (f.fate === 'delivered' ? [] : [f.reason])),
    );
    expect([...reasons].sort()).toEqual(['hard_bounce', 'invalid_recipient', 'mailbox_full', 'spam_filtered']);
  });
});

describe('recipientProblem', () => {
  it('rejects recipients no vendor could reach', () => {
    expect(recipientProblem('sms', '+14155550100')).toBeNull();
    expect(recipientProblem('sms', '4155550100')).toBe('invalid_recipient');
    expect(recipientProblem('email', 'ana@example.com')).toBeNull();
    expect(recipientProblem('email', 'not-an-email')).toBe('invalid_recipient');
  });
});
