import { audienceLine, launchQuestion, messagesLabel } from './launch-summary.util';

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

  it('counts the audience in the singular for one', () => {
    expect(audienceLine(24, 2)).toBe('24 recipients · 2 suppressed');
    expect(audienceLine(1, 1)).toBe('1 recipient · 1 suppressed');
    expect(audienceLine(1, 0)).toBe('1 recipient');
    expect(audienceLine(0, 3)).toBe('0 recipients · 3 suppressed');
    expect(messagesLabel(1, 'sms')).toBe('1 SMS');
    expect(messagesLabel(1, 'email')).toBe('1 email');
  });
});
