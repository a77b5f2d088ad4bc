import { launchQuestion, messagesLabel } from './launch-summary.util';

describe('launch summary', () => {
  it('asks with the real numbers', () => {
    expect(launchQuestion({ audience: 366, channel: 'sms' }, 'Pune buyers', null)).toBe(
      'Send 366 SMS to Pune buyers now?',
    );
    expect(launchQuestion({ audience: 1, channel: 'email' }, 'VIPs', '3 Dec 2026, 09:00')).toBe(
      'Schedule 1 email to VIPs for 3 Dec 2026, 09:00?',
    );
    expect(messagesLabel(123456, 'email')).toBe('1,23,456 emails');
  });
});
