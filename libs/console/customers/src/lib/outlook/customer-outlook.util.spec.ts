import type { CustomerOutlookDto } from '@mini-crm/contracts';
import { activityText, formatExpected, outlookLines } from './customer-outlook.util';

const OUTLOOK: CustomerOutlookDto = {
  rfmScore: '545',
  rfmSegment: 'champions',
  recencyScore: 5,
  frequencyScore: 4,
  monetaryScore: 5,
  churnRisk: 0.18,
  pAlive: 0.82,
  expectedOrders30d: 0.4,
  expectedOrders90d: 1.04,
  predictedClv: 4210,
  avgOrderValue: 1250.5,
  scoredAt: '2026-12-03T02:30:00.000Z',
};

describe('outlook in words', () => {
  it('says each number the way a marketer reads it', () => {
    const byKey = Object.fromEntries(outlookLines(OUTLOOK, 'INR').map((l) => [l.key, l]));
    expect(byKey['active'].text).toBe('Likely still active (82%)');
    expect(byKey['active'].meaning).toContain('Churn risk 18%');
    expect(byKey['orders30'].text).toBe('Expected 0.4 orders in the next 30 days');
    expect(byKey['orders90'].text).toBe('Expected 1 order in the next 90 days');
    expect(byKey['clv'].text).toBe('Predicted 12-month value ₹4,210.00');
    expect(byKey['clv'].meaning).toContain('₹1,250.50 per order');
    expect(byKey['rfm'].text).toBe('RFM 545 · Champions');
    expect(byKey['rfm'].meaning).toMatch(/^Bought recently and often.*Recency 5, frequency 4, spend 5/);
  });

  it('bands the chance of being active and says when no value was predicted', () => {
    expect(activityText(0.7)).toEqual({ text: 'Likely still active (70%)', tone: 'good' });
    expect(activityText(0.55).text).toBe('May be drifting away (55% still active)');
    expect(activityText(0.1)).toEqual({ text: 'Probably lapsed (10% still active)', tone: 'bad' });
    const lines = outlookLines({ ...OUTLOOK, predictedClv: null, rfmSegment: 'cant_lose' });
    expect(lines.find((l) => l.key === 'clv')?.text).toBe('No 12-month value predicted yet');
    expect(lines.find((l) => l.key === 'rfm')?.text).toBe("RFM 545 · Can't lose them");
  });

  it('rounds expected counts to one decimal at most', () => {
    expect(formatExpected(0.04)).toBe('0');
    expect(formatExpected(2.96)).toBe('3');
    expect(formatExpected(12.34)).toBe('12.3');
  });
});
