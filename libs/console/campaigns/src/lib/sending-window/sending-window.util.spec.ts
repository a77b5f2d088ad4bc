import {
  describeSendingWindow,
  sendingWindowFields,
  sendingWindowModeOf,
  sendingWindowProblem,
} from './sending-window.util';

describe('sending window field rules', () => {
  it('says what is wrong in words', () => {
    expect(sendingWindowProblem('', '21:00')).toBe('Pick both times.');
    expect(sendingWindowProblem('9:00', '21:00')).toBe('Use times such as 09:00 and 21:00.');
    expect(sendingWindowProblem('09:00', '09:00')).toBe('The window must end at a different time than it starts.');
    expect(sendingWindowProblem('22:00', '06:00')).toBeNull();
  });

  it('describes a window for the review step', () => {
    expect(describeSendingWindow(null)).toBe('Any time');
    expect(describeSendingWindow({ start: '09:00', end: '21:00' })).toBe('09:00–21:00, recipient’s local time');
    expect(describeSendingWindow({ start: '22:00', end: '06:00' })).toBe(
      '22:00–06:00 (past midnight), recipient’s local time',
    );
  });
});

describe('sending window choice', () => {
  const w = { start: '22:00', end: '06:00' };
  it('maps each choice to the campaign fields and back', () => {
    for (const mode of ['default', 'custom', 'any'] as const) {
      expect(sendingWindowModeOf(sendingWindowFields(mode, w))).toBe(mode);
    }
    expect(sendingWindowFields('custom', w)).toEqual({ sendingWindow: w, sendAnyTime: false });
    expect(sendingWindowFields('any', w)).toEqual({ sendingWindow: null, sendAnyTime: true });
    expect(sendingWindowFields('default', w)).toEqual({ sendingWindow: null, sendAnyTime: false });
  });
});
