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

  it('normalizes the sender to E.164', () => {
    expect(normalizeSender('+91 98100 00001')).toBe('+919810000001');
    expect(normalizeSender('14155550100')).toBe('+14155550100');
  });
});
