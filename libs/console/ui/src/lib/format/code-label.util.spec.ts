import { codeLabel } from './code-label.util';

describe('codeLabel', () => {
  it('reads a snake_case code as words', () => {
    expect(codeLabel('invalid_recipient')).toBe('Invalid recipient');
    expect(codeLabel('carrier_timeout')).toBe('Carrier timeout');
    expect(codeLabel('failed')).toBe('Failed');
  });

  it('leaves free text and odd values as they came, and nothing as empty', () => {
    expect(codeLabel('550 5.1.1 User unknown')).toBe('550 5.1.1 User unknown');
    expect(codeLabel('Mailbox_Full')).toBe('Mailbox_Full');
    expect(codeLabel('trailing_')).toBe('trailing_');
    expect(codeLabel(null)).toBe('');
    expect(codeLabel('')).toBe('');
  });
});
