import { getCountries } from 'libphonenumber-js/min';
import { IANAZone } from 'luxon';
import { countryZone, recipientZone } from './recipient-zone.util';

const WORKSPACE = 'Asia/Kolkata';

describe('recipient time zone', () => {
  it('takes a valid `timezone` attribute first', () => {
    expect(recipientZone({ timezone: 'Europe/Berlin', country: 'IN', phone: '+919810000001' }, WORKSPACE)).toEqual({
      zone: 'Europe/Berlin',
      source: 'attribute',
    });
  });

  it('ignores an attribute that is not a zone, then uses the country', () => {
    expect(recipientZone({ timezone: 'Mars/Olympus', country: 'GB' }, WORKSPACE)).toEqual({
      zone: 'Europe/London',
      source: 'country',
    });
    expect(recipientZone({ timezone: 42, country: 'ae' }, WORKSPACE)).toEqual({
      zone: 'Asia/Dubai',
      source: 'country',
    });
  });

  it('derives the country from the phone number when the customer has none', () => {
    expect(recipientZone({ phone: '+14155550100' }, WORKSPACE)).toEqual({ zone: 'America/New_York', source: 'phone' });
    expect(recipientZone({ phone: '+6591234567' }, WORKSPACE).zone).toMatch(/Singapore/);
  });

  it('falls back to the workspace zone', () => {
    expect(recipientZone({}, WORKSPACE)).toEqual({ zone: WORKSPACE, source: 'workspace' });
    expect(recipientZone({ country: 'ZZ', phone: 'not a phone' }, 'UTC')).toEqual({ zone: 'UTC', source: 'workspace' });
  });

  it('picks the documented representative zone for multi-zone countries', () => {
    expect(countryZone('IN')).toBe('Asia/Kolkata');
    expect(countryZone('US')).toBe('America/New_York');
    expect(countryZone('AU')).toBe('Australia/Sydney');
    expect(countryZone('RU')).toBe('Europe/Moscow');
  });

  it('knows a valid zone for every country of the phone metadata', () => {
    const missing = getCountries().filter((c) => {
      const zone = countryZone(c);
      return !zone || !IANAZone.isValidZone(zone);
    });
    expect(missing).toEqual([]);
  });
});
