import {
  combineDateTime,
  defaultScheduleTime,
  scheduleProblem,
  timeOf,
  timezoneLabel,
  utcOffset,
} from './schedule.util';

describe('schedule', () => {
  it('combines the date picker day with the time input in local time', () => {
    const at = combineDateTime(new Date(2031, 4, 17, 23, 59), '09:05');
    expect(at).toEqual(new Date(2031, 4, 17, 9, 5, 0, 0));
    expect(combineDateTime(new Date(2031, 4, 17), '24:00')).toBeNull();
    expect(combineDateTime(new Date(2031, 4, 17), 'soon')).toBeNull();
    expect(combineDateTime(null, '10:00')).toBeNull();
    expect(combineDateTime(new Date('x'), '10:00')).toBeNull();
  });

  it('insists on the future, with a minute of lead time', () => {
    const now = new Date(2030, 0, 1, 12, 0);
    expect(scheduleProblem(null, now)).toBe('missing');
    expect(scheduleProblem(new Date(2030, 0, 1, 11, 0), now)).toBe('past');
    expect(scheduleProblem(new Date(2030, 0, 1, 12, 0, 30), now)).toBe('past');
    expect(scheduleProblem(new Date(2030, 0, 1, 12, 5), now)).toBeNull();
  });

  it('labels the timezone with its offset', () => {
    expect(timezoneLabel(new Date(), 'Mars/Olympus')).toMatch(/^Mars\/Olympus \(UTC[+-]\d\d:\d\d\)$/);
    expect(utcOffset(new Date())).toMatch(/^UTC[+-]\d\d:\d\d$/);
  });

  it('defaults to a full hour well ahead', () => {
    const now = new Date(2030, 0, 1, 12, 40);
    const d = defaultScheduleTime(now);
    expect(d.getMinutes()).toBe(0);
    expect(d.getTime() - now.getTime()).toBeGreaterThanOrEqual(30 * 60_000);
    expect(timeOf(new Date(2030, 0, 1, 7, 3))).toBe('07:03');
  });
});
