import type { RfmSegmentValue } from '@mini-crm/contracts';

/**
 * Words for the insights scores (libs/customer-models) and the thresholds the offline parser
 * uses for qualitative phrases. A marketer sees the resulting number in the rule builder and can
 * change it; the README's AI section lists these.
 */
export const PREDICTION_THRESHOLDS = {
  /** "high churn risk", "at risk of churning", "likely to churn": churn_risk above this. */
  highChurnRisk: 0.7,
  /** "low churn risk", "unlikely to churn": churn_risk below this. */
  lowChurnRisk: 0.3,
  /** "likely still active": p_alive above this. */
  likelyAlive: 0.7,
  /** "likely to buy again (this month)": at least this many expected orders in the window. */
  likelyOrders: 0.5,
  /** "unlikely to buy again": fewer expected orders than this in the next 90 days. */
  unlikelyOrders: 0.1,
  /** "high lifetime value", "high-value customers": predicted 12-month value at least this. */
  highClv: 10_000,
  /** "low lifetime value": predicted 12-month value below this. */
  lowClv: 1_000,
} as const;

/** Phrases naming each RFM segment (longest first within a segment; the contracts own the values). */
export const RFM_SEGMENT_PHRASES: Readonly<Record<RfmSegmentValue, readonly string[]>> = {
  champions: ['champion customers', 'champions', 'champion', 'best customers', 'top customers'],
  loyal: ['loyal customers', 'loyalists', 'loyal'],
  potential_loyalist: ['potential loyalists', 'potential loyalist', 'potential loyal customers', 'potentially loyal'],
  new: ['new customers', 'new buyers', 'new shoppers', 'newcomers'],
  promising: ['promising customers', 'promising'],
  need_attention: ['needing attention', 'need attention', 'needs attention'],
  about_to_sleep: ['about to sleep', 'falling asleep', 'going to sleep'],
  at_risk: ['at-risk customers', 'at-risk', 'at risk'],
  cant_lose: ["can't lose them", "can't lose", 'cant lose them', 'cant lose', 'cannot lose them', 'cannot lose'],
  hibernating: ['hibernating customers', 'hibernating'],
  lost: ['lost customers', 'lost'],
};
