import type { CampaignStatsDto } from './dto/campaigns.dto';
import { campaignStatsSettler, isCampaignEnded } from './campaign-stats-progress';

const stats = (over: Partial<CampaignStatsDto>): CampaignStatsDto => ({
  campaignId: 'c',
  status: 'running',
  statusReason: null,
  audience: 10,
  suppressed: 0,
  queued: 0,
  scheduled: 0,
  sent: 10,
  failed: 0,
  delivered: 10,
  opened: 0,
  clicked: 0,
  machineOpens: 0,
  machineClicks: 0,
  converted: 0,
  revenue: 0,
  unsubscribed: 0,
  startedAt: null,
  finishedAt: null,
  rate: 0,
  ...over,
});

describe('campaign stats settling', () => {
  it('knows the ended statuses', () => {
    expect(['completed', 'cancelled', 'failed'].every((s) => isCampaignEnded(s as never))).toBe(true);
    expect(isCampaignEnded('paused')).toBe(false);
  });

  it('never settles while the campaign runs, however still its counters are', () => {
    const settled = campaignStatsSettler(2, 100);
    expect([1, 2, 3, 4].map(() => settled(stats({})))).toEqual([false, false, false, false]);
  });

  it('after the end, waits for every receipt, then for the counters to hold still', () => {
    const settled = campaignStatsSettler(2, 100);
    const done = stats({ status: 'completed' });
    expect(settled(stats({ status: 'completed', delivered: 7 }))).toBe(false);
    expect(settled(stats({ status: 'completed', delivered: 7 }))).toBe(false); // still, but 3 receipts missing
    expect(settled(done)).toBe(false); // changed
    expect(settled(done)).toBe(false); // still once
    expect(settled(done)).toBe(true); // still twice
  });

  it('gives up on missing receipts after the wait', () => {
    const settled = campaignStatsSettler(1, 3);
    const missing = stats({ status: 'completed', delivered: 7 });
    expect([1, 2, 3, 4].map(() => settled(missing))).toEqual([false, false, false, true]);
  });
});
