import { normalizeSender, smsKeyword } from './sms-keyword.util';

describe('SMS keywords', () => {
  it.each([
    ['STOP', 'unsubscribe'],
    [' stop please', 'unsubscribe'],
    ['Unsubscribe', 'unsubscribe'],
    ['STOP.', 'unsubscribe'],
    ['opt-out', 'unsubscribe'],
    ['START', 'resubscribe'],
    ['thanks!', null],
    ['', null],
    ['nonstop', null],
  ])('%j → %s', (text, expected) => expect(smsKeyword(text)).toBe(expected));

  it('normalizes the sender to E.164 like an imported phone', () => {
    expect(normalizeSender('+91 98100 00001', 'IN')).toBe('+919810000001');
    expect(normalizeSender('+1 415 555 0100', 'IN')).toBe('+14155550100');
    expect(normalizeSender('not a number 12', 'IN')).toBe('+12');
    // National formats, as carriers and gateways often send them, in the deployment's country.
    expect(normalizeSender('098100 00001', 'IN')).toBe('+919810000001');
    expect(normalizeSender('98100-00001', 'IN')).toBe('+919810000001');
    expect(normalizeSender('0091 98100 00001', 'IN')).toBe('+919810000001');
    expect(normalizeSender('070-123 45 67', 'SE')).toBe('+46701234567');
  });
});
