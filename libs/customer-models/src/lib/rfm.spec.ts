import { quintileBreaks, quintileScore, RFM_SEGMENTS, rfmCode, rfmSegment } from './rfm';

describe('RFM scoring', () => {
  it('scores 1–5 by quintile, higher values better', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const breaks = quintileBreaks(values);
    const scores = values.map((v) => quintileScore(v, breaks));
    for (let s = 1; s <= 5; s++) expect(scores.filter((x) => x === s)).toHaveLength(20);
    expect(quintileScore(1, breaks)).toBe(1);
    expect(quintileScore(100, breaks)).toBe(5);
  });

  it('reverses for recency: fewer days since the last order scores higher', () => {
    const days = Array.from({ length: 100 }, (_, i) => i);
    const breaks = quintileBreaks(days);
    expect(quintileScore(0, breaks, true)).toBe(5);
    expect(quintileScore(99, breaks, true)).toBe(1);
    const scores = days.map((d) => quintileScore(d, breaks, true));
    for (let s = 1; s <= 5; s++) expect(scores.filter((x) => x === s).length).toBeGreaterThanOrEqual(19);
  });

  it('gives tied values the same score', () => {
    const values = [1, 1, 1, 1, 1, 1, 1, 2, 3, 4];
    const breaks = quintileBreaks(values);
    const scores = new Set(values.filter((v) => v === 1).map((v) => quintileScore(v, breaks)));
    expect(scores.size).toBe(1);
  });

  it('maps every recency × frequency cell to one of the eleven segments', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) seen.add(rfmSegment(r, f));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
    expect(rfmSegment(5, 5)).toBe('champions');
    expect(rfmSegment(1, 1)).toBe('lost');
    expect(rfmSegment(1, 5)).toBe('cant_lose');
    expect(rfmSegment(5, 1)).toBe('new');
    expect(rfmSegment(4, 1)).toBe('promising');
    expect(rfmSegment(3, 3)).toBe('need_attention');
    expect(rfmSegment(2, 3)).toBe('at_risk');
    expect(rfmCode(5, 4, 5)).toBe('545');
  });
});
