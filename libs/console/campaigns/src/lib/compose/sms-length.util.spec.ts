import { smsLength, unitsLeft } from './sms-length.util';

describe('smsLength', () => {
  it('counts GSM-7 in septets, one segment up to 160', () => {
    expect(smsLength('')).toMatchObject({ encoding: 'GSM-7', units: 0, segments: 0 });
    expect(smsLength('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
    expect(smsLength('a'.repeat(161))).toMatchObject({ units: 161, segments: 2, perSegment: 153 });
    expect(smsLength('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('charges two septets for extension characters', () => {
    expect(smsLength('€[]').units).toBe(6);
    expect(smsLength('{'.repeat(80)).segments).toBe(1);
    expect(smsLength('{'.repeat(81)).segments).toBe(2);
  });

  it('switches to UCS-2 for other characters and names them', () => {
    const len = smsLength('Hi Zoë 😀 ’');
    expect(len.encoding).toBe('UCS-2');
    expect(len.units).toBe('Hi Zoë 😀 ’'.length);
    expect(len.nonGsm).toEqual(['ë', '😀', '’']);
    expect(smsLength('я'.repeat(70)).segments).toBe(1);
    expect(smsLength('я'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
  });

  it('tells how much room is left in the current segment', () => {
    expect(unitsLeft(smsLength(''))).toBe(160);
    expect(unitsLeft(smsLength('a'.repeat(150)))).toBe(10);
    expect(unitsLeft(smsLength('a'.repeat(200)))).toBe(106);
  });
});
