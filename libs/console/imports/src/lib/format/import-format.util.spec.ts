import {
  formatBytes,
  formatCount,
  formatEta,
  formatRate,
  hasErrorReport,
  isTerminal,
  jobDuration,
} from './import-format.util';

describe('import formatting', () => {
  it('formats counts and rates with Indian grouping', () => {
    expect(formatCount(123456)).toBe('1,23,456');
    expect(formatCount(undefined)).toBe('0');
    expect(formatRate(12400.6)).toBe('12,401 rows/s');
    expect(formatRate(0)).toBe('—');
  });

  it('formats the ETA', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(3)).toBe('under 5 s');
    expect(formatEta(42)).toBe('42 s');
    expect(formatEta(185)).toBe('3 min 5 s');
    expect(formatEta(120)).toBe('2 min');
    expect(formatEta(4320)).toBe('1 h 12 min');
    expect(formatEta(-1)).toBe('—');
  });

  it('measures job duration', () => {
    expect(jobDuration({ startedAt: null, finishedAt: null })).toBe('—');
    expect(jobDuration({ startedAt: '2024-01-01T00:00:00Z', finishedAt: '2024-01-01T00:00:00.400Z' })).toBe(
      'under 1 s',
    );
    expect(jobDuration({ startedAt: '2024-01-01T00:00:00Z', finishedAt: '2024-01-01T00:00:03Z' })).toBe('3 s');
    expect(
      jobDuration({ startedAt: '2024-01-01T00:00:00Z', finishedAt: null }, Date.parse('2024-01-01T00:01:30Z')),
    ).toBe('1 min 30 s');
  });

  it('formats sizes and states', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(isTerminal('running')).toBe(false);
    expect(isTerminal('cancelled')).toBe(true);
    expect(hasErrorReport({ failed: 0, warnings: 2 })).toBe(true);
    expect(hasErrorReport({ failed: 0, warnings: 0 })).toBe(false);
  });
});
