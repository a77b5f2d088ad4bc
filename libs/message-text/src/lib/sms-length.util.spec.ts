import { smsLength, unitsLeft } from './sms-length.util';

describe('smsLength', () => {
  it('counts GSM-7 in septets, one segment up to 160', () => {
    expect(smsLength('')).toMatchObject({ encoding: 'GSM-7', units: 0, segments: 0 });
    expect(smsLength('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      units: 160,
      segments: 1,
      perSegment: 160,
      nonGsm: [],
    });
    expect(smsLength('a'.repeat(161))).toEqual({
      encoding: 'GSM-7',
      units: 161,
      segments: 2,
      perSegment: 153,
      nonGsm: [],
    });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts basic characters once and extension characters twice', () => {
    expect(smsLength('Hello @ £5!')).toMatchObject({ encoding: 'GSM-7', units: 11 });
    expect(smsLength('{€}[~]^|\\')).toMatchObject({ encoding: 'GSM-7', units: 18 });
    expect(smsLength('ÄÖÑÜäöñüà')).toMatchObject({ encoding: 'GSM-7', units: 9 });
    expect(smsLength('plain text')).toMatchObject({ encoding: 'GSM-7', nonGsm: [] });
    expect(smsLength('€[]').units).toBe(6);
    expect(smsLength('{'.repeat(80)).segments).toBe(1);
    expect(smsLength('{'.repeat(81)).segments).toBe(2);
    expect(smsLength('€'.repeat(80)).segments).toBe(1);
    expect(smsLength('€'.repeat(81)).segments).toBe(2);
  });

  it('switches to UCS-2 for other characters and names them', () => {
    const len = smsLength('Hi Zoë 😀 ’');
    expect(len.encoding).toBe('UCS-2');
    expect(len.units).toBe('Hi Zoë 😀 ’'.length);
    expect(len.nonGsm).toEqual(['ë', '😀', '’']);
    expect(smsLength('₹500 off')).toMatchObject({ encoding: 'UCS-2', nonGsm: ['₹'] });
    expect(smsLength('“quoted”')).toMatchObject({ encoding: 'UCS-2', nonGsm: ['“', '”'] });
    expect(smsLength('я'.repeat(70)).segments).toBe(1);
    expect(smsLength('я'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
  });

  it('splits UCS-2 at 70 / 67, counting emoji as two units', () => {
    expect(smsLength('₹'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      units: 70,
      segments: 1,
      perSegment: 70,
      nonGsm: ['₹'],
    });
    expect(smsLength('₹'.repeat(71)).segments).toBe(2);
    expect(smsLength('🎉'.repeat(35)).segments).toBe(1);
    expect(smsLength('🎉'.repeat(36)).segments).toBe(2);
    expect(smsLength('x'.repeat(134) + 'ä₹').segments).toBe(3);
  });

  it('tells how much room is left in the current segment', () => {
    expect(unitsLeft(smsLength(''))).toBe(160);
    expect(unitsLeft(smsLength('a'.repeat(150)))).toBe(10);
    expect(unitsLeft(smsLength('a'.repeat(200)))).toBe(106);
  });
});
