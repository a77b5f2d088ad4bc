import { ConfigError } from '@mini-crm/api/core';
import { loadSendingWindowConfig } from './sending-window.config';

describe('sending window configuration', () => {
  it('defaults to Asia/Kolkata and no window', () => {
    expect(loadSendingWindowConfig({ env: {} })).toEqual({
      timeZone: 'Asia/Kolkata',
      windows: { sms: null, email: null },
    });
  });

  it('reads SENDING_WINDOW_SMS / _EMAIL and WORKSPACE_TIME_ZONE', () => {
    expect(
      loadSendingWindowConfig({
        env: { SENDING_WINDOW_SMS: '09:00-21:00', SENDING_WINDOW_EMAIL: ' 22:00 - 06:00 ', WORKSPACE_TIME_ZONE: 'UTC' },
      }),
    ).toEqual({
      timeZone: 'UTC',
      windows: { sms: { start: '09:00', end: '21:00' }, email: { start: '22:00', end: '06:00' } },
    });
  });

  it.each([
    [{ SENDING_WINDOW_SMS: '9-21' }, /SENDING_WINDOW_SMS must be a window/],
    [{ SENDING_WINDOW_EMAIL: '09:00-09:00' }, /SENDING_WINDOW_EMAIL/],
    [{ SENDING_WINDOW_SMS: '24:00-06:00' }, /SENDING_WINDOW_SMS/],
    [{ WORKSPACE_TIME_ZONE: 'Asia/Pune' }, /WORKSPACE_TIME_ZONE must be an IANA time zone/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadSendingWindowConfig({ env })).toThrow(ConfigError);
    expect(() => loadSendingWindowConfig({ env })).toThrow(message);
  });
});
