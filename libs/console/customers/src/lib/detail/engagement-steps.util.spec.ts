import type { CustomerEngagementItemDto } from '@mini-crm/contracts';
import { engagementSteps, engagementSummary } from './engagement-steps.util';

const item = (over: Partial<CustomerEngagementItemDto>): CustomerEngagementItemDto => ({
  campaignId: 'c1',
  campaignName: 'Spring',
  channel: 'sms',
  messageStatus: 'delivered',
  sentAt: '2024-05-01T10:00:00.000Z',
  deliveredAt: '2024-05-01T10:00:01.000Z',
  openedAt: null,
  clickedAt: null,
  convertedAt: null,
  revenue: 0,
  ...over,
});

describe('engagementSteps', () => {
  it('has no open step for SMS', () => {
    expect(engagementSteps(item({})).map((s) => s.key)).toEqual(['delivered', 'clicked', 'converted']);
    expect(engagementSteps(item({ channel: 'email' })).map((s) => s.key)).toEqual([
      'delivered',
      'opened',
      'clicked',
      'converted',
    ]);
  });

  it('names the furthest step reached, or the message status', () => {
    expect(engagementSummary(item({ clickedAt: '2024-05-01T11:00:00.000Z' }))).toBe('Clicked');
    expect(engagementSummary(item({ convertedAt: '2024-05-02T11:00:00.000Z' }))).toBe('Converted');
    expect(engagementSummary(item({ deliveredAt: null, messageStatus: 'failed' }))).toBe('Failed');
    expect(engagementSummary(item({ deliveredAt: null, messageStatus: 'sent' }))).toBe('Sent');
  });
});
