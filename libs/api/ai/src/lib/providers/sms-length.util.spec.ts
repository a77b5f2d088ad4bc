import { gsm7Length, isGsm7, smsSegments } from './sms-length.util';

describe('gsm7Length / smsSegments', () => {
  it('counts basic characters once and extension characters twice', () => {
    expect(gsm7Length('Hello @ £5!')).toBe(11);
    expect(gsm7Length('{€}[~]^|\\')).toBe(18);
    expect(gsm7Length('ÄÖÑÜäöñüà')).toBe(9);
  });

  it('reports -1 for text outside GSM-7', () => {
    expect(gsm7Length('₹500 off')).toBe(-1);
    expect(gsm7Length('“quoted”')).toBe(-1);
    expect(isGsm7('plain text')).toBe(true);
  });

  it('splits GSM-7 at 160 / 153', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments('€'.repeat(80)).segments).toBe(1);
    expect(smsSegments('€'.repeat(81)).segments).toBe(2);
  });

  it('falls back to UCS-2 at 70 / 67, counting emoji as two units', () => {
    expect(smsSegments('₹'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70 });
    expect(smsSegments('₹'.repeat(71)).segments).toBe(2);
    expect(smsSegments('🎉'.repeat(35)).segments).toBe(1);
    expect(smsSegments('🎉'.repeat(36)).segments).toBe(2);
    expect(smsSegments('x'.repeat(134) + 'ä₹').segments).toBe(3);
  });

  it('counts an empty text as zero segments', () => {
    expect(smsSegments('').segments).toBe(0);
  });
});
