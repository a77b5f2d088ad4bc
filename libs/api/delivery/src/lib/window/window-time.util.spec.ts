import { isWindowOpen, nextWindowOpening } from './window-time.util';

const DAY = { start: '09:00', end: '21:00' };
const NIGHT = { start: '22:00', end: '06:00' };
const at = (iso: string) => new Date(iso);

describe('sending window math', () => {
  describe('a day window 09:00–21:00 in Asia/Kolkata (UTC+05:30)', () => {
    it('is open from 09:00 inclusive to 21:00 exclusive, local time', () => {
      expect(isWindowOpen(DAY, 'Asia/Kolkata', at('2026-12-02T03:29:59Z'))).toBe(false); // 08:59:59
      expect(isWindowOpen(DAY, 'Asia/Kolkata', at('2026-12-02T03:30:00Z'))).toBe(true); // 09:00:00
      expect(isWindowOpen(DAY, 'Asia/Kolkata', at('2026-12-02T15:29:59Z'))).toBe(true); // 20:59:59
      expect(isWindowOpen(DAY, 'Asia/Kolkata', at('2026-12-02T15:30:00Z'))).toBe(false); // 21:00:00
    });

    it('answers the instant itself when open, exactly at the opening included', () => {
      const opening = at('2026-12-02T03:30:00Z');
      expect(nextWindowOpening(DAY, 'Asia/Kolkata', opening)).toEqual(opening);
    });

    it('waits until 09:00 the same day before the window, and the next day from its end', () => {
      expect(nextWindowOpening(DAY, 'Asia/Kolkata', at('2026-12-02T00:00:00Z'))).toEqual(at('2026-12-02T03:30:00Z'));
      expect(nextWindowOpening(DAY, 'Asia/Kolkata', at('2026-12-02T15:30:00Z'))).toEqual(at('2026-12-03T03:30:00Z'));
      expect(nextWindowOpening(DAY, 'Asia/Kolkata', at('2026-12-02T18:29:59Z'))).toEqual(at('2026-12-03T03:30:00Z'));
    });

    it('reads the same instant in each recipient’s own zone', () => {
      const instant = at('2026-12-02T16:00:00Z'); // 21:30 in Kolkata, 11:00 in New York, 16:00 in London
      expect(isWindowOpen(DAY, 'Asia/Kolkata', instant)).toBe(false);
      expect(isWindowOpen(DAY, 'America/New_York', instant)).toBe(true);
      expect(isWindowOpen(DAY, 'Europe/London', instant)).toBe(true);
    });
  });

  describe('a window crossing midnight, 22:00–06:00', () => {
    it('is open late evening and early morning, closed in between', () => {
      const zone = 'Europe/London'; // UTC+0 in December
      expect(isWindowOpen(NIGHT, zone, at('2026-12-02T21:59:00Z'))).toBe(false);
      expect(isWindowOpen(NIGHT, zone, at('2026-12-02T22:00:00Z'))).toBe(true);
      expect(isWindowOpen(NIGHT, zone, at('2026-12-02T23:59:59Z'))).toBe(true);
      expect(isWindowOpen(NIGHT, zone, at('2026-12-03T00:00:00Z'))).toBe(true);
      expect(isWindowOpen(NIGHT, zone, at('2026-12-03T05:59:59Z'))).toBe(true);
      expect(isWindowOpen(NIGHT, zone, at('2026-12-03T06:00:00Z'))).toBe(false);
    });

    it('opens at 22:00 the same evening when closed', () => {
      expect(nextWindowOpening(NIGHT, 'Europe/London', at('2026-12-03T06:00:00Z'))).toEqual(at('2026-12-03T22:00:00Z'));
      expect(nextWindowOpening(NIGHT, 'Europe/London', at('2026-12-03T12:00:00Z'))).toEqual(at('2026-12-03T22:00:00Z'));
    });
  });

  describe('across daylight-saving changes (America/New_York)', () => {
    it('opens at 09:00 EDT (13:00Z) after the spring-forward night, not 24 h after 09:00 EST', () => {
      // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT. 21:30 EST on the 7th = 02:30Z on the 8th.
      expect(nextWindowOpening(DAY, 'America/New_York', at('2026-03-08T02:30:00Z'))).toEqual(
        at('2026-03-08T13:00:00Z'),
      );
      expect(isWindowOpen(DAY, 'America/New_York', at('2026-03-08T13:00:00Z'))).toBe(true);
      expect(isWindowOpen(DAY, 'America/New_York', at('2026-03-08T12:59:59Z'))).toBe(false);
    });

    it('opens at 09:00 EST (14:00Z) after the fall-back night', () => {
      // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST. 22:00 EDT on Oct 31 = 02:00Z on Nov 1.
      expect(nextWindowOpening(DAY, 'America/New_York', at('2026-11-01T02:00:00Z'))).toEqual(
        at('2026-11-01T14:00:00Z'),
      );
    });

    it('a window opening inside the skipped hour opens at the first local time after the gap', () => {
      const early = { start: '02:30', end: '05:00' };
      // 01:00 EST on the spring-forward day; 02:30 does not exist that night, 03:30 EDT (07:30Z) follows the gap.
      const opens = nextWindowOpening(early, 'America/New_York', at('2026-03-08T06:00:00Z'));
      expect(opens).toEqual(at('2026-03-08T07:30:00Z'));
      expect(isWindowOpen(early, 'America/New_York', opens)).toBe(true);
    });
  });

  it('a window whose start equals its end is no restriction', () => {
    const instant = at('2026-12-02T00:00:00Z');
    expect(isWindowOpen({ start: '09:00', end: '09:00' }, 'UTC', instant)).toBe(true);
    expect(nextWindowOpening({ start: '09:00', end: '09:00' }, 'UTC', instant)).toEqual(instant);
  });
});
