import type { CampaignStatsDto } from '@mini-crm/contracts';
import { MAX_RECONNECTS, recoveryAfterStreamEnd } from './stats-stream-recovery.util';

const stats = (over: Partial<CampaignStatsDto>): CampaignStatsDto =>
  ({ campaignId: 'c', status: 'running', audience: 24, sent: 24, delivered: 0, ...over }) as CampaignStatsDto;

describe('recoveryAfterStreamEnd', () => {
  it('keeps watching an ended campaign whose receipts may still arrive, by polling', () => {
    // The CI failure this guards: the stream dropped right after "completed", before any receipt,
    // and the page stopped updating with 0 delivered.
    expect(recoveryAfterStreamEnd(stats({ status: 'completed', delivered: 0 }), 0)).toBe('poll');
    expect(recoveryAfterStreamEnd(stats({ status: 'cancelled' }), 0)).toBe('poll');
  });

  it('reopens a running campaign’s stream a few times, then polls', () => {
    expect(recoveryAfterStreamEnd(stats({}), 0)).toBe('reconnect');
    expect(recoveryAfterStreamEnd(null, MAX_RECONNECTS - 1)).toBe('reconnect');
    expect(recoveryAfterStreamEnd(stats({ status: 'paused' }), MAX_RECONNECTS)).toBe('poll');
  });
});
