import { campaignRates, formatRate, funnelSteps, progressPercent } from './campaign-stats.util';
import { canDo, isLive, isTerminal, RECEIPT_WAIT_MS, watchesStats } from './campaign-status.util';

const stats = { audience: 200, sent: 150, failed: 20, delivered: 120, opened: 60, clicked: 12 };

describe('campaign stats', () => {
  it('measures progress as handled over audience', () => {
    expect(progressPercent(stats)).toBe(85);
    expect(progressPercent({ audience: 3, sent: 1, failed: 0 })).toBe(33.3);
    expect(progressPercent({ audience: 0, sent: 0, failed: 0 })).toBe(0);
  });

  it('builds the funnel, with opens only for email', () => {
    expect(funnelSteps(stats, 'sms').map((s) => s.key)).toEqual(['audience', 'sent', 'delivered', 'clicked']);
    const email = funnelSteps(stats, 'email');
    expect(email.map((s) => [s.key, s.width, s.ofPrevious])).toEqual([
      ['audience', 100, null],
      ['sent', 75, 75],
      ['delivered', 60, 80],
      ['opened', 30, 50],
      ['clicked', 6, 20],
    ]);
    expect(
      funnelSteps({ ...stats, audience: 0, sent: 0, delivered: 0, opened: 0, clicked: 0 }, 'sms')[1],
    ).toMatchObject({ width: 0, ofPrevious: 0 });
  });

  it('formats the rate', () => {
    expect(formatRate(0)).toBe('0 msg/s');
    expect(formatRate(3.456)).toBe('3.5 msg/s');
    expect(formatRate(12345.6)).toBe('12,346 msg/s');
  });

  it('knows which controls each status allows', () => {
    expect(canDo('running', 'pause')).toBe(true);
    expect(canDo('paused', 'pause')).toBe(false);
    expect(canDo('paused', 'resume')).toBe(true);
    expect(canDo('scheduled', 'cancel')).toBe(true);
    expect(canDo('completed', 'cancel')).toBe(false);
    expect(canDo('draft', 'launch')).toBe(true);
    expect(isTerminal('failed')).toBe(true);
    expect(isLive('scheduled')).toBe(true);
    expect(isLive('draft')).toBe(false);
  });

  it('follows an ended campaign while its receipts may still arrive, not a settled or unsent one', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    const endedAgo = (ms: number) => new Date(now - ms).toISOString();
    expect(watchesStats({ status: 'running', finishedAt: null }, now)).toBe(true);
    expect(watchesStats({ status: 'completed', finishedAt: endedAgo(100) }, now)).toBe(true);
    expect(watchesStats({ status: 'cancelled', finishedAt: endedAgo(RECEIPT_WAIT_MS - 1) }, now)).toBe(true);
    expect(watchesStats({ status: 'completed', finishedAt: endedAgo(RECEIPT_WAIT_MS) }, now)).toBe(false);
    expect(watchesStats({ status: 'completed', finishedAt: null }, now)).toBe(false);
    expect(watchesStats({ status: 'draft', finishedAt: null }, now)).toBe(false);
  });
});

describe('campaignRates', () => {
  it('gives delivery of handled and clicks of delivered', () => {
    expect(campaignRates({ sent: 8, failed: 2, delivered: 6, clicked: 3 })).toEqual({
      deliveryRate: 0.6,
      clickRate: 0.5,
    });
  });

  it('has no rate without a base', () => {
    expect(campaignRates({ sent: 0, failed: 0, delivered: 0, clicked: 0 })).toEqual({
      deliveryRate: null,
      clickRate: null,
    });
  });
});
